// API of the cadre service programme (百名干部服务千家企业, DOMAIN §3): programmes, pairing of
// cadres with enterprises (挂钩联系), visits and services by the four aspects, and enterprise
// needs followed to resolution (跟踪服务). The web app imports these schemas.
import { z } from 'zod';
import { dayText } from '../platform/shared/dates';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../platform/shared/api';
import { FactCreateBody } from '../enterprises/contract';
import { PictureView } from '../platform/shared/pictures-contract';

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

// ---------- the four aspects of service (四个方面) and what a unit may frame its help as ----------

export const SERVICE_ASPECTS = ['coverage', 'staffing', 'activities', 'guarantees'] as const;
export type ServiceAspect = (typeof SERVICE_ASPECTS)[number];

export const ASPECT_LABELS: Record<ServiceAspect, string> = {
  coverage: '组织覆盖',
  staffing: '队伍建设',
  activities: '活动开展',
  guarantees: '保障落实',
};

/** The sub-items of each aspect: what was served, several per visit. */
export const SERVICE_ITEMS = [
  'coverage.publicity',
  'coverage.liaison',
  'coverage.preparation',
  'staffing.cadres',
  'staffing.election',
  'staffing.membersCongress',
  'staffing.satisfaction',
  'activities.rights',
  'activities.workersCongress',
  'activities.bargaining',
  'activities.wageAgreement',
  'activities.stableWorkforce',
  'guarantees.fiveHaves',
  'guarantees.venues',
  'guarantees.funds',
] as const;
export type ServiceItem = (typeof SERVICE_ITEMS)[number];

export const SERVICE_ITEM_LABELS: Record<ServiceItem, string> = {
  'coverage.publicity': '宣传发动',
  'coverage.liaison': '联络沟通',
  'coverage.preparation': '筹备建会',
  'staffing.cadres': '选好工会干部',
  'staffing.election': '按期换届',
  'staffing.membersCongress': '会员代表大会',
  'staffing.satisfaction': '会员满意度',
  'activities.rights': '维权服务',
  'activities.workersCongress': '职代会',
  'activities.bargaining': '集体协商与集体合同',
  'activities.wageAgreement': '工资专项集体协议',
  'activities.stableWorkforce': '稳定职工队伍',
  'guarantees.fiveHaves': '五有建设',
  'guarantees.venues': '活动阵地',
  'guarantees.funds': '工会经费',
};

export const aspectOf = (item: ServiceItem): ServiceAspect => item.split('.')[0] as ServiceAspect;

/** "组织覆盖：宣传发动、筹备建会；保障落实：五有建设" */
export function itemsText(items: ServiceItem[]): string {
  const byAspect = new Map<string, string[]>();
  for (const item of items) {
    const aspect = ASPECT_LABELS[aspectOf(item)];
    byAspect.set(aspect, [...(byAspect.get(aspect) ?? []), SERVICE_ITEM_LABELS[item]]);
  }
  return [...byAspect].map(([aspect, names]) => `${aspect}：${names.join('、')}`).join('；');
}

/** 引、推、扶: guide policy and plans / push through training, competitions, disputes / support needs. */
export const APPROACHES = ['guide', 'push', 'support'] as const;
export type Approach = (typeof APPROACHES)[number];
export const APPROACH_LABELS: Record<Approach, string> = { guide: '引', push: '推', support: '扶' };

/** The registry facts a visit may record in the same save. */
export const VISIT_FACT_KINDS = [
  'fiveHave',
  'unionFounded',
  'termElection',
  'workersCongress',
  'membersCongress',
] as const;

// ---------- programmes ----------

/** The levels of union staff taking part. */
export const PROGRAMME_LEVELS = ['city', 'district', 'township'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];
export const LEVEL_LABELS: Record<ProgrammeLevel, string> = {
  city: '市总工会',
  district: '市(区)总工会',
  township: '乡镇(街道)工会',
};

export const DEFAULT_VISIT_EVERY_DAYS = 60;

