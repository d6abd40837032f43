// API of the yearly assessment (督察考核, DOMAIN §6): a score sheet per year (criteria with weights,
// the maximum score and the evidence asked for, thresholds of the results, how many fails in a row
// lead to revocation), one assessment per designated studio and year, scored by its district and
// reviewed by the city, excellent ones flagged for reward and publicity. The web app imports these.
import { z } from 'zod';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';
import { STUDIO_LEVELS, STUDIO_STATES } from '../register/contract';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

export const RESULTS = ['excellent', 'pass', 'fail'] as const;
export type AssessmentResult = (typeof RESULTS)[number];
export const RESULT_LABELS: Record<AssessmentResult, string> = {
  excellent: '优秀',
  pass: '合格',
  fail: '不合格',
};

export const ASSESSMENT_STATES = ['open', 'scored', 'reviewed'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];
export const ASSESSMENT_STATE_LABELS: Record<AssessmentState, string> = {
  open: '待评分',
  scored: '待审定',
  reviewed: '已审定',
};

export const ASSESSMENT_ACTIONS = ['score', 'review', 'flag'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;
export const MAX_CRITERIA = 20;
export const MAX_SCORE = 1000;
export const MAX_LINKED_ITEMS = 20;

const Year = z
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
  .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` });

const YearQuery = z.coerce
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
  .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` });

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(min, { error: `${label}不能小于 ${min}` })
    .max(max, { error: `${label}不能大于 ${max}` });

// ---------- the score sheet ----------

export const Criterion = z.object({
  /** A stable key the scores refer to. */
  key: str({ error: '指标代码必须是文本' }).regex(/^[a-z][a-z0-9_-]{0,31}$/, {
    error: '指标代码只能由小写字母、数字、-、_ 组成，以字母开头，不超过 32 个字符',
  }),
  label: text('考核指标', 60),
  /** Percent of the total; the weights of a sheet sum to 100. */
  weight: whole('权重', 1, 100),
  maxScore: whole('满分', 1, MAX_SCORE),
  /** The evidence asked for (佐证材料要求). */
  evidence: optionalText('佐证材料要求', 500),
});
export type Criterion = z.output<typeof Criterion>;

const SheetFields = z.object({
  name: text('考核表名称', 100),
  year: Year,
  criteria: z
    .array(Criterion, { error: '考核指标必须是列表' })
    .min(1, { error: '至少需要一项考核指标' })
    .max(MAX_CRITERIA, { error: `考核指标不能超过 ${MAX_CRITERIA} 项` }),
  excellentFrom: whole('优秀分数线', 1, 100),
  passFrom: whole('合格分数线', 1, 100),
  failsToRevoke: whole('连续不合格摘牌次数', 1, 10),
});

/** The rules between a sheet's fields as field issues (the server and the form say the same). */
export function sheetIssues(v: {
  criteria: { key: string; weight: number }[];
  excellentFrom: number;
  passFrom: number;
}): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const sum = v.criteria.reduce((a, c) => a + c.weight, 0);
  if (sum !== 100) issues.push({ field: 'criteria', message: `各项指标的权重之和应为 100，现为 ${sum}` });
  const seen = new Set<string>();
  v.criteria.forEach((c, i) => {
    if (seen.has(c.key)) issues.push({ field: `criteria.${i}.key`, message: `指标代码“${c.key}”重复` });
    seen.add(c.key);
  });
  if (v.excellentFrom <= v.passFrom)
    issues.push({ field: 'excellentFrom', message: '优秀分数线应高于合格分数线' });
  return issues;
}

const withSheetRules = <T extends z.ZodType<Parameters<typeof sheetIssues>[0]>>(schema: T) =>
  schema.superRefine((v, ctx) => {
    for (const issue of sheetIssues(v))
      ctx.addIssue({
        code: 'custom',
        path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: issue.message,
      });
  });

export const SheetBody = withSheetRules(SheetFields);
export type SheetBody = z.input<typeof SheetBody>;
export const SheetEditBody = withSheetRules(SheetFields.extend({ version: Version }));
export type SheetEditBody = z.input<typeof SheetEditBody>;

