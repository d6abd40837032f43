// API of labour competitions (劳动竞赛, DOMAIN §5): the competition (kind, organisers, level,
// period and reporting cycle), its participating units and participants, its indicators with
// units of measure, the values reported per participant and period and checked by the organiser,
// totals and rankings, commendation, and bulletin items linked as sources of figures.
import { z } from 'zod';
import { dayText } from '../../platform/shared/dates';
import { INT4_MAX, optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });
const Ref = z.object({ id: str(), name: str() });

export const CAMPAIGN_KINDS = ['labour', 'innovation', 'skill'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  labour: '劳动竞赛',
  innovation: '创新竞赛',
  skill: '技能竞赛',
};

export const CAMPAIGN_LEVELS = ['city', 'district', 'township'] as const;
export type CampaignLevel = (typeof CAMPAIGN_LEVELS)[number];
export const CAMPAIGN_LEVEL_LABELS: Record<CampaignLevel, string> = {
  city: '市级',
  district: '区级',
  township: '乡镇级',
};

export const CYCLES = ['month', 'quarter', 'year'] as const;
export type Cycle = (typeof CYCLES)[number];
export const CYCLE_LABELS: Record<Cycle, string> = { month: '按月', quarter: '按季', year: '按年' };

export const CAMPAIGN_STATES = ['active', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = { active: '进行中', closed: '已结束' };

export const PARTICIPANT_KINDS = ['project', 'team', 'person'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, string> = {
  project: '项目',
  team: '班组（团队）',
  person: '个人',
};

/**
 * How an indicator rolls up: `sum` adds the values (counts, money, people); `none` is a rate or
 * a percentage: each value stands alone, ranked per period, never added or carried over.
 */
export const ROLLUPS = ['sum', 'none'] as const;
export type Rollup = (typeof ROLLUPS)[number];
export const ROLLUP_LABELS: Record<Rollup, string> = { sum: '累加汇总', none: '不累加（比率、百分比）' };

/** Units of measure offered in the form; any other text is allowed. */
export const COMMON_UNITS = ['项', '亿美元', '万美元', '亿元', '万元', '元', '人', '个', '%'] as const;

export const VALUE_STATES = ['reported', 'accepted', 'returned'] as const;
export type ValueState = (typeof VALUE_STATES)[number];
export const VALUE_STATE_LABELS: Record<ValueState, string> = {
  reported: '已填报',
  accepted: '已核实',
  returned: '退回',
};

export const VALUE_EVENT_KINDS = ['reported', 'rereported', 'accepted', 'returned', 'fromBulletin'] as const;
export type ValueEventKind = (typeof VALUE_EVENT_KINDS)[number];
export const VALUE_EVENT_LABELS: Record<ValueEventKind, string> = {
  reported: '填报',
  rereported: '重新填报',
  accepted: '核实',
  returned: '退回',
  fromBulletin: '采自工作动态',
};

export const COMMENDATION_KINDS = ['individual', 'collective'] as const;
export type CommendationKind = (typeof COMMENDATION_KINDS)[number];
export const COMMENDATION_KIND_LABELS: Record<CommendationKind, string> = {
  individual: '先进个人',
  collective: '先进集体',
};

/** A period: 2026 (year), 2026-Q1 (quarter), 2026-03 (month). */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** Label of a period: 2026年, 2026年第1季度, 2026年3月. */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return `${period}年`;
}

const Period = str({ error: '填报期必须是文本' }).regex(PERIOD_PATTERN, {
  error: '填报期的格式应为 2026、2026-Q1 或 2026-03',
});

/** An exact decimal written as text: up to 15 digits before the point and 6 after. */
export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;
export const DecimalText = str({ error: '数值必须是文本形式的数字' })
  .trim()
  .regex(DECIMAL_PATTERN, { error: '数值应为数字，最多 15 位整数和 6 位小数' });

const Partners = z
  .array(text('合作主办单位', 60), { error: '合作主办单位必须是列表' })
  .max(20, { error: '合作主办单位不能超过 20 个' });

// ---------- competitions ----------

export const CampaignBody = z
  .object({
    name: text('竞赛名称', 100),
    kind: z.enum(CAMPAIGN_KINDS, { error: '竞赛类别只能是劳动竞赛、创新竞赛或技能竞赛' }),
    /** The organisation that runs it (default: the actor's own). */
    orgId: Uuid('主办单位').nullish(),
    partners: Partners.default([]),
    startsOn: dayText('开始日期'),
    endsOn: dayText('结束日期'),
    cycle: z.enum(CYCLES, { error: '填报周期只能是按月、按季或按年' }),
    description: optionalText('竞赛说明', 4000),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
    else if (Number(v.endsOn.slice(0, 4)) - Number(v.startsOn.slice(0, 4)) > 5)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '竞赛周期不能超过 5 年' });
  });
export type CampaignBody = z.input<typeof CampaignBody>;