const VisitEvery = z
  .number({ error: '走访周期必须是整数天数' })
  .int({ error: '走访周期必须是整数天数' })
  .min(7, { error: '走访周期不能少于 7 天' })
  .max(366, { error: '走访周期不能超过 366 天' });

export const ProgrammeBody = z
  .object({
    name: text('活动名称', 80),
    /** The organisation running it (its subtree is the programme's scope); default the actor's own. */
    orgId: Uuid('组织').nullish(),
    startsOn: dayText('开始日期'),
    endsOn: dayText('结束日期'),
    levels: z
      .array(z.enum(PROGRAMME_LEVELS, { error: '参加层级不正确' }))
      .min(1, { error: '至少选择一个参加层级' }),
    visitEveryDays: VisitEvery.default(DEFAULT_VISIT_EVERY_DAYS),
    description: optionalText('说明', 1000),
  })
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], error: '结束日期不能早于开始日期' });
export type ProgrammeBody = z.input<typeof ProgrammeBody>;

export const ProgrammePatch = z
  .object({
    name: text('活动名称', 80).optional(),
    startsOn: dayText('开始日期').optional(),
    endsOn: dayText('结束日期').optional(),
    levels: z
      .array(z.enum(PROGRAMME_LEVELS, { error: '参加层级不正确' }))
      .min(1, { error: '至少选择一个参加层级' })
      .optional(),
    visitEveryDays: VisitEvery.optional(),
    description: optionalText('说明', 1000).optional(),
    version: Version,
  })
  .refine((b) => !b.startsOn || !b.endsOn || b.endsOn >= b.startsOn, {
    path: ['endsOn'],
    error: '结束日期不能早于开始日期',
  });
export type ProgrammePatch = z.input<typeof ProgrammePatch>;

const Ref = z.object({ id: str(), name: str() });

export const ProgrammeView = z.object({
  id: str(),
  name: str(),
  org: Ref,
  startsOn: str(),
  endsOn: str(),
  levels: z.array(z.enum(PROGRAMME_LEVELS)),
  visitEveryDays: z.number().int(),
  description: str().nullable(),
  /** Current pairings within the reader's scope. */
  pairings: z.number().int(),
  /** Whether the reader may change the programme and pair in it. */
  editable: z.boolean(),
  version: z.number().int(),
  createdAt: str(),
});
export type ProgrammeView = z.infer<typeof ProgrammeView>;
export const ProgrammeList = z.object({ items: z.array(ProgrammeView) });
export type ProgrammeList = z.infer<typeof ProgrammeList>;

// ---------- pairings ----------

export const PAIRING_DUE_STATES = ['due', 'overdue', 'ok'] as const;
export type PairingDueState = (typeof PAIRING_DUE_STATES)[number];
export const DUE_STATE_LABELS: Record<PairingDueState, string> = {
  overdue: '已逾期',
  due: '即将到期',
  ok: '正常',
};
/** A visit falls due this many days before its last day. */
export const DUE_SOON_DAYS = 14;

export const PairBody = z.object({
  cadreId: Uuid('服务干部'),
  enterpriseIds: z
    .array(Uuid('企业'), { error: '请选择企业' })
    .min(1, { error: '请至少选择一家企业' })
    .max(500, { error: '一次最多挂钩 500 家企业' }),
  /** A frequency of these pairings' own, overriding the programme's. */
  visitEveryDays: VisitEvery.nullish(),
});
export type PairBody = z.input<typeof PairBody>;

export const PairResult = z.object({
  paired: z.number().int(),
  /** Enterprises already paired in the programme, left as they were. */
  alreadyPaired: z.array(z.object({ enterpriseId: str(), name: str(), cadre: str() })),
});
export type PairResult = z.infer<typeof PairResult>;

export const ReassignBody = z.object({
  cadreId: Uuid('服务干部'),
  reason: text('调整原因', 200),
  version: Version,
});
export const EndPairingBody = z.object({ reason: text('解除原因', 200), version: Version });
export const PairingFrequencyBody = z.object({ visitEveryDays: VisitEvery.nullable(), version: Version });

