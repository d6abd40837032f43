// API of the honours register (荣誉, DOMAIN §5): every honour with its kind, level, year, awarding
// body, recipient and nominating unit, and the nomination workflow that leads to one (推荐 → 审核
// → 公示 → 授予). The web app imports these schemas.
import { z } from 'zod';
import { dayText } from '../../platform/shared/dates';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

// ---------- kinds, levels, recipients, states ----------

export const HONOUR_KINDS = [
  'mayDayMedal',
  'mayDayCertificate',
  'pioneer',
  'modelHome',
  'advancedHome',
  'modelWorker',
  'competitionIndividual',
  'competitionCollective',
  'other',
] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];
export const HONOUR_KIND_LABELS: Record<HonourKind, string> = {
  mayDayMedal: '五一劳动奖章',
  mayDayCertificate: '五一劳动奖状',
  pioneer: '工人先锋号',
  modelHome: '模范职工之家',
  advancedHome: '先进职工之家',
  modelWorker: '劳动模范',
  competitionIndividual: '劳动竞赛先进个人',
  competitionCollective: '劳动竞赛先进集体',
  other: '其他荣誉',
};
/** Kinds whose name is written by hand: the competition's name, or the honour's own. */
export const NAMED_KINDS: readonly HonourKind[] = ['competitionIndividual', 'competitionCollective', 'other'];

export const HONOUR_LEVELS = ['national', 'province', 'city', 'district', 'township'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '全国',
  province: '省',
  city: '市',
  district: '区(县级市)',
  township: '乡镇(街道)',
};
/** The levels a model worker is named at. */
export const MODEL_WORKER_LEVELS: readonly HonourLevel[] = ['national', 'province', 'city'];

