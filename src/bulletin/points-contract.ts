// API of points and rankings (积分与排名, DOMAIN §7): the points table of an editing unit, the
// points events of an item with their credits, and the monthly/quarterly/yearly rankings. The
// web app imports these schemas.
import { z } from 'zod';
import { dayText } from '../platform/shared/dates';
import { optionalText, str, text, Version } from '../platform/shared/api';
import { ADOPTION_KINDS } from './contract';

/** Where an item was taken up: the own bulletin, then higher outlets. */
export const OUTLET_LEVELS = ['own', 'city', 'province', 'national', 'partyGov'] as const;
export type OutletLevel = (typeof OUTLET_LEVELS)[number];
export const OUTLET_LEVEL_LABELS: Record<OutletLevel, string> = {
  own: '本刊',
  city: '市级',
  province: '省级',
  national: '全国',
  partyGov: '党政机关',
};
/** The levels an editor records later (the own bulletin is awarded on adoption). */
export const HIGHER_OUTLETS = ['city', 'province', 'national', 'partyGov'] as const;
export type HigherOutlet = (typeof HIGHER_OUTLETS)[number];

export const LEADER_LEVELS = ['city', 'province', 'central'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];
export const LEADER_LEVEL_LABELS: Record<LeaderLevel, string> = {
  city: '市领导',
  province: '省领导',
  central: '中央领导',
};

/** How an event's points go to the item's units: see `PointsConfig.unitSplit`. */
export const UNIT_SPLIT_MODES = ['first', 'equal', 'full'] as const;
export type UnitSplitMode = (typeof UNIT_SPLIT_MODES)[number];
export const UNIT_SPLIT_LABELS: Record<UnitSplitMode, string> = {
  first: '报送单位得一定比例，其余由联合报送单位平分',
  equal: '各来源单位平分',
  full: '各来源单位均得全分',
};
export const AUTHOR_SPLIT_MODES = ['equal', 'full'] as const;
export type AuthorSplitMode = (typeof AUTHOR_SPLIT_MODES)[number];
export const AUTHOR_SPLIT_LABELS: Record<AuthorSplitMode, string> = {
  equal: '本单位作者平分单位所得',
  full: '每位作者均得单位所得',
};

export const POINTS_REASONS = ['adoption', 'outlet', 'instruction', 'special'] as const;
export type PointsReason = (typeof POINTS_REASONS)[number];
export const POINTS_REASON_LABELS: Record<PointsReason, string> = {
  adoption: '本刊采用',
  outlet: '上级采用',
  instruction: '领导批示',
  special: '特别奖励',
};

function points(label: string) {
  return z
    .number({ error: `${label}必须是数字` })
    .min(0, { error: `${label}不能为负数` })
    .max(10000, { error: `${label}不能超过 10000` })
    .refine((v) => Math.round(v * 100) === v * 100, { error: `${label}最多保留两位小数` });
}

const OutletPoints = (label: string) =>
  z.object({ full: points(`${label}全文采用分`), brief: points(`${label}简讯分`) });

export const PointsConfig = z.object({
  /** Points of an adoption by outlet level, for a full item and a brief. */
  outlets: z.object({
    own: OutletPoints('本刊'),
    city: OutletPoints('市级'),
    province: OutletPoints('省级'),
    national: OutletPoints('全国'),
    partyGov: OutletPoints('党政机关'),
  }),
  /** The bonus of a leader's written instruction, by the leader's level. */
  instructions: z.object({
    city: points('市领导批示加分'),
    province: points('省领导批示加分'),
    central: points('中央领导批示加分'),
  }),
  /** What a special reward gives when the editor names no figure. */
  specialDefault: points('特别奖励默认分'),
  /**
   * `first`: the submitting unit gets `firstShare` % and the co-submitting units share the rest
   * equally (alone it gets everything); `equal`: every unit an equal part; `full`: every unit
   * the full points.
   */
  unitSplit: z.object({
    mode: z.enum(UNIT_SPLIT_MODES, { error: '单位分配方式不正确' }),
    firstShare: z
      .number({ error: '报送单位所得比例必须是数字' })
      .min(0, { error: '报送单位所得比例应在 0–100 之间' })
      .max(100, { error: '报送单位所得比例应在 0–100 之间' }),
  }),
  /** How a unit's part goes to its authors: shared equally, or each author the whole part. */
  authorSplit: z.enum(AUTHOR_SPLIT_MODES, { error: '作者分配方式不正确' }),
});
export type PointsConfig = z.infer<typeof PointsConfig>;