export const PairingQuery = PageQuery.extend({
  programmeId: Uuid('活动').optional(),
  orgId: Uuid('组织').optional(),
  cadreId: Uuid('服务干部').optional(),
  /** Only the actor's own pairings. */
  mine: z.stringbool({ error: 'mine 必须是 true 或 false' }).optional(),
  due: z.enum(PAIRING_DUE_STATES, { error: '到期状态不正确' }).optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
  /** Ended pairings too (the history). */
  history: z.stringbool({ error: 'history 必须是 true 或 false' }).optional(),
});
export type PairingQuery = z.input<typeof PairingQuery>;

export const PairingView = z.object({
  id: str(),
  programme: Ref,
  enterprise: z.object({ id: str(), name: str(), orgName: str() }),
  cadre: z.object({ id: str(), name: str(), orgName: str() }),
  startedOn: str(),
  endedOn: str().nullable(),
  endedReason: str().nullable(),
  visitEveryDays: z.number().int(),
  /** Its own frequency, when it overrides the programme's. */
  ownVisitEveryDays: z.number().int().nullable(),
  lastVisitOn: str().nullable(),
  dueOn: str(),
  dueState: z.enum(PAIRING_DUE_STATES),
  version: z.number().int(),
});
export type PairingView = z.infer<typeof PairingView>;
export const PairingPage = pageOf(PairingView);
export type PairingPage = z.infer<typeof PairingPage>;

export const CadreQuery = z.object({
  /** Cadres of the programme's reach; without it, of the actor's (for owners of needs). */
  programmeId: Uuid('活动').optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
});
export const CadreView = z.object({
  id: str(),
  name: str(),
  username: str(),
  orgName: str(),
  /** Current pairings in the programme. */
  pairings: z.number().int(),
});
export const CadreList = z.object({ items: z.array(CadreView) });
export type CadreView = z.infer<typeof CadreView>;

export const UnpairedQuery = PageQuery.extend({ orgId: Uuid('组织').optional() });
export type UnpairedQuery = z.input<typeof UnpairedQuery>;

/** A three-category enterprise no cadre is paired with in any programme. */
export const UnpairedView = z.object({
  enterprise: z.object({ id: str(), name: str(), orgName: str() }),
  urgency: z.number().int(),
  employees: z.number().int().nullable(),
});
export type UnpairedView = z.infer<typeof UnpairedView>;
export const UnpairedPage = pageOf(UnpairedView);
export type UnpairedPage = z.infer<typeof UnpairedPage>;

// ---------- visits ----------

