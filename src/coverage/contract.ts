// API of the two-universals coverage indicators (DOMAIN §2). The web app imports these schemas.
import { z } from 'zod';
import { str } from '../platform/shared/api';
import { dayText } from '../platform/shared/dates';
import { EnterpriseView, OWNERSHIPS } from '../enterprises/contract';

const DateText = dayText();

/** Which enterprises count in the denominators: it differs by year and place (DOMAIN §2). */
export const DenominatorRule = z.object({
  /** Enterprises with fewer employees (or an unknown number) do not count. */
  minEmployees: z.number().int().min(0).max(100_000),
  ownerships: z.array(z.enum(OWNERSHIPS)).min(1),
  /** Whether an enterprise covered by a joint union counts as unionised. */
  jointUnionCounts: z.boolean(),
});
export type DenominatorRule = z.infer<typeof DenominatorRule>;

export const DEFAULT_RULE: DenominatorRule = {
  minEmployees: 10,
  ownerships: [...OWNERSHIPS],
  jointUnionCounts: true,
};

/** Counts behind the indicators of one organisation's subtree as of a date. */
export const CoverageCounts = z.object({
  /** Enterprises that should have a union (the rule's denominator). */
  enterprises: z.number().int(),
  unionised: z.number().int(),
  employees: z.number().int(),
  unionisedEmployees: z.number().int(),
  members: z.number().int(),
  wageAgreement: z.number().int(),
  wageAgreementEmployees: z.number().int(),
  workersCongress: z.number().int(),
  collectiveContract: z.number().int(),
  affairsDisclosure: z.number().int(),
});
export type CoverageCounts = z.infer<typeof CoverageCounts>;

/** The counts of DOMAIN §2 turned into rates (null when the denominator is zero). */
export const CoverageRates = z.object({
  establishmentRate: z.number().nullable(),
  workerCoverage: z.number().nullable(),
  membershipRate: z.number().nullable(),
  wageBargainingRate: z.number().nullable(),
  workersCongressRate: z.number().nullable(),
  collectiveContractRate: z.number().nullable(),
  affairsDisclosureRate: z.number().nullable(),
});
export type CoverageRates = z.infer<typeof CoverageRates>;

export const INDICATORS = [
  'establishmentRate',
  'workerCoverage',
  'membershipRate',
  'wageBargainingRate',
  'workersCongressRate',
  'collectiveContractRate',
  'affairsDisclosureRate',
] as const satisfies readonly (keyof CoverageRates)[];
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_LABELS: Record<Indicator, string> = {
  establishmentRate: '建会率',
  workerCoverage: '职工覆盖率',
  membershipRate: '职工入会率',
  wageBargainingRate: '工资集体协商建制率',
  workersCongressRate: '职代会建制率',
  collectiveContractRate: '集体合同签订率',
  affairsDisclosureRate: '厂务公开建制率',
};

/** Targets of one organisation for one year: indicator → rate (0–1); missing means none set. */
export const Targets = z.partialRecord(z.enum(INDICATORS), z.number());
export type Targets = z.infer<typeof Targets>;