/** DOMAIN §7: own bulletin 10 (brief 5), city 15 (10), province 25 (10), national 40 (15). */
export const DEFAULT_POINTS_CONFIG: PointsConfig = {
  outlets: {
    own: { full: 10, brief: 5 },
    city: { full: 15, brief: 10 },
    province: { full: 25, brief: 10 },
    national: { full: 40, brief: 15 },
    partyGov: { full: 20, brief: 10 },
  },
  instructions: { city: 10, province: 20, central: 30 },
  specialDefault: 10,
  unitSplit: { mode: 'first', firstShare: 50 },
  authorSplit: 'equal',
};

export const PointsConfigView = z.object({
  config: PointsConfig,
  version: z.number().int(),
  /** The editing unit the table belongs to. */
  org: z.object({ id: str(), name: str() }),
  updatedAt: str().nullable(),
});
export type PointsConfigView = z.infer<typeof PointsConfigView>;

export const PointsConfigBody = z.object({ version: Version, config: PointsConfig });
export type PointsConfigBody = z.input<typeof PointsConfigBody>;

const Day = dayText();

/** What an editor records on an adopted or published item. */
export const PointsEventBody = z.discriminatedUnion(
  'reason',
  [
    z.object({
      reason: z.literal('outlet'),
      outletLevel: z.enum(HIGHER_OUTLETS, { error: '采用级别不正确' }),
      outletName: text('采用刊物或单位', 100),
      kind: z.enum(ADOPTION_KINDS, { error: '采用方式只能是全文采用或简讯' }),
      occurredOn: Day,
      note: optionalText('备注', 500),
    }),
    z.object({
      reason: z.literal('instruction'),
      leaderLevel: z.enum(LEADER_LEVELS, { error: '领导级别不正确' }),
      instructedBy: text('批示领导', 50),
      occurredOn: Day,
      note: text('批示内容', 2000),
    }),
    z.object({
      reason: z.literal('special'),
      /** Defaults to the table's special reward. */
      points: points('奖励分').optional(),
      occurredOn: Day,
      note: text('奖励说明', 500),
    }),
  ],
  { error: '积分事项只能是上级采用、领导批示或特别奖励' },
);
export type PointsEventBody = z.input<typeof PointsEventBody>;

export const VoidBody = z.object({ reason: text('作废原因', 500) });
export type VoidBody = z.input<typeof VoidBody>;

export const EventParams = z.object({
  id: z.uuid({ error: 'id 必须是有效的 UUID' }),
  eventId: z.uuid({ error: '积分事项 id 必须是有效的 UUID' }),
});

export const PointsCreditView = z.object({
  beneficiary: z.enum(['unit', 'author']),
  org: z.object({ id: str(), name: str() }),
  author: str().nullable(),
  points: z.number(),
});
export type PointsCreditView = z.infer<typeof PointsCreditView>;

export const PointsEventView = z.object({
  id: str(),
  reason: z.enum(POINTS_REASONS),
  /** The outlet level, or for an instruction the leader's level. */
  level: str().nullable(),
  levelLabel: str().nullable(),
  outletName: str().nullable(),
  kind: z.enum(ADOPTION_KINDS).nullable(),
  instructedBy: str().nullable(),
  note: str().nullable(),
  points: z.number(),
  occurredOn: str(),
  createdAt: str(),
  voided: z.boolean(),
  voidedAt: str().nullable(),
  voidReason: str().nullable(),
  credits: z.array(PointsCreditView),
});
export type PointsEventView = z.infer<typeof PointsEventView>;