export const NEED_KINDS = ['hiring', 'training', 'policy', 'dispute', 'other'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const NEED_KIND_LABELS: Record<NeedKind, string> = {
  hiring: '用工',
  training: '培训',
  policy: '政策',
  dispute: '劳动争议',
  other: '其他',
};

export const NeedBody = z.object({
  enterpriseId: Uuid('企业'),
  kind: z.enum(NEED_KINDS, { error: '需求类型不正确' }),
  description: text('需求内容', 500),
  ownerId: Uuid('负责人').nullish(),
  dueOn: dayText('办结期限').nullish(),
  programmeId: Uuid('活动').nullish(),
});
export type NeedBody = z.input<typeof NeedBody>;

/** A need raised in a visit: the visit names its enterprise and programme. */
const VisitNeed = NeedBody.omit({ enterpriseId: true, programmeId: true });

export const VisitBody = z.object({
  enterpriseId: Uuid('企业'),
  programmeId: Uuid('活动').nullish(),
  visitedOn: dayText('走访日期'),
  /** Cadres who went besides the one recording. */
  otherCadreIds: z.array(Uuid('服务干部')).max(10, { error: '同行干部不能超过 10 人' }).default([]),
  items: z
    .array(z.enum(SERVICE_ITEMS, { error: '服务内容不正确' }), { error: '请选择服务内容' })
    .min(1, { error: '请至少选择一项服务内容' }),
  approaches: z.array(z.enum(APPROACHES, { error: '引推扶不正确' })).default([]),
  met: optionalText('接待人员', 100),
  content: text('服务情况', 2000),
  needs: z.array(VisitNeed).max(10, { error: '一次走访最多登记 10 项需求' }).default([]),
  /** Registry facts seen on the visit, added to the registry in the same save. */
  facts: z
    .array(
      FactCreateBody.extend({
        kind: z.enum(VISIT_FACT_KINDS, { error: '走访只能登记五有、建会、换届、职代会或会员代表大会' }),
      }),
    )
    .max(10, { error: '一次走访最多登记 10 项企业事项' })
    .default([]),
});
export type VisitBody = z.input<typeof VisitBody>;

export const VisitQuery = PageQuery.extend({
  programmeId: Uuid('活动').optional(),
  orgId: Uuid('组织').optional(),
  enterpriseId: Uuid('企业').optional(),
  cadreId: Uuid('服务干部').optional(),
  mine: z.stringbool({ error: 'mine 必须是 true 或 false' }).optional(),
  aspect: z.enum(SERVICE_ASPECTS, { error: '服务方面不正确' }).optional(),
  from: dayText('开始日期').optional(),
  to: dayText('结束日期').optional(),
});
export type VisitQuery = z.input<typeof VisitQuery>;

/** Pictures a visit may hold (a phone's nine-grid). */
export const MAX_VISIT_IMAGES = 9;

export const VisitView = z.object({
  id: str(),
  programme: Ref.nullable(),
  enterprise: z.object({ id: str(), name: str(), orgName: str() }),
  visitedOn: str(),
  cadres: z.array(Ref),
  items: z.array(z.enum(SERVICE_ITEMS)),
  approaches: z.array(z.enum(APPROACHES)),
  met: str().nullable(),
  content: str(),
  /** The registry facts recorded with it (kind and date). */
  facts: z.array(z.object({ kind: str(), eventDate: str().nullable() })),
  needIds: z.array(str()),
  images: z.array(PictureView),
  createdBy: Ref,
  createdAt: str(),
});
export type VisitView = z.infer<typeof VisitView>;
export const VisitPage = pageOf(VisitView);
export type VisitPage = z.infer<typeof VisitPage>;

// ---------- needs ----------

export const NEED_STATES = ['open', 'inProgress', 'resolved', 'closed'] as const;
export type NeedState = (typeof NEED_STATES)[number];
export const NEED_STATE_LABELS: Record<NeedState, string> = {
  open: '待办理',
  inProgress: '办理中',
  resolved: '已解决',
  closed: '已关闭',
};

export const NEED_ACTIONS = ['assign', 'progress', 'resolve', 'close', 'reopen', 'note'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

export const NeedEventBody = z
  .object({
    action: z.enum(NEED_ACTIONS, { error: '操作不正确' }),
    /** The new owner (assign). */
    ownerId: Uuid('负责人').nullish(),
    dueOn: dayText('办结期限').nullish(),
    note: optionalText('说明', 1000),
    version: Version,
  })
  .superRefine((b, ctx) => {
    if (b.action === 'assign' && !b.ownerId)
      ctx.addIssue({ code: 'custom', path: ['ownerId'], message: '请选择负责人' });
    if ((b.action === 'close' || b.action === 'resolve' || b.action === 'note') && !b.note)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message:
          b.action === 'close' ? '请填写关闭原因' : b.action === 'resolve' ? '请填写办理结果' : '请填写说明',
      });
  });
export type NeedEventBody = z.input<typeof NeedEventBody>;

export const NeedQuery = PageQuery.extend({
  programmeId: Uuid('活动').optional(),
  orgId: Uuid('组织').optional(),
  enterpriseId: Uuid('企业').optional(),
  state: z.enum(NEED_STATES, { error: '状态不正确' }).optional(),
  kind: z.enum(NEED_KINDS, { error: '需求类型不正确' }).optional(),
  /** Open or in progress, past the due date. */
  overdue: z.stringbool({ error: 'overdue 必须是 true 或 false' }).optional(),
  /** Only needs the actor owns. */
  mine: z.stringbool({ error: 'mine 必须是 true 或 false' }).optional(),
});
export type NeedQuery = z.input<typeof NeedQuery>;