export const CampaignPatchBody = z.object({
  version: Version,
  name: text('竞赛名称', 100).optional(),
  kind: z.enum(CAMPAIGN_KINDS, { error: '竞赛类别只能是劳动竞赛、创新竞赛或技能竞赛' }).optional(),
  partners: Partners.optional(),
  startsOn: dayText('开始日期').optional(),
  endsOn: dayText('结束日期').optional(),
  cycle: z.enum(CYCLES, { error: '填报周期只能是按月、按季或按年' }).optional(),
  state: z.enum(CAMPAIGN_STATES, { error: '状态只能是进行中或已结束' }).optional(),
  description: optionalText('竞赛说明', 4000).optional(),
});
export type CampaignPatchBody = z.input<typeof CampaignPatchBody>;

export const CampaignQuery = PageQuery.extend({
  kind: z.enum(CAMPAIGN_KINDS, { error: '竞赛类别不正确' }).optional(),
  state: z.enum(CAMPAIGN_STATES, { error: '状态不正确' }).optional(),
  year: z.coerce
    .number({ error: '年份必须是数字' })
    .int({ error: '年份必须是整数' })
    .min(1900, { error: '年份应在 1900 至 2100 之间' })
    .max(2100, { error: '年份应在 1900 至 2100 之间' })
    .optional(),
  q: optionalText('关键词', 50).optional(),
});

export const CampaignView = z.object({
  id: str(),
  name: str(),
  kind: z.enum(CAMPAIGN_KINDS),
  owner: Ref,
  level: z.enum(CAMPAIGN_LEVELS),
  partners: z.array(str()),
  startsOn: str(),
  endsOn: str(),
  cycle: z.enum(CYCLES),
  state: z.enum(CAMPAIGN_STATES),
  description: str().nullable(),
  /** Whether the caller runs it (its owner lies in the caller's subtree). */
  manages: z.boolean(),
  units: z.number().int(),
  participants: z.number().int(),
  version: z.number().int(),
});
export type CampaignView = z.infer<typeof CampaignView>;
export const CampaignPage = pageOf(CampaignView);
export type CampaignPage = z.infer<typeof CampaignPage>;