export const SheetView = z.object({
  id: str(),
  name: str(),
  year: z.number().int(),
  criteria: z.array(
    z.object({
      key: str(),
      label: str(),
      weight: z.number().int(),
      maxScore: z.number().int(),
      evidence: str().nullable(),
    }),
  ),
  excellentFrom: z.number().int(),
  passFrom: z.number().int(),
  failsToRevoke: z.number().int(),
  /** How many studios are assessed with it; once one is scored the sheet can no longer change. */
  assessments: z.number().int(),
  locked: z.boolean(),
  version: z.number().int(),
  updatedAt: str(),
});
export type SheetView = z.infer<typeof SheetView>;

export const SheetList = z.object({ items: z.array(SheetView) });
export type SheetList = z.infer<typeof SheetList>;

// ---------- totals and results (the server computes; the scoring drawer shows the same live) ----------

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * The total on a 100 scale in hundredths, rounded half up: the sum of score / maxScore × weight,
 * computed exactly (scores carry at most two decimals).
 */
export function totalHundredths(
  criteria: readonly { key: string; weight: number; maxScore: number }[],
  scores: readonly { key: string; score: number }[],
): number {
  const byKey = new Map(scores.map((s) => [s.key, s.score]));
  let denominator = 1n;
  for (const c of criteria) {
    const m = BigInt(c.maxScore);
    denominator = (denominator * m) / gcd(denominator, m);
  }
  let numerator = 0n;
  for (const c of criteria) {
    const hundredths = BigInt(Math.round((byKey.get(c.key) ?? 0) * 100));
    numerator += hundredths * BigInt(c.weight) * (denominator / BigInt(c.maxScore));
  }
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** 8650 → '86.50'. */
export const hundredthsText = (value: number) =>
  `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

/** The result a total earns under a sheet's thresholds. */
export function resultOf(
  totalInHundredths: number,
  sheet: { excellentFrom: number; passFrom: number },
): AssessmentResult {
  if (totalInHundredths >= sheet.excellentFrom * 100) return 'excellent';
  if (totalInHundredths >= sheet.passFrom * 100) return 'pass';
  return 'fail';
}

/** Whether a score carries at most two decimals. */
export const twoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

// ---------- opening a year, scoring, review, flag ----------

export const OpenBody = z.object({ year: Year, sheetId: Uuid('考核表') });
export type OpenBody = z.input<typeof OpenBody>;

export const OpenResult = z.object({
  /** Assessments opened now, and those the year already had. */
  opened: z.number().int(),
  existing: z.number().int(),
});
export type OpenResult = z.infer<typeof OpenResult>;

export const CriterionScore = z.object({
  key: str({ error: '指标代码必须是文本' }).max(32, { error: '指标代码不能超过 32 个字符' }),
  score: z
    .number({ error: '得分必须是数字' })
    .min(0, { error: '得分不能小于 0' })
    .max(MAX_SCORE, { error: `得分不能大于 ${MAX_SCORE}` })
    .refine(twoDecimals, { error: '得分最多保留两位小数' }),
  /** The district's comment or the evidence seen (佐证材料). */
  note: optionalText('评分说明', 500),
});
export type CriterionScore = z.output<typeof CriterionScore>;

export const ScoreBody = z.object({
  version: Version,
  scores: z
    .array(CriterionScore, { error: '评分必须是列表' })
    .min(1, { error: '请为每项指标评分' })
    .max(MAX_CRITERIA, { error: `评分不能超过 ${MAX_CRITERIA} 项` }),
});
export type ScoreBody = z.input<typeof ScoreBody>;

export const ReviewBody = z.object({
  version: Version,
  result: z.enum(RESULTS, { error: '考核结果只能是优秀、合格或不合格' }),
  /** Required when the result differs from the district's proposal. */
  comment: optionalText('审定意见', 1000),
});
export type ReviewBody = z.input<typeof ReviewBody>;

export const FlagBody = z.object({
  version: Version,
  flagged: z.boolean({ error: 'flagged 只能是 true 或 false' }),
  note: optionalText('表彰宣传说明', 500),
  bulletinItemIds: z
    .array(Uuid('信息'), { error: '关联信息必须是列表' })
    .max(MAX_LINKED_ITEMS, { error: `关联信息不能超过 ${MAX_LINKED_ITEMS} 条` })
    .default([]),
});
export type FlagBody = z.input<typeof FlagBody>;

// ---------- views ----------

const Ref = z.object({ id: str(), name: str() });

export const BulletinItemView = z.object({
  id: str(),
  title: str(),
  adoptedOn: str().nullable(),
  orgName: str(),
});
export type BulletinItemView = z.infer<typeof BulletinItemView>;

export const AssessmentView = z.object({
  id: str(),
  year: z.number().int(),
  studio: z.object({
    id: str(),
    name: str(),
    hostUnitName: str(),
    state: z.enum(STUDIO_STATES),
  }),
  /** The level and batch the studio held when the year was opened. */
  level: z.enum(STUDIO_LEVELS),
  batch: Ref.nullable(),
  /** The applicant unit, and the district the studio counts under (市本级 at the city). */
  orgName: str(),
  district: str(),
  sheetId: str(),
  state: z.enum(ASSESSMENT_STATES),
  total: str().nullable(),
  proposedResult: z.enum(RESULTS).nullable(),
  finalResult: z.enum(RESULTS).nullable(),
  reviewComment: str().nullable(),
  revokedStudio: z.boolean(),
  flagged: z.boolean(),
  scoredAt: str().nullable(),
  reviewedAt: str().nullable(),
  version: z.number().int(),
  /** What the reader may do now. */
  actions: z.array(z.enum(ASSESSMENT_ACTIONS)),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const AssessmentDetail = AssessmentView.extend({
  sheet: SheetView,
  scores: z.array(z.object({ key: str(), score: z.number(), note: str().nullable() })),
  scoredBy: Ref.nullable(),
  reviewedBy: Ref.nullable(),
  flagNote: str().nullable(),
  bulletinItems: z.array(BulletinItemView),
  /** Fails of this studio in the consecutive years right before this one (reviewed). */
  failsBefore: z.number().int(),
});
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;

export const AssessmentPage = pageOf(AssessmentView);
export type AssessmentPage = z.infer<typeof AssessmentPage>;

/** The filters of the list (and of the reports). */
export const AssessmentFilter = z.object({
  year: YearQuery.optional(),
  state: z.enum(ASSESSMENT_STATES, { error: '状态不正确' }).optional(),
  /** The final result when reviewed, else the district's proposal. */
  result: z.enum(RESULTS, { error: '考核结果不正确' }).optional(),
  /** A unit (a district …) whose subtree's studios are listed. */
  orgId: Uuid('所属地区').optional(),
  level: z.enum(STUDIO_LEVELS, { error: '工作室级别不正确' }).optional(),
  batchId: Uuid('批次').optional(),
  studioId: Uuid('工作室').optional(),
  q: str({ error: '搜索内容必须是文本' }).trim().max(50, { error: '搜索内容不能超过 50 个字符' }).optional(),
  /** Assessments waiting for the reader's scoring, or for the city's review. */
  due: z.enum(['score', 'review'], { error: 'due 只能是 score 或 review' }).optional(),
});
export type AssessmentFilter = z.input<typeof AssessmentFilter>;

export const AssessmentQuery = PageQuery.extend(AssessmentFilter.shape);
export type AssessmentQuery = z.input<typeof AssessmentQuery>;

export const ReportQuery = z.object({
  year: YearQuery,
  batchId: Uuid('批次').optional(),
  orgId: Uuid('所属地区').optional(),
});
export type ReportQuery = z.input<typeof ReportQuery>;

export const SummaryQuery = z.object({ year: YearQuery.optional() });
export type SummaryQuery = z.input<typeof SummaryQuery>;

/** A year at a glance, with what its filters may choose from. */
export const SummaryView = z.object({
  /** The years that have a score sheet, latest first. */
  years: z.array(z.number().int()),
  year: z.number().int().nullable(),
  sheet: Ref.nullable(),
  counts: z.object({
    total: z.number().int(),
    open: z.number().int(),
    scored: z.number().int(),
    reviewed: z.number().int(),
    excellent: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    revoked: z.number().int(),
    flagged: z.number().int(),
  }),
  batches: z.array(Ref),
  districts: z.array(Ref),
});
export type SummaryView = z.infer<typeof SummaryView>;

export const BulletinItemQuery = z.object({
  q: str({ error: '搜索内容必须是文本' }).trim().max(50, { error: '搜索内容不能超过 50 个字符' }).optional(),
});
export type BulletinItemQuery = z.input<typeof BulletinItemQuery>;

export const BulletinItemList = z.object({ items: z.array(BulletinItemView) });
export type BulletinItemList = z.infer<typeof BulletinItemList>;