export const PointsEventList = z.object({
  items: z.array(PointsEventView),
  /** Points still in force (voided events left out). */
  total: z.number(),
  /** The actor may record and void events on this item. */
  canEdit: z.boolean(),
});
export type PointsEventList = z.infer<typeof PointsEventList>;

// ---------------------------------------------------------------------------------------------
// Rankings

export const RANKING_GROUPS = ['districts', 'departments', 'industry', 'all'] as const;
export type RankingGroup = (typeof RANKING_GROUPS)[number];
export const RANKING_GROUP_LABELS: Record<RankingGroup, string> = {
  districts: '市(区)总工会',
  departments: '市总机关部室',
  industry: '产业(系统)工会',
  all: '全部单位',
};
export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const RankingQuery = z
  .object({
    period: z.enum(PERIODS, { error: '统计周期只能是月、季度或年' }).default('month'),
    year: z.coerce
      .number({ error: '年份必须是数字' })
      .int({ error: '年份必须是整数' })
      .min(2000, { error: '年份不能早于 2000 年' })
      .max(2100, { error: '年份不能晚于 2100 年' }),
    month: z.coerce
      .number({ error: '月份必须是数字' })
      .int({ error: '月份必须是整数' })
      .min(1, { error: '月份应在 1–12 之间' })
      .max(12, { error: '月份应在 1–12 之间' })
      .optional(),
    quarter: z.coerce
      .number({ error: '季度必须是数字' })
      .int({ error: '季度必须是整数' })
      .min(1, { error: '季度应在 1–4 之间' })
      .max(4, { error: '季度应在 1–4 之间' })
      .optional(),
    /** Default: the districts for an editor, the own group for an officer. */
    group: z.enum(RANKING_GROUPS, { error: '排名范围不正确' }).optional(),
    by: z.enum(['unit', 'author'], { error: '排名对象只能是单位或作者' }).default('unit'),
  })
  .superRefine((q, ctx) => {
    if (q.period === 'month' && q.month === undefined)
      ctx.addIssue({ code: 'custom', path: ['month'], message: '请选择月份' });
    if (q.period === 'quarter' && q.quarter === undefined)
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: '请选择季度' });
  });
export type RankingQuery = z.input<typeof RankingQuery>;

export const RankingRow = z.object({
  /** Ties share a rank (1, 1, 3). */
  rank: z.number().int(),
  /** The unit (an organisation id, or `dept:office` for a department of the federation). */
  unitKey: str(),
  unit: str(),
  /** For an author ranking: the author's name. */
  author: str().nullable(),
  submitted: z.number().int(),
  adopted: z.number().int(),
  adoptedFull: z.number().int(),
  adoptedBrief: z.number().int(),
  outlets: z.number().int(),
  instructions: z.number().int(),
  specials: z.number().int(),
  points: z.number(),
  /** Submitted nothing in the period (未报送). */
  silent: z.boolean(),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const RankingView = z.object({
  title: str(),
  /** 2026年10月, 2026年第四季度, 2026年 */
  periodLabel: str(),
  from: str(),
  to: str(),
  group: z.enum(RANKING_GROUPS),
  by: z.enum(['unit', 'author']),
  editingUnit: str(),
  rows: z.array(RankingRow),
  totals: z.object({
    units: z.number().int(),
    submitted: z.number().int(),
    adopted: z.number().int(),
    outlets: z.number().int(),
    instructions: z.number().int(),
    points: z.number(),
  }),
  /** Units of the group that submitted nothing, named in the notice. */
  silentUnits: z.array(str()),
  /** The groups the actor may open. */
  groups: z.array(z.enum(RANKING_GROUPS)),
});
export type RankingView = z.infer<typeof RankingView>;