export const ParticipantView = z.object({
  id: str(),
  kind: z.enum(PARTICIPANT_KINDS),
  name: str(),
  org: Ref,
  enterprise: Ref.nullable(),
  /** Whether the caller may report its values. */
  reportable: z.boolean(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const IndicatorView = z.object({
  id: str(),
  name: str(),
  unit: str(),
  decimals: z.number().int(),
  rollup: z.enum(ROLLUPS),
  sortOrder: z.number().int(),
});
export type IndicatorView = z.infer<typeof IndicatorView>;

export const CommendationView = z.object({
  id: str(),
  kind: z.enum(COMMENDATION_KINDS),
  name: str(),
  title: str(),
  org: Ref,
  participantId: str().nullable(),
  awardedOn: str(),
});
export type CommendationView = z.infer<typeof CommendationView>;

export const CampaignDetail = CampaignView.extend({
  unitList: z.array(Ref.extend({ district: str().nullable() })),
  participantList: z.array(ParticipantView),
  indicators: z.array(IndicatorView),
  commendations: z.array(CommendationView),
  /** The periods values are reported for, from the start to the end. */
  periods: z.array(z.object({ period: str(), label: str(), startsOn: str(), endsOn: str() })),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

// ---------- units, participants, indicators ----------

export const UnitsBody = z.object({
  version: Version,
  orgIds: z
    .array(Uuid('参赛单位'), { error: '请选择参赛单位' })
    .max(500, { error: '参赛单位不能超过 500 个' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '参赛单位不能重复' }),
});

export const ParticipantBody = z.object({
  kind: z.enum(PARTICIPANT_KINDS, { error: '参赛对象类别只能是项目、班组或个人' }),
  name: text('参赛对象名称', 100),
  orgId: Uuid('所属参赛单位'),
  enterpriseId: Uuid('所在企业').nullish(),
});
export type ParticipantBody = z.input<typeof ParticipantBody>;

export const IndicatorBody = z.object({
  name: text('指标名称', 50),
  unit: text('计量单位', 10),
  decimals: z
    .number({ error: '小数位数必须是数字' })
    .int({ error: '小数位数必须是整数' })
    .min(0, { error: '小数位数应在 0 至 6 之间' })
    .max(6, { error: '小数位数应在 0 至 6 之间' }),
  rollup: z.enum(ROLLUPS, { error: '汇总方式只能是累加或不累加' }),
});
export type IndicatorBody = z.input<typeof IndicatorBody>;

export const CampaignChildParams = z.object({
  id: Uuid('id'),
  childId: Uuid('childId'),
});

// ---------- values ----------

export const ValueBody = z.object({
  participantId: Uuid('参赛对象'),
  indicatorId: Uuid('指标'),
  period: Period,
  value: DecimalText,
  note: optionalText('说明', 500),
  /** The version of the value seen when re-reporting a returned one; absent for a new value. */
  version: Version.nullish(),
});
export type ValueBody = z.input<typeof ValueBody>;

export const AcceptBody = z.object({ version: Version });
export const ReturnBody = z.object({ version: Version, reason: text('退回原因', 500) });

export const ValueQuery = PageQuery.extend({
  period: Period.optional(),
  indicatorId: Uuid('指标').optional(),
  state: z.enum(VALUE_STATES, { error: '状态不正确' }).optional(),
  orgId: Uuid('参赛单位').optional(),
});

export const ValueView = z.object({
  id: str(),
  participant: Ref,
  org: Ref,
  indicator: Ref.extend({ unit: str() }),
  period: str(),
  periodLabel: str(),
  value: str(),
  note: str().nullable(),
  state: z.enum(VALUE_STATES),
  returnReason: str().nullable(),
  source: z.object({ itemId: str(), title: str(), raw: str() }).nullable(),
  reportedBy: Ref,
  reportedAt: str(),
  checkedBy: Ref.nullable(),
  checkedAt: str().nullable(),
  /** Who reported, accepted or returned it, and when, oldest first. */
  trail: z.array(
    z.object({
      at: str(),
      kind: z.enum(VALUE_EVENT_KINDS),
      actor: Ref,
      value: str().nullable(),
      text: str().nullable(),
    }),
  ),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(['accept', 'return', 'report'])),
  version: z.number().int(),
});
export type ValueView = z.infer<typeof ValueView>;
export const ValuePage = pageOf(ValueView);
export type ValuePage = z.infer<typeof ValuePage>;

// ---------- totals ----------

export const TotalsQuery = z.object({
  indicatorId: Uuid('指标'),
  /** One period; without it, the whole competition so far (cumulative). */
  period: Period.optional(),
});

const Row = z.object({
  id: str(),
  name: str(),
  total: str().nullable(),
  values: z.number().int(),
  rank: z.number().int(),
});

export const TotalsView = z.object({
  indicator: IndicatorView,
  period: str().nullable(),
  periodLabel: str(),
  /** Null for an indicator that is not added up. */
  overall: str().nullable(),
  values: z.number().int(),
  byPeriod: z.array(
    z.object({ period: str(), label: str(), total: str().nullable(), values: z.number().int() }),
  ),
  byDistrict: z.array(Row),
  byUnit: z.array(Row),
  participants: z.array(Row.extend({ org: Ref, kind: z.enum(PARTICIPANT_KINDS) })),
});
export type TotalsView = z.infer<typeof TotalsView>;

// ---------- commendation ----------

export const CommendationBody = z.object({
  kind: z.enum(COMMENDATION_KINDS, { error: '表彰类别只能是先进个人或先进集体' }),
  name: text('名称（姓名）', 100),
  title: text('荣誉称号', 60),
  orgId: Uuid('所在单位'),
  participantId: Uuid('参赛对象').nullish(),
  awardedOn: dayText('表彰日期'),
});
export type CommendationBody = z.input<typeof CommendationBody>;

// ---------- bulletin sources ----------

export const SourceSearchQuery = z.object({ q: optionalText('关键词', 50).optional() });

export const SourceLinkBody = z.object({ itemId: Uuid('信息') });

export const FigureView = z.object({
  position: z.number().int(),
  raw: str(),
  unit: str(),
  approximate: z.boolean(),
  /** The indicator whose unit fits, and the value in that unit (32.27亿美元 → 32.27 for 亿美元). */
  suggestion: z.object({ indicatorId: str(), indicatorName: str(), value: str() }).nullable(),
  /**
   * The indicator's accepted total so far (all periods; null when it is not added up), so that the
   * organiser sees whether the item's figure is already counted through the participants' values.
   */
  acceptedTotal: str().nullable(),
  /** The value accepted from this figure, if any. */
  acceptedValueId: str().nullable(),
});

export const SourceView = z.object({
  itemId: str(),
  title: str(),
  adoptedOn: str().nullable(),
  org: Ref,
  figures: z.array(FigureView),
});
export type SourceView = z.infer<typeof SourceView>;
export const SourceList = z.object({ items: z.array(SourceView) });
export type SourceList = z.infer<typeof SourceList>;

export const FigureParams = z.object({
  id: Uuid('id'),
  itemId: Uuid('itemId'),
  position: z.coerce
    .number({ error: '数字位置必须是数字' })
    .int({ error: '数字位置必须是整数' })
    .min(0, { error: '数字位置不能为负数' })
    .max(INT4_MAX, { error: '数字位置超出范围' }),
});

export const FigureAcceptBody = z.object({
  indicatorId: Uuid('指标'),
  participantId: Uuid('参赛对象'),
  period: Period,
  /** The value in the indicator's unit; default the suggestion. */
  value: DecimalText.nullish(),
});
export type FigureAcceptBody = z.input<typeof FigureAcceptBody>;