export const RECIPIENT_KINDS = ['person', 'team', 'enterprise', 'org'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  person: '个人',
  team: '集体(班组)',
  enterprise: '企业工会',
  org: '工会组织',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const HONOUR_STATES = [
  'nominated',
  'approved',
  'returned',
  'publicising',
  'conferred',
  'revoked',
] as const;
export type HonourState = (typeof HONOUR_STATES)[number];
export const HONOUR_STATE_LABELS: Record<HonourState, string> = {
  nominated: '已推荐',
  approved: '审核通过',
  returned: '退回',
  publicising: '公示中',
  conferred: '已授予',
  revoked: '撤销',
};

export const HONOUR_ACTIONS = [
  'edit',
  'review',
  'publicise',
  'object',
  'resolve',
  'confer',
  'revoke',
] as const;
export type HonourAction = (typeof HONOUR_ACTIONS)[number];

/** The states each action starts from. */
export const ACTION_STATES: Record<HonourAction, readonly HonourState[]> = {
  edit: ['nominated', 'returned'],
  review: ['nominated'],
  publicise: ['approved'],
  object: ['publicising'],
  resolve: ['publicising'],
  confer: ['publicising'],
  revoke: ['nominated', 'approved', 'returned', 'publicising', 'conferred'],
};

export const DEFAULT_PUBLICITY_DAYS = 5;
export const EARLIEST_YEAR = 1950;
export const LATEST_YEAR = 2100;

// ---------- the honour and its recipient ----------

const Year = z
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
  .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` });

/** What an honour is and who receives it: the fields a nomination and an edit share. */
export const HonourFields = z.object({
  kind: z.enum(HONOUR_KINDS, { error: '荣誉类型不正确' }),
  /** The competition's name (先进个人/集体), or the honour's own name (其他). */
  name: optionalText('荣誉名称', 100),
  level: z.enum(HONOUR_LEVELS, { error: '荣誉级别不正确' }),
  year: Year,
  awardingBody: text('授予机关', 100),
  recipientKind: z.enum(RECIPIENT_KINDS, { error: '获奖对象类型不正确' }),
  /** The person's or team's name; for an enterprise or organisation, taken from the record. */
  recipientName: optionalText('获奖对象名称', 100),
  gender: z.enum(GENDERS, { error: '性别只能是男或女' }).nullish(),
  jobTitle: optionalText('职务', 100),
  /** The person's or team's unit, as written. */
  unitName: optionalText('所在单位', 100),
  /** The enterprise of the registry: the recipient, or the person's or team's unit. */
  enterpriseId: Uuid('企业').nullish(),
  /** The organisation of the tree: the recipient, or the person's or team's unit. */
  recipientOrgId: Uuid('获奖组织').nullish(),
  note: optionalText('备注', 500),
});
export type HonourFields = z.input<typeof HonourFields>;

/**
 * The rules between the fields, as field issues (the server and the form say the same): a name for
 * the kinds that need one, a model worker at city level or above, a person's or team's name.
 */
export function honourFieldIssues(v: {
  kind: HonourKind;
  name?: string | null;
  level: HonourLevel;
  recipientKind: RecipientKind;
  recipientName?: string | null;
  enterpriseId?: string | null;
  recipientOrgId?: string | null;
}): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (NAMED_KINDS.includes(v.kind) && !v.name)
    issues.push({
      field: 'name',
      message: v.kind === 'other' ? '其他荣誉须填写荣誉名称' : '劳动竞赛的先进个人、先进集体须填写竞赛名称',
    });
  if (v.kind === 'modelWorker' && !MODEL_WORKER_LEVELS.includes(v.level))
    issues.push({ field: 'level', message: '劳动模范的级别只能是全国、省或市' });
  if ((v.recipientKind === 'person' || v.recipientKind === 'team') && !v.recipientName)
    issues.push({
      field: 'recipientName',
      message: v.recipientKind === 'person' ? '请填写获奖个人的姓名' : '请填写获奖集体(班组)的名称',
    });
  if (v.recipientKind === 'enterprise' && !v.enterpriseId)
    issues.push({ field: 'enterpriseId', message: '请从企业名录中选择获奖企业' });
  if (v.recipientKind === 'org' && !v.recipientOrgId)
    issues.push({ field: 'recipientOrgId', message: '请选择获奖的工会组织' });
  return issues;
}

const withRules = <T extends z.ZodType<Parameters<typeof honourFieldIssues>[0]>>(schema: T) =>
  schema.superRefine((v, ctx) => {
    for (const issue of honourFieldIssues(v))
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

/** A nomination by a unit (推荐): `orgId` is the nominating unit (default: the user's own). */
export const NominationBody = withRules(HonourFields.extend({ orgId: Uuid('推荐单位').nullish() }));
export type NominationBody = z.input<typeof NominationBody>;

/** A change to a nomination not yet reviewed, or returned (which sends it again). */
export const NominationEditBody = withRules(HonourFields.extend({ version: Version }));
export type NominationEditBody = z.input<typeof NominationEditBody>;

export const ReviewBody = z
  .object({
    version: Version,
    decision: z.enum(['approve', 'return'], { error: '审核结果只能是通过或退回' }),
    reason: optionalText('退回理由', 500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回时须写明理由' });
  });
export type ReviewBody = z.input<typeof ReviewBody>;

export const PubliciseBody = z.object({
  version: Version,
  startsOn: dayText('公示开始日期'),
  days: z
    .number({ error: '公示天数必须是整数' })
    .int({ error: '公示天数必须是整数' })
    .min(1, { error: '公示天数至少 1 天' })
    .max(60, { error: '公示天数不能超过 60 天' })
    .default(DEFAULT_PUBLICITY_DAYS),
});
export type PubliciseBody = z.input<typeof PubliciseBody>;

export const ObjectionBody = z.object({
  version: Version,
  receivedOn: dayText('收到异议日期'),
  content: text('异议内容', 2000),
});
export type ObjectionBody = z.input<typeof ObjectionBody>;

export const ResolveObjectionBody = z.object({
  version: Version,
  resolvedOn: dayText('处理日期'),
  resolution: text('处理结果', 2000),
});
export type ResolveObjectionBody = z.input<typeof ResolveObjectionBody>;

export const ObjectionParams = z.object({
  id: Uuid('id'),
  objectionId: Uuid('objectionId'),
});

export const ConferBody = z.object({
  version: Version,
  /** Default: today. */
  conferredOn: dayText('授予日期').nullish(),
});
export type ConferBody = z.input<typeof ConferBody>;

export const RevokeBody = z.object({ version: Version, reason: text('撤销理由', 500) });
export type RevokeBody = z.input<typeof RevokeBody>;

// ---------- views ----------

const Ref = z.object({ id: str(), name: str() });

export const HonourView = z.object({
  id: str(),
  kind: z.enum(HONOUR_KINDS),
  /** 五一劳动奖章, 省劳动模范, 2024年建功立业劳动竞赛先进个人 … */
  title: str(),
  name: str().nullable(),
  level: z.enum(HONOUR_LEVELS),
  year: z.number().int(),
  awardingBody: str(),
  recipientKind: z.enum(RECIPIENT_KINDS),
  recipientName: str(),
  gender: z.enum(GENDERS).nullable(),
  jobTitle: str().nullable(),
  unitName: str().nullable(),
  enterprise: Ref.nullable(),
  recipientOrg: Ref.nullable(),
  nominatingOrg: Ref.nullable(),
  nominatingUnitName: str().nullable(),
  /** The unit the honour belongs to, and the district it counts under. */
  orgName: str(),
  district: str(),
  state: z.enum(HONOUR_STATES),
  imported: z.boolean(),
  returnReason: str().nullable(),
  publicityStartsOn: str().nullable(),
  publicityDays: z.number().int().nullable(),
  publicityEndsOn: str().nullable(),
  openObjections: z.number().int(),
  conferredOn: str().nullable(),
  revokeReason: str().nullable(),
  note: str().nullable(),
  version: z.number().int(),
  updatedAt: str(),
});
export type HonourView = z.infer<typeof HonourView>;

export const ObjectionView = z.object({
  id: str(),
  receivedOn: str(),
  content: str(),
  resolvedOn: str().nullable(),
  resolution: str().nullable(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const HonourEventView = z.object({
  id: str(),
  at: str(),
  kind: str(),
  actor: Ref.nullable(),
  org: Ref.nullable(),
  text: str(),
});
export type HonourEventView = z.infer<typeof HonourEventView>;

export const HonourDetail = HonourView.extend({
  objections: z.array(ObjectionView),
  events: z.array(HonourEventView),
  /** What the reader may do now. */
  actions: z.array(z.enum(HONOUR_ACTIONS)),
  /** Why conferring must wait, when it must. */
  conferBlockedBy: str().nullable(),
});
export type HonourDetail = z.infer<typeof HonourDetail>;

export const HonourPage = pageOf(HonourView);
export type HonourPage = z.infer<typeof HonourPage>;

const YearQuery = z.coerce
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_YEAR, { error: `年度不能早于 ${EARLIEST_YEAR} 年` })
  .max(LATEST_YEAR, { error: `年度不能晚于 ${LATEST_YEAR} 年` });

/** The filters of the register (and of its export). */
export const HonourFilter = z.object({
  q: str({ error: '搜索内容必须是文本' }).trim().max(50, { error: '搜索内容不能超过 50 个字符' }).optional(),
  kind: z.enum(HONOUR_KINDS, { error: '荣誉类型不正确' }).optional(),
  level: z.enum(HONOUR_LEVELS, { error: '荣誉级别不正确' }).optional(),
  year: YearQuery.optional(),
  state: z.enum(HONOUR_STATES, { error: '状态不正确' }).optional(),
  recipientKind: z.enum(RECIPIENT_KINDS, { error: '获奖对象类型不正确' }).optional(),
  /** The unit (a district, a township …) whose subtree's honours are listed. */
  orgId: Uuid('单位').optional(),
  /** Nominations waiting for the reader's review, or ready to be conferred. */
  due: z.enum(['review', 'confer'], { error: 'due 只能是 review 或 confer' }).optional(),
});
export type HonourFilter = z.input<typeof HonourFilter>;

export const HonourQuery = PageQuery.extend(HonourFilter.shape);
export type HonourQuery = z.input<typeof HonourQuery>;

/** Conferred honours of one enterprise or one organisation (for their pages). */
export const HonoursOfQuery = z
  .object({
    enterpriseId: Uuid('企业').optional(),
    orgId: Uuid('组织').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.enterpriseId === !v.orgId)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请指定一家企业或一个组织' });
  });
export type HonoursOfQuery = z.input<typeof HonoursOfQuery>;

export const HonoursOfView = z.object({ items: z.array(HonourView) });
export type HonoursOfView = z.infer<typeof HonoursOfView>;

/** Counts of conferred honours per district × year. */
export const HonourCountsQuery = z
  .object({
    orgId: Uuid('单位').optional(),
    kind: z.enum(HONOUR_KINDS, { error: '荣誉类型不正确' }).optional(),
    level: z.enum(HONOUR_LEVELS, { error: '荣誉级别不正确' }).optional(),
    from: YearQuery.optional(),
    to: YearQuery.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.to !== undefined && v.from > v.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止年度不能早于起始年度' });
    if (v.from !== undefined && v.to !== undefined && v.to - v.from > 50)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '年度范围不能超过 50 年' });
  });
export type HonourCountsQuery = z.input<typeof HonourCountsQuery>;

export const HonourCountsView = z.object({
  years: z.array(z.number().int()),
  rows: z.array(
    z.object({
      /** The district's organisation id (null: the city federation's own honours, 市本级). */
      orgId: str().nullable(),
      name: str(),
      counts: z.array(z.number().int()),
      total: z.number().int(),
    }),
  ),
  totals: z.array(z.number().int()),
  total: z.number().int(),
});
export type HonourCountsView = z.infer<typeof HonourCountsView>;

// ---------- import ----------

export const HonourImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 只能是 true 或 false' }).optional(),
});

export const HonourImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  warnings: z.array(str()),
});
export type HonourImportResult = z.infer<typeof HonourImportResult>;

/** The details of a refused import (400): each error with its row (as Excel numbers it) and column. */
export interface HonourImportError {
  row: number;
  field: string;
  message: string;
}

/** Most rows one import file may hold. */
export const MAX_IMPORT_ROWS = 20_000;
const LEVEL_PREFIX: Record<HonourLevel, string> = {
  national: '全国',
  province: '省',
  city: '市',
  district: '区',
  township: '',
};

/** 省劳动模范, 全国五一劳动奖章, 2024年建功立业劳动竞赛先进个人 … */
export function honourTitle(h: { kind: HonourKind; name: string | null; level: HonourLevel }): string {
  switch (h.kind) {
    case 'modelWorker':
      return `${LEVEL_PREFIX[h.level]}劳动模范`;
    case 'competitionIndividual':
      return `${h.name ?? '劳动竞赛'}先进个人`;
    case 'competitionCollective':
      return `${h.name ?? '劳动竞赛'}先进集体`;
    case 'other':
      return h.name ?? HONOUR_KIND_LABELS.other;
    case 'mayDayMedal':
    case 'mayDayCertificate':
    case 'pioneer':
    case 'modelHome':
    case 'advancedHome':
      return `${LEVEL_PREFIX[h.level]}${HONOUR_KIND_LABELS[h.kind]}`;
  }
}