export const CoverageRow = z.object({
  /** The organisation, or null for enterprises registered directly at the node (直属). */
  org: z.object({ id: z.uuid(), name: str() }).nullable(),
  counts: CoverageCounts,
  rates: CoverageRates,
  /** The year's targets of this organisation (empty when none were set). */
  targets: Targets,
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const CoverageView = z.object({
  date: str(),
  rule: DenominatorRule,
  node: CoverageRow,
  children: z.array(CoverageRow),
});
export type CoverageView = z.infer<typeof CoverageView>;

export const CoverageQuery = z.object({
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  date: DateText.optional(),
});
export type CoverageQuery = z.input<typeof CoverageQuery>;

export const COVERAGE_MEASURES = [
  'enterprises',
  'unionised',
  'notUnionised',
  'wageAgreement',
  'workersCongress',
  'collectiveContract',
  'affairsDisclosure',
] as const;
export type CoverageMeasure = (typeof COVERAGE_MEASURES)[number];

export const CoverageListQuery = CoverageQuery.extend({
  measure: z.enum(COVERAGE_MEASURES, { error: '统计项不正确' }),
  /** Only the 直属 row: enterprises at the node itself or under a child no longer active. */
  direct: z.stringbool({ error: 'direct 应为 true 或 false' }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type CoverageListQuery = z.input<typeof CoverageListQuery>;

export const MEASURE_LABELS: Record<CoverageMeasure, string> = {
  enterprises: '应建会企业',
  unionised: '已建会企业',
  notUnionised: '未建会企业',
  wageAgreement: '已建立工资集体协商制度的建会企业',
  workersCongress: '已建立职代会的建会企业',
  collectiveContract: '集体合同有效的建会企业',
  affairsDisclosure: '已实行厂务公开的建会企业',
};

/** Rates from counts; a rate with a zero denominator is null, not 0 and not 100%. */
export function ratesOf(c: CoverageCounts): CoverageRates {
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    establishmentRate: rate(c.unionised, c.enterprises),
    workerCoverage: rate(c.unionisedEmployees, c.employees),
    membershipRate: rate(c.members, c.unionisedEmployees),
    wageBargainingRate: rate(c.wageAgreement, c.unionised),
    workersCongressRate: rate(c.workersCongress, c.unionised),
    collectiveContractRate: rate(c.collectiveContract, c.unionised),
    affairsDisclosureRate: rate(c.affairsDisclosure, c.unionised),
  };
}

export const RuleView = DenominatorRule.extend({
  year: z.number().int(),
  /** False when no rule was set for the year and the default applies. */
  configured: z.boolean(),
  version: z.number().int().nullable(),
});
export type RuleView = z.infer<typeof RuleView>;

/** A saved rule; when its figures need a new cached series, the job building it. */
export const RuleSaved = RuleView.extend({ seriesJobId: str().nullable() });
export type RuleSaved = z.infer<typeof RuleSaved>;

export const RuleList = z.object({ items: z.array(RuleView), default: DenominatorRule });

export const YearParams = z.object({
  year: z.coerce
    .number({ error: '年度必须是数字' })
    .int()
    .min(2000, { error: '年度不能早于 2000' })
    .max(2100, { error: '年度不能晚于 2100' }),
});

export const RuleBody = z.object({
  minEmployees: z
    .number({ error: '最少职工人数必须是数字' })
    .int()
    .min(0, { error: '不能为负数' })
    .max(100_000, { error: '过大' }),
  ownerships: z
    .array(z.enum(OWNERSHIPS, { error: '经济类型不正确' }))
    .min(1, { error: '至少选择一种经济类型' }),
  jointUnionCounts: z.boolean({ error: '必须是布尔值' }),
  /** The version seen, when changing a rule that exists. */
  version: z.number().int().min(1).nullish(),
});
export type RuleBody = z.input<typeof RuleBody>;

export const TargetsParams = z.object({ orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }) });

export const TargetsBody = z.object({
  year: z
    .number({ error: '年度必须是数字' })
    .int()
    .min(2000, { error: '年度不能早于 2000' })
    .max(2100, { error: '年度不能晚于 2100' }),
  /** Indicator → target rate between 0 and 1; null removes that target. */
  targets: z.partialRecord(
    z.enum(INDICATORS, { error: '指标不正确' }),
    z
      .number({ error: '目标必须是 0 到 1 之间的数' })
      .min(0, { error: '目标不能小于 0' })
      .max(1, { error: '目标不能大于 1（100%）' })
      .nullable(),
  ),
});
export type TargetsBody = z.input<typeof TargetsBody>;

export const TargetsView = z.object({ orgId: z.uuid(), year: z.number().int(), targets: Targets });
export type TargetsView = z.infer<typeof TargetsView>;

// ---------- three-category (priority) enterprises ----------

/** Why an enterprise is a priority; each reason belongs to one of the three categories (DOMAIN §2). */
/** The failings of a weak union (category 3): which of them count is the rule's choice. */
export const WEAK_UNION_FAILINGS = [
  'noWorkersCongress',
  'noMembersCongress',
  'noCollectiveContract',
  'noWageAgreement',
  'electionOverdue',
  'lowSatisfaction',
] as const;
export type WeakUnionFailing = (typeof WEAK_UNION_FAILINGS)[number];

export const PRIORITY_REASONS = [
  'nonPublicLarge',
  'hardToOrganise',
  'ineffectiveUnion',
  'tenseRelations',
  ...WEAK_UNION_FAILINGS,
] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const REASON_CATEGORY: Record<PriorityReason, 1 | 2 | 3> = {
  nonPublicLarge: 1,
  hardToOrganise: 2,
  ineffectiveUnion: 2,
  tenseRelations: 2,
  noWorkersCongress: 3,
  noMembersCongress: 3,
  noCollectiveContract: 3,
  noWageAgreement: 3,
  electionOverdue: 3,
  lowSatisfaction: 3,
};

export const REASON_LABELS: Record<PriorityReason, string> = {
  nonPublicLarge: '非公规模以上或百人以上企业',
  hardToOrganise: '排查：建会难',
  ineffectiveUnion: '排查：工会作用发挥不好',
  tenseRelations: '劳动关系紧张（排查或风险预警）',
  noWorkersCongress: '未建立职代会',
  noMembersCongress: '未建立会员代表大会',
  noCollectiveContract: '无有效集体合同',
  noWageAgreement: '无有效工资专项集体协议',
  electionOverdue: '换届逾期',
  lowSatisfaction: '会员评家满意率低',
};

/**
 * How the three categories are read and ranked (三类认定规则), set by the city federation.
 * Category 3 holds when at least `weakMin` of the chosen failings hold: a weak union, not any one
 * thing missing. Urgency is the sum of the weights of the reasons that hold in the enterprise's
 * categories, plus the Global 500 weight; the list runs by urgency, then by size.
 */
export const PriorityRule = z.object({
  weakFailings: z.array(z.enum(WEAK_UNION_FAILINGS)).min(1),
  weakMin: z.number().int().min(1).max(WEAK_UNION_FAILINGS.length),
  weights: z.record(z.enum(PRIORITY_REASONS), z.number().int().min(0).max(100)),
  global500Weight: z.number().int().min(0).max(100),
});
export type PriorityRule = z.infer<typeof PriorityRule>;

/** The default reads category 3 as a weak union: four of the six institutions missing. */
export const DEFAULT_PRIORITY_RULE: PriorityRule = {
  weakFailings: [...WEAK_UNION_FAILINGS],
  weakMin: 4,
  weights: {
    nonPublicLarge: 20,
    hardToOrganise: 25,
    ineffectiveUnion: 25,
    tenseRelations: 40,
    noWorkersCongress: 8,
    noMembersCongress: 5,
    noCollectiveContract: 10,
    noWageAgreement: 10,
    electionOverdue: 8,
    lowSatisfaction: 8,
  },
  global500Weight: 20,
};

export const PriorityRuleView = PriorityRule.extend({
  /** False while the default applies. */
  configured: z.boolean(),
  version: z.number().int().nullable(),
});
export type PriorityRuleView = z.infer<typeof PriorityRuleView>;

/** A saved rule and the job rebuilding the worklist by it. */
export const PriorityRuleSaved = PriorityRuleView.extend({ jobId: str() });
export type PriorityRuleSaved = z.infer<typeof PriorityRuleSaved>;

const weight = z
  .number({ error: '权重必须是 0 到 100 的整数' })
  .int({ error: '权重必须是 0 到 100 的整数' })
  .min(0, { error: '权重必须是 0 到 100 的整数' })
  .max(100, { error: '权重必须是 0 到 100 的整数' });

export const PriorityRuleBody = z
  .object({
    weakFailings: z
      .array(z.enum(WEAK_UNION_FAILINGS, { error: '三类认定项不正确' }))
      .min(1, { error: '至少选择一项认定项' }),
    weakMin: z
      .number({ error: '至少满足项数必须是整数' })
      .int({ error: '至少满足项数必须是整数' })
      .min(1, { error: '至少满足项数不能小于 1' }),
    weights: z.object(
      Object.fromEntries(PRIORITY_REASONS.map((r) => [r, weight])) as Record<PriorityReason, typeof weight>,
      { error: '请填写各原因的权重' },
    ),
    global500Weight: weight,
    /** The version seen, when changing a configured rule. */
    version: z.number().int().min(1).nullish(),
  })
  .superRefine((body, ctx) => {
    const chosen = new Set(body.weakFailings).size;
    if (body.weakMin > chosen) {
      ctx.addIssue({
        code: 'custom',
        path: ['weakMin'],
        message: `至少满足项数不能超过所选认定项数（${chosen} 项）`,
      });
    }
  });
export type PriorityRuleBody = z.input<typeof PriorityRuleBody>;

/** Members' satisfaction (satisfied + basically satisfied) below this is "low". */
export const LOW_SATISFACTION = 0.7;
/** A survey's finding counts for this many years. */
export const SURVEY_YEARS = 3;

export const PriorityQuery = z.object({
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  category: z.coerce
    .number({ error: '类别必须是 1、2 或 3' })
    .int()
    .min(1, { error: '类别必须是 1、2 或 3' })
    .max(3, { error: '类别必须是 1、2 或 3' })
    .optional(),
  reason: z.enum(PRIORITY_REASONS, { error: '原因不正确' }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type PriorityQuery = z.input<typeof PriorityQuery>;

export const PriorityItem = z.object({
  enterprise: EnterpriseView,
  /** The rank's score: the weights of the reasons that hold (see PriorityRule). */
  urgency: z.number().int(),
  categories: z.array(z.number().int()),
  reasons: z.array(z.object({ code: z.enum(PRIORITY_REASONS), category: z.number().int(), text: str() })),
});
export type PriorityItem = z.infer<typeof PriorityItem>;

export const PriorityPage = z.object({ items: z.array(PriorityItem), total: z.number().int() });
export type PriorityPage = z.infer<typeof PriorityPage>;

// ---------- trend ----------

export const TrendPoint = z.object({ date: str(), counts: CoverageCounts, rates: CoverageRates });
export type TrendPoint = z.infer<typeof TrendPoint>;

/** The subtree's figures at the end of each of the 23 months before the date, and on the date. */
export const TrendView = z.object({ date: str(), points: z.array(TrendPoint) });
export type TrendView = z.infer<typeof TrendView>;

export const TREND_MONTHS = 24;