export const NeedEventView = z.object({
  at: str(),
  actor: str(),
  action: z.enum([...NEED_ACTIONS, 'create']),
  note: str().nullable(),
  owner: str().nullable(),
});

export const NeedView = z.object({
  id: str(),
  enterprise: z.object({ id: str(), name: str(), orgName: str() }),
  programme: Ref.nullable(),
  visitId: str().nullable(),
  kind: z.enum(NEED_KINDS),
  description: str(),
  owner: Ref.nullable(),
  dueOn: str().nullable(),
  state: z.enum(NEED_STATES),
  overdue: z.boolean(),
  resolvedOn: str().nullable(),
  createdBy: Ref,
  createdAt: str(),
  version: z.number().int(),
  events: z.array(NeedEventView).optional(),
});
export type NeedView = z.infer<typeof NeedView>;
export const NeedPage = pageOf(NeedView);
export type NeedPage = z.infer<typeof NeedPage>;

// ---------- dashboard ----------

export const DashboardQuery = z.object({
  programmeId: Uuid('活动'),
  orgId: Uuid('组织').optional(),
});
export type DashboardQuery = z.input<typeof DashboardQuery>;

export const DashboardCounts = z.object({
  /** Three-category enterprises, and those of them paired in the programme. */
  priority: z.number().int(),
  pairedPriority: z.number().int(),
  pairings: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  /** Visits of the programme, and the enterprises they reached. */
  visits: z.number().int(),
  visited: z.number().int(),
  needsOpen: z.number().int(),
  needsOverdue: z.number().int(),
  needsResolved: z.number().int(),
  needsClosed: z.number().int(),
});
export type DashboardCounts = z.infer<typeof DashboardCounts>;

export const DashboardView = z.object({
  programme: Ref,
  org: Ref,
  date: str(),
  total: DashboardCounts,
  /** Each unit below, and the enterprises registered at the unit itself (org null). */
  rows: z.array(DashboardCounts.extend({ org: Ref.nullable() })),
  aspects: z.array(z.object({ aspect: z.enum(SERVICE_ASPECTS), visits: z.number().int() })),
  needKinds: z.array(z.object({ kind: z.enum(NEED_KINDS), total: z.number().int(), open: z.number().int() })),
});
export type DashboardView = z.infer<typeof DashboardView>;

// ---------- seasonal campaigns 送清凉 / 送温暖 ----------

export const CAMPAIGN_SEASONS = ['summer', 'winter'] as const;
export type CampaignSeason = (typeof CAMPAIGN_SEASONS)[number];
export const SEASON_LABELS: Record<CampaignSeason, string> = { summer: '送清凉', winter: '送温暖' };

/** The groups of people a federation reports its campaign by (each person in one group). */
export const CAMPAIGN_GROUPS = ['frontline', 'outdoor', 'migrant', 'hardship', 'model', 'other'] as const;
export type CampaignGroup = (typeof CAMPAIGN_GROUPS)[number];
export const GROUP_LABELS: Record<CampaignGroup, string> = {
  frontline: '一线职工',
  outdoor: '户外劳动者',
  migrant: '农民工',
  hardship: '困难职工',
  model: '劳动模范',
  other: '其他职工',
};

const Year = z
  .number({ error: '年度必须是数字' })
  .int({ error: '年度必须是整数' })
  .min(2000, { error: '年度不能早于 2000 年' })
  .max(2100, { error: '年度不能晚于 2100 年' });

