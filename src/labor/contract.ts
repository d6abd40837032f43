// API of labour relations (DOMAIN §4): risk reports of the early-warning system (劳动关系矛盾预警
// 报告制度), graded red / orange / yellow / blue by rules the city federation's legal department
// sets. The web app imports these schemas, and grades a report as it is typed with gradeOf().
import { z } from 'zod';
import { dayText } from '../platform/shared/dates';
import { optionalText, PageQuery, pageOf, str, text } from '../platform/shared/api';

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

export const GradingRule = z.object({
  red: GradeCondition,
  orange: GradeCondition,
  yellow: GradeCondition,
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
};

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

export const REPORT_STATES = ['reported', 'acknowledged', 'handling', 'resolved', 'closed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  reported: '已上报',
  acknowledged: '已签收',
  handling: '处置中',
  resolved: '已化解',
  closed: '已销号',
};

const Money = z
  .number({ error: '涉及金额必须是以分为单位的整数' })
  .int({ error: '涉及金额必须是以分为单位的整数' })
  .min(0, { error: '涉及金额不能为负数' })
  .max(100_000_000_000, { error: '涉及金额不能超过 10 亿元' });

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

export const ReportQuery = PageQuery.extend({
  orgId: Uuid('组织').optional(),
  grade: z.enum(GRADES, { error: '预警等级不正确' }).optional(),
  kind: z.enum(RISK_KINDS, { error: '风险类型不正确' }).optional(),
  state: z.enum(REPORT_STATES, { error: '状态不正确' }).optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
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
  version: z.number().int(),
});
export type ReportView = z.infer<typeof ReportView>;
export const ReportPage = pageOf(ReportView);
export type ReportPage = z.infer<typeof ReportPage>;

// ---------- analysis (分析研判) ----------

export const AnalysisQuery = z.object({
  orgId: Uuid('组织').optional(),
  /** The months counted: the 24 up to and including `to` (default: this month), `YYYY-MM`. */
  to: str()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' })
    .optional(),
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
});
export type AnalysisView = z.infer<typeof AnalysisView>;
