// API of labour relations (DOMAIN §4): risk reports of the early-warning system (劳动关系矛盾预警
// 报告制度), graded red / orange / yellow / blue by rules the city federation's legal department
// sets. The web app imports these schemas, and grades a report as it is typed with gradeOf().
import { z } from 'zod';
import { dayText } from '../platform/shared/dates';
import { optionalText, PageQuery, pageOf, str, text } from '../platform/shared/api';
import { SIZE_BANDS } from '../enterprises/contract';
import { AttachmentView } from '../platform/shared/attachments-contract';

/** Most attachments one risk report holds. */
export const MAX_REPORT_ATTACHMENTS = 20;

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

// ---------- kinds of risk and grades ----------

export const RISK_KINDS = [
  'wageArrears',
  'layoffs',
  'stoppage',
  'collectiveAction',
  'closure',
  'ownerAbsconded',
  'insuranceArrears',
  'other',
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  wageArrears: '欠薪',
  layoffs: '裁员',
  stoppage: '停工停产',
  collectiveAction: '集体上访或停工',
  closure: '关闭或搬迁',
  ownerAbsconded: '老板欠薪逃匿',
  insuranceArrears: '欠缴社会保险',
  other: '其他',
};

/** From the most serious down. */
export const GRADES = ['red', 'orange', 'yellow', 'blue'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = {
  red: '红色',
  orange: '橙色',
  yellow: '黄色',
  blue: '蓝色',
};
/** The grades a rule sets conditions for; a report meeting none of them is blue. */
export const RULED_GRADES = ['red', 'orange', 'yellow'] as const;
export type RuledGrade = (typeof RULED_GRADES)[number];

/** Whether `a` is more serious than `b`. */
export const graver = (a: Grade, b: Grade) => GRADES.indexOf(a) < GRADES.indexOf(b);

// ---------- the grading rule ----------

const count = (label: string, max: number) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(1, { error: `${label}必须大于 0` })
    .max(max, { error: `${label}不能超过 ${max}` })
    .nullable();

/**
 * What puts a report in a grade: any one condition that holds (people involved, months or amount
 * in arrears at or above a threshold, or one of the kinds reported). A threshold left empty
 * plays no part.
 */
export const GradeCondition = z.object({
  workersAtLeast: count('涉及职工人数', 1_000_000),
  monthsAtLeast: count('欠薪月数', 120),
  /** In fen. */
  amountAtLeast: count('欠薪金额', 100_000_000_000),
  kinds: z.array(z.enum(RISK_KINDS, { error: '风险类型不正确' })),
});
export type GradeCondition = z.infer<typeof GradeCondition>;

// ---------- deadlines of acknowledgement, by grade and level ----------

/** The levels a report climbs: the unit above the reporter, and each unit above that. */
export const ACK_LEVELS = ['township', 'district', 'city'] as const;
export type AckLevel = (typeof ACK_LEVELS)[number];
export const ACK_LEVEL_LABELS: Record<AckLevel, string> = {
  township: '乡镇（街道）、产业工会',
  district: '市（区）总工会',
  city: '市总工会',
};

const hours = (label: string) =>
  z
    .number({ error: `${label}必须是整数（小时）` })
    .int({ error: `${label}必须是整数（小时）` })
    .min(1, { error: `${label}至少 1 小时` })
    .max(24 * 30, { error: `${label}不能超过 720 小时（30 天）` });

/** Hours within which a unit of each level must acknowledge a report of one grade. */
export const LevelHours = z.object({
  township: hours('乡镇（街道）签收时限'),
  district: hours('市（区）签收时限'),
  city: hours('市总签收时限'),
});
export type LevelHours = z.infer<typeof LevelHours>;

export const GradingRule = z.object({
  red: GradeCondition,
  orange: GradeCondition,
  yellow: GradeCondition,
  /** Per grade and level, the hours to acknowledge before the report climbs a level. */
  deadlines: z.object({ red: LevelHours, orange: LevelHours, yellow: LevelHours, blue: LevelHours }),
  /** Days after closure (销号) when the follow-up visit (回访) is due. */
  followUpDays: z
    .number({ error: '回访天数必须是整数' })
    .int({ error: '回访天数必须是整数' })
    .min(1, { error: '回访天数至少 1 天' })
    .max(365, { error: '回访天数不能超过 365 天' }),
});
export type GradingRule = z.infer<typeof GradingRule>;

/** The rule until the city federation sets its own. */
export const DEFAULT_GRADING_RULE: GradingRule = {
  red: {
    workersAtLeast: 100,
    monthsAtLeast: 6,
    amountAtLeast: 500_000_000,
    kinds: ['collectiveAction', 'ownerAbsconded'],
  },
  orange: { workersAtLeast: 50, monthsAtLeast: 3, amountAtLeast: 100_000_000, kinds: [] },
  yellow: { workersAtLeast: 20, monthsAtLeast: 2, amountAtLeast: 30_000_000, kinds: ['stoppage', 'closure'] },
  // Hours for red, days for blue.
  deadlines: {
    red: { township: 2, district: 2, city: 4 },
    orange: { township: 12, district: 12, city: 24 },
    yellow: { township: 24, district: 48, city: 48 },
    blue: { township: 72, district: 120, city: 120 },
  },
  followUpDays: 30,
};

/** "2 小时", "3 天", "1 天 6 小时" */
export const hoursText = (h: number) =>
  h < 24 ? `${h} 小时` : h % 24 ? `${Math.floor(h / 24)} 天 ${h % 24} 小时` : `${h / 24} 天`;

/** What the rule reads of a report. */
export interface GradedFacts {
  kinds: readonly RiskKind[];
  workers: number;
  months: number | null;
  amountFen: number | null;
}

/** 120 万元, 9,600 元 */
export const amountText = (fen: number) => {
  const yuan = fen / 100;
  return yuan >= 10_000
    ? `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`
    : `${yuan.toLocaleString('zh-CN')} 元`;
};

/** The grade a report's facts reach under a rule, and why (each condition that holds). */
export function gradeOf(rule: GradingRule, facts: GradedFacts): { grade: Grade; reasons: string[] } {
  for (const grade of RULED_GRADES) {
    const c = rule[grade];
    const label = GRADE_LABELS[grade];
    const reasons: string[] = [];
    if (c.workersAtLeast !== null && facts.workers >= c.workersAtLeast)
      reasons.push(`涉及职工 ${facts.workers} 人（${label}标准 ${c.workersAtLeast} 人以上）`);
    if (c.monthsAtLeast !== null && facts.months !== null && facts.months >= c.monthsAtLeast)
      reasons.push(`欠薪 ${facts.months} 个月（${label}标准 ${c.monthsAtLeast} 个月以上）`);
    if (c.amountAtLeast !== null && facts.amountFen !== null && facts.amountFen >= c.amountAtLeast)
      reasons.push(
        `涉及金额 ${amountText(facts.amountFen)}（${label}标准 ${amountText(c.amountAtLeast)}以上）`,
      );
    for (const kind of facts.kinds)
      if (c.kinds.includes(kind)) reasons.push(`${RISK_KIND_LABELS[kind]}（${label}情形）`);
    if (reasons.length) return { grade, reasons };
  }
  return { grade: 'blue', reasons: ['未达到黄色及以上标准'] };
}

export const GradingRuleView = GradingRule.extend({
  /** 0 while the default applies. */
  version: z.number().int(),
  updatedAt: str().nullable(),
});
export type GradingRuleView = z.infer<typeof GradingRuleView>;

export const GradingRuleBody = GradingRule.extend({
  /** The version seen (0 for the default). */
  version: z.number({ error: 'version 必须是数字' }).int().min(0),
}).superRefine((rule, ctx) => {
  for (const grade of RULED_GRADES) {
    const c = rule[grade];
    if (c.workersAtLeast === null && c.monthsAtLeast === null && c.amountAtLeast === null && !c.kinds.length)
      ctx.addIssue({ code: 'custom', path: [grade], message: `${GRADE_LABELS[grade]}至少要有一个条件` });
  }
  // A graver grade asks for more of the same measure.
  const measures = ['workersAtLeast', 'monthsAtLeast', 'amountAtLeast'] as const;
  for (const [upper, lower] of [
    ['red', 'orange'],
    ['orange', 'yellow'],
  ] as const) {
    for (const m of measures) {
      const a = rule[upper][m];
      const b = rule[lower][m];
      if (a !== null && b !== null && a <= b)
        ctx.addIssue({
          code: 'custom',
          path: [upper, m],
          message: `${GRADE_LABELS[upper]}的标准必须高于${GRADE_LABELS[lower]}`,
        });
    }
  }
});
export type GradingRuleBody = z.input<typeof GradingRuleBody>;

// ---------- risk reports ----------

export const REPORT_STATES = [
  'reported',
  'acknowledged',
  'handling',
  'resolved',
  'closed',
  'followedUp',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  reported: '已上报',
  acknowledged: '已签收',
  handling: '处置中',
  resolved: '已化解',
  closed: '已销号',
  followedUp: '已回访',
};
/** States of a report still being dealt with (before 销号). */
export const OPEN_STATES: readonly ReportState[] = ['reported', 'acknowledged', 'handling', 'resolved'];

const money = (label: string) =>
  z
    .number({ error: `${label}必须是以分为单位的整数` })
    .int({ error: `${label}必须是以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000_000, { error: `${label}不能超过 10 亿元` });
const Money = money('涉及金额');

export const ReportBody = z
  .object({
    /** An enterprise of the registry in the reporter's scope, or one named by hand. */
    enterpriseId: Uuid('企业').nullish(),
    enterpriseName: optionalText('企业名称', 100),
    kinds: z
      .array(z.enum(RISK_KINDS, { error: '风险类型不正确' }), { error: '请选择风险类型' })
      .min(1, { error: '请至少选择一种风险类型' }),
    workers: z
      .number({ error: '涉及职工人数必须是整数' })
      .int({ error: '涉及职工人数必须是整数' })
      .min(1, { error: '涉及职工人数至少为 1' })
      .max(1_000_000, { error: '涉及职工人数不能超过 1000000' }),
    amountFen: Money.nullish(),
    months: z
      .number({ error: '欠薪月数必须是整数' })
      .int({ error: '欠薪月数必须是整数' })
      .min(0, { error: '欠薪月数不能为负数' })
      .max(120, { error: '欠薪月数不能超过 120' })
      .nullish(),
    occurredOn: dayText('发生日期'),
    description: text('基本情况', 4000),
    /** A graver grade than the computed one, with the reason; never a lighter one. */
    raisedGrade: z.enum(GRADES, { error: '预警等级不正确' }).nullish(),
    raiseReason: optionalText('提高等级的理由', 500),
  })
  .superRefine((b, ctx) => {
    if (!b.enterpriseId && !b.enterpriseName)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择企业或填写企业名称' });
    if (b.raisedGrade && !b.raiseReason)
      ctx.addIssue({ code: 'custom', path: ['raiseReason'], message: '请填写提高等级的理由' });
  });
export type ReportBody = z.input<typeof ReportBody>;

/** The industry of reports whose enterprise gave none (or was named by hand), in lists and analysis. */
export const NO_INDUSTRY = '-';

const Month = str().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });

export const ReportQuery = PageQuery.extend({
  orgId: Uuid('组织').optional(),
  grade: z.enum(GRADES, { error: '预警等级不正确' }).optional(),
  kind: z.enum(RISK_KINDS, { error: '风险类型不正确' }).optional(),
  state: z.enum(REPORT_STATES, { error: '状态不正确' }).optional(),
  /** What waits: for the reader's unit to acknowledge, past its deadline, or a follow-up due. */
  due: z
    .enum(['awaitingMe', 'overdue', 'followUp'], { error: 'due 只能是 awaitingMe、overdue 或 followUp' })
    .optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
  /** The enterprise's industry when reported (NO_INDUSTRY: none given), as the analysis counts it. */
  industry: str()
    .trim()
    .min(1, { error: '行业不能为空' })
    .max(60, { error: '行业不能超过 60 个字符' })
    .optional(),
  /** The enterprise's size band when reported ('unknown': not known). */
  sizeBand: z.enum([...SIZE_BANDS, 'unknown'], { error: '规模区间不正确' }).optional(),
  /** Reported in these China months, `YYYY-MM`, both included (the analysis' 24 months). */
  from: Month.optional(),
  to: Month.optional(),
});
export type ReportQuery = z.input<typeof ReportQuery>;

const Ref = z.object({ id: str(), name: str() });

export const ReportView = z.object({
  id: str(),
  enterprise: z.object({ id: str().nullable(), name: str(), registered: z.boolean() }),
  /** The township (or unit) the report belongs to. */
  orgName: str(),
  reportingOrg: Ref,
  reporter: Ref,
  kinds: z.array(z.enum(RISK_KINDS)),
  workers: z.number().int(),
  amountFen: z.number().int().nullable(),
  months: z.number().int().nullable(),
  occurredOn: str(),
  description: str(),
  /** The grade the rule gave, the grade in force (raised by the reporter or not), and why. */
  computedGrade: z.enum(GRADES),
  grade: z.enum(GRADES),
  gradeReasons: z.array(str()),
  raiseReason: str().nullable(),
  ruleVersion: z.number().int(),
  state: z.enum(REPORT_STATES),
  reportedAt: str(),
  /** The enterprise's industry and size band when reported (null: not known). */
  industry: str().nullable(),
  sizeBand: z.enum(SIZE_BANDS).nullable(),
  /** While not acknowledged: the unit that must acknowledge now, and by when. */
  awaitingOrg: Ref.nullable(),
  dueAt: str().nullable(),
  /** Not acknowledged, and a deadline passed (it may have climbed a level for it). */
  overdue: z.boolean(),
  /** When a deadline was first missed, and how many levels the report climbed for it. */
  overdueAt: str().nullable(),
  escalations: z.number().int(),
  acknowledgedAt: str().nullable(),
  /** The unit that acknowledged and handles it. */
  handlingOrg: Ref.nullable(),
  resolvedAt: str().nullable(),
  closedAt: str().nullable(),
  outcome: z
    .object({
      wagesPaidFen: z.number().int(),
      workersSettled: z.number().int(),
      amountRecoveredFen: z.number().int(),
      summary: str(),
    })
    .nullable(),
  followUpDue: str().nullable(),
  followedUpAt: str().nullable(),
  /** Times a follow-up found the problem back. */
  reopened: z.number().int(),
  version: z.number().int(),
});
export type ReportView = z.infer<typeof ReportView>;

// ---------- the trail of a report and what may be done with it ----------

export const EVENT_KINDS = [
  'reported',
  'escalated',
  'overdue',
  'acknowledged',
  'coordination',
  'resolved',
  'closed',
  'followUp',
  'reopened',
  'registered',
  'attachment',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  reported: '上报',
  escalated: '超时上报上级',
  overdue: '超时未签收',
  acknowledged: '签收',
  coordination: '协调处置',
  resolved: '化解',
  closed: '销号',
  followUp: '回访',
  reopened: '回访发现反弹，重新处置',
  registered: '关联企业名录',
  attachment: '附件',
};

export const PARTNERS = [
  'laborInspection',
  'hrss',
  'lettersVisits',
  'court',
  'publicSecurity',
  'government',
  'enterprise',
  'other',
] as const;
export type Partner = (typeof PARTNERS)[number];
export const PARTNER_LABELS: Record<Partner, string> = {
  laborInspection: '劳动保障监察',
  hrss: '人力资源和社会保障部门',
  lettersVisits: '信访部门',
  court: '人民法院',
  publicSecurity: '公安机关',
  government: '属地政府',
  enterprise: '企业方',
  other: '其他',
};

export const ReportEvent = z.object({
  id: str(),
  at: str(),
  kind: z.enum(EVENT_KINDS),
  /** Who did it (null: the system, for a missed deadline). */
  actor: Ref.nullable(),
  /** The unit concerned: the one that reported, acknowledged, was escalated to… */
  org: Ref.nullable(),
  text: str(),
  partner: z.enum(PARTNERS).nullable(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const REPORT_ACTIONS = ['acknowledge', 'coordinate', 'resolve', 'close', 'followUp'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const ReportDetail = ReportView.extend({
  events: z.array(ReportEvent),
  /** What the reader may do now. */
  actions: z.array(z.enum(REPORT_ACTIONS)),
  /**
   * For an enterprise named by hand: whether the reader may link the report to the registry's
   * record of it (the reporting unit or a unit that handles the report).
   */
  mayLinkEnterprise: z.boolean(),
  /** Documents and photographs, and whether the reader may add and remove them. */
  attachments: z.array(AttachmentView),
  mayAttach: z.boolean(),
  /** The server's clock, that deadlines are read against. */
  asOf: str(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

const SeenVersion = z.number({ error: 'version 必须是数字' }).int().min(1);

export const AcknowledgeBody = z.object({
  version: SeenVersion,
  note: optionalText('签收意见', 500),
});
export type AcknowledgeBody = z.input<typeof AcknowledgeBody>;

/** The registry's record of an enterprise a report named by hand (found there or just registered). */
export const LinkEnterpriseBody = z.object({
  version: SeenVersion,
  enterpriseId: Uuid('企业'),
});
export type LinkEnterpriseBody = z.input<typeof LinkEnterpriseBody>;

export const CoordinationBody = z.object({
  version: SeenVersion,
  on: dayText('协调日期'),
  partner: z.enum(PARTNERS, { error: '请选择协调部门' }),
  /** The body by name, e.g. 吴中区劳动保障监察大队. */
  partnerName: optionalText('部门名称', 100),
  action: text('协调处置情况', 2000),
});
export type CoordinationBody = z.input<typeof CoordinationBody>;

export const ResolveBody = z.object({
  version: SeenVersion,
  note: text('化解情况', 2000),
});
export type ResolveBody = z.input<typeof ResolveBody>;

export const CloseBody = z.object({
  version: SeenVersion,
  wagesPaidFen: money('已支付工资'),
  workersSettled: z
    .number({ error: '妥善安置职工人数必须是整数' })
    .int({ error: '妥善安置职工人数必须是整数' })
    .min(0, { error: '妥善安置职工人数不能为负数' })
    .max(1_000_000, { error: '妥善安置职工人数不能超过 1000000' }),
  amountRecoveredFen: money('追回金额'),
  summary: text('销号情况', 2000),
});
export type CloseBody = z.input<typeof CloseBody>;

export const FollowUpBody = z.object({
  version: SeenVersion,
  on: dayText('回访日期'),
  finding: text('回访情况', 2000),
  /** The problem is back: the report is handled again. */
  problemBack: z.boolean({ error: 'problemBack 必须是 true 或 false' }),
});
export type FollowUpBody = z.input<typeof FollowUpBody>;
/** `asOf`: the server's clock, that deadlines are read against. */
export const ReportPage = pageOf(ReportView).extend({ asOf: str() });
export type ReportPage = z.infer<typeof ReportPage>;

// ---------- analysis (分析研判) ----------

export const AnalysisQuery = z.object({
  orgId: Uuid('组织').optional(),
  /** The months counted: the 24 up to and including `to` (default: this month), `YYYY-MM`. */
  to: Month.optional(),
});
export type AnalysisQuery = z.input<typeof AnalysisQuery>;

export const AnalysisCounts = z.object({
  reports: z.number().int(),
  /** Reports in each grade. */
  grades: z.record(z.enum(GRADES), z.number().int()),
  workers: z.number().int(),
  amountFen: z.number().int(),
  /** Not yet closed (销号). */
  open: z.number().int(),
});
export type AnalysisCounts = z.infer<typeof AnalysisCounts>;

const Profile = z.object({
  reports: z.number().int(),
  open: z.number().int(),
  workers: z.number().int(),
  amountFen: z.number().int(),
});

/** Reports of a unit's subtree over 24 months: by unit below, by kind and by month. */
export const AnalysisView = z.object({
  org: Ref,
  from: str(),
  to: str(),
  total: AnalysisCounts,
  /** Each unit below, and the reports of the unit itself (org null). */
  rows: z.array(AnalysisCounts.extend({ org: Ref.nullable() })),
  kinds: z.array(
    z.object({ kind: z.enum(RISK_KINDS), reports: z.number().int(), workers: z.number().int() }),
  ),
  months: z.array(AnalysisCounts.extend({ month: str() })),
  /** By the enterprise's industry when reported (NO_INDUSTRY: none given), the most reports first. */
  industries: z.array(Profile.extend({ industry: str() })),
  /** By the enterprise's size band when reported ('unknown': not known), smallest first. */
  sizes: z.array(Profile.extend({ sizeBand: z.enum([...SIZE_BANDS, 'unknown']) })),
});
export type AnalysisView = z.infer<typeof AnalysisView>;