/** An amount of money in fen (分): the API never carries yuan as a fraction. */
const Fen = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int({ error: `${label}必须以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000_000, { error: `${label}不能超过 10 亿元` });

const Headcount = z
  .number({ error: '人数必须是数字' })
  .int({ error: '人数必须是整数' })
  .min(0, { error: '人数不能为负数' })
  .max(100_000, { error: '人数不能超过 100000' });

const startsInYear = (b: { year?: number | undefined; startsOn?: string | undefined }) =>
  b.year === undefined || !b.startsOn || b.startsOn.startsWith(`${b.year}-`);

export const CampaignBody = z
  .object({
    season: z.enum(CAMPAIGN_SEASONS, { error: '活动类型必须是送清凉或送温暖' }),
    year: Year,
    /** The unit running it; default the actor's own. */
    orgId: Uuid('组织').nullish(),
    /** Default: "2026年送清凉". */
    name: optionalText('活动名称', 80),
    startsOn: dayText('开始日期'),
    endsOn: dayText('结束日期'),
    description: optionalText('说明', 1000),
  })
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], error: '结束日期不能早于开始日期' })
  .refine(startsInYear, { path: ['startsOn'], error: '开始日期必须在活动年度内' });
export type CampaignBody = z.input<typeof CampaignBody>;

export const CampaignPatch = z
  .object({
    name: text('活动名称', 80).optional(),
    startsOn: dayText('开始日期').optional(),
    endsOn: dayText('结束日期').optional(),
    description: optionalText('说明', 1000).optional(),
    version: Version,
  })
  .refine((b) => !b.startsOn || !b.endsOn || b.endsOn >= b.startsOn, {
    path: ['endsOn'],
    error: '结束日期不能早于开始日期',
  });
export type CampaignPatch = z.input<typeof CampaignPatch>;

export const CampaignQuery = z.object({
  season: z.enum(CAMPAIGN_SEASONS, { error: '活动类型必须是送清凉或送温暖' }).optional(),
  year: z.coerce.number({ error: '年度必须是数字' }).pipe(Year).optional(),
});
export type CampaignQuery = z.input<typeof CampaignQuery>;

const Gifts = z.object({
  /** Deliveries, people reached, money and goods' value (fen), within the reader's scope. */
  visits: z.number().int(),
  people: z.number().int(),
  moneyFen: z.number().int(),
  goodsValueFen: z.number().int(),
});

export const CampaignView = z.object({
  id: str(),
  season: z.enum(CAMPAIGN_SEASONS),
  year: z.number().int(),
  name: str(),
  org: Ref,
  startsOn: str(),
  endsOn: str(),
  description: str().nullable(),
  /** Whether the reader may change it (it is run in their subtree). */
  editable: z.boolean(),
  totals: Gifts,
  version: z.number().int(),
  createdAt: str(),
});
export type CampaignView = z.infer<typeof CampaignView>;
export const CampaignList = z.object({ items: z.array(CampaignView) });
export type CampaignList = z.infer<typeof CampaignList>;

/** People visited in each group; a group left out counts none. */
export const GroupCounts = z.object(
  Object.fromEntries(CAMPAIGN_GROUPS.map((g) => [g, Headcount.default(0)])) as Record<
    CampaignGroup,
    z.ZodDefault<typeof Headcount>
  >,
);
export type GroupCounts = z.infer<typeof GroupCounts>;

export const NamedWorker = z.object({
  name: text('职工姓名', 20),
  group: z.enum(CAMPAIGN_GROUPS, { error: '职工类别不正确' }),
  note: optionalText('职工情况', 100),
});

const CampaignVisitFields = z.object({
  /** An enterprise of the registry, or a place outside it (a sanitation station, a building site). */
  enterpriseId: Uuid('企业').nullish(),
  place: optionalText('慰问地点', 100),
  visitedOn: dayText('慰问日期'),
  leaders: optionalText('带队领导', 100),
  groups: GroupCounts,
  /** Workers visited by name, each also counted in their group. */
  workers: z.array(NamedWorker).max(200, { error: '按姓名登记的职工不能超过 200 人' }).default([]),
  moneyFen: Fen('慰问金').default(0),
  goods: optionalText('慰问物资', 200),
  goodsValueFen: Fen('物资折款').default(0),
  note: optionalText('备注', 500),
});

function checkCampaignVisit(b: z.infer<typeof CampaignVisitFields>, ctx: z.RefinementCtx) {
  if (!b.enterpriseId && !b.place)
    ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择企业或填写慰问地点' });
  if (CAMPAIGN_GROUPS.every((g) => b.groups[g] === 0))
    ctx.addIssue({ code: 'custom', path: ['groups'], message: '请填写慰问人数' });
  for (const g of CAMPAIGN_GROUPS) {
    const named = b.workers.filter((w) => w.group === g).length;
    if (named > b.groups[g])
      ctx.addIssue({
        code: 'custom',
        path: ['groups', g],
        message: `按姓名登记的${GROUP_LABELS[g]}有 ${named} 人，多于填写的人数 ${b.groups[g]}`,
      });
  }
  if (b.moneyFen === 0 && b.goodsValueFen === 0)
    ctx.addIssue({ code: 'custom', path: ['moneyFen'], message: '请填写慰问金或物资折款' });
  if (b.goodsValueFen > 0 && !b.goods)
    ctx.addIssue({ code: 'custom', path: ['goods'], message: '请填写慰问物资' });
}

export const CampaignVisitBody = CampaignVisitFields.superRefine(checkCampaignVisit);
export type CampaignVisitBody = z.input<typeof CampaignVisitBody>;
export const CampaignVisitUpdate = CampaignVisitFields.extend({ version: Version }).superRefine(
  checkCampaignVisit,
);
export type CampaignVisitUpdate = z.input<typeof CampaignVisitUpdate>;

export const CampaignVisitQuery = PageQuery.extend({
  campaignId: Uuid('活动').optional(),
  season: z.enum(CAMPAIGN_SEASONS, { error: '活动类型必须是送清凉或送温暖' }).optional(),
  year: z.coerce.number({ error: '年度必须是数字' }).pipe(Year).optional(),
  orgId: Uuid('组织').optional(),
  q: str().trim().max(50, { error: '关键词不能超过 50 个字符' }).optional(),
});
export type CampaignVisitQuery = z.input<typeof CampaignVisitQuery>;

export const CampaignVisitView = z.object({
  id: str(),
  campaign: z.object({ id: str(), name: str(), season: z.enum(CAMPAIGN_SEASONS), year: z.number().int() }),
  enterprise: z.object({ id: str(), name: str() }).nullable(),
  place: str().nullable(),
  /** The township (or unit) the delivery counts under. */
  orgName: str(),
  visitedOn: str(),
  leaders: str().nullable(),
  groups: z.record(z.enum(CAMPAIGN_GROUPS), z.number().int()),
  people: z.number().int(),
  workers: z.array(z.object({ name: str(), group: z.enum(CAMPAIGN_GROUPS), note: str().nullable() })),
  moneyFen: z.number().int(),
  goods: str().nullable(),
  goodsValueFen: z.number().int(),
  note: str().nullable(),
  /** Whether the reader may change or delete it. */
  editable: z.boolean(),
  createdBy: Ref,
  createdAt: str(),
  version: z.number().int(),
});
export type CampaignVisitView = z.infer<typeof CampaignVisitView>;
export const CampaignVisitPage = pageOf(CampaignVisitView);
export type CampaignVisitPage = z.infer<typeof CampaignVisitPage>;

export const CampaignTotalsQuery = z.object({
  season: z.enum(CAMPAIGN_SEASONS, { error: '活动类型必须是送清凉或送温暖' }),
  year: z.coerce.number({ error: '年度必须是数字' }).pipe(Year),
  orgId: Uuid('组织').optional(),
});
export type CampaignTotalsQuery = z.input<typeof CampaignTotalsQuery>;

export const CampaignTotals = Gifts.extend({
  campaigns: z.number().int(),
  /** Enterprises and places reached. */
  places: z.number().int(),
  groups: z.record(z.enum(CAMPAIGN_GROUPS), z.number().int()),
});
export type CampaignTotals = z.infer<typeof CampaignTotals>;

/** A season's deliveries of every campaign in a unit's subtree, for it and each unit below. */
export const CampaignTotalsView = z.object({
  season: z.enum(CAMPAIGN_SEASONS),
  year: z.number().int(),
  org: Ref,
  total: CampaignTotals,
  rows: z.array(CampaignTotals.extend({ org: Ref.nullable() })),
});
export type CampaignTotalsView = z.infer<typeof CampaignTotalsView>;
