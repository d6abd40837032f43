// API of the enterprise registry. The web app imports these schemas.
import { z } from 'zod';
import { dayText } from '../platform/shared/dates';
import { optionalText, pageOf, PageQuery, str, text, Version } from '../platform/shared/api';
import { normalizeUscc, usccProblem } from '../platform/shared/uscc';
import {
  ENTERPRISE_STATUSES,
  FACT_KINDS,
  FIVE_HAVE_ITEMS,
  OWNERSHIPS,
  SURVEY_FLAGS,
  type FactKind as Kind,
} from './import/record';

export {
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  ENTERPRISE_STATUSES,
  FACT_KINDS,
  FIVE_HAVE_ITEMS,
  SURVEY_FLAGS,
  type SurveyFlag,
  type Ownership,
  type EnterpriseStatus,
  type FactKind,
  type FiveHaveItem,
} from './import/record';

export const STATUS_LABELS: Record<(typeof ENTERPRISE_STATUSES)[number], string> = {
  operating: '在营',
  closed: '注销/关闭',
};

/** Facts that may be recorded of an enterprise without a union: every other kind needs one. */
export const WITHOUT_UNION_KINDS: readonly Kind[] = ['unionFounded', 'survey', 'headcount', 'jointUnion'];
/** Facts kept by the enterprise's own fields (所属联合工会), not entered as facts of their own. */
export const FORM_KEPT_KINDS: readonly Kind[] = ['jointUnion'];
export const needsUnion = (kind: Kind): boolean => !WITHOUT_UNION_KINDS.includes(kind);

export const FACT_KIND_LABELS: Record<(typeof FACT_KINDS)[number], string> = {
  unionFounded: '建立工会',
  unionDissolved: '工会撤销',
  headcount: '职工人数',
  jointUnion: '联合工会覆盖',
  membership: '会员人数',
  termElection: '工会换届',
  workersCongress: '职代会（职工大会）',
  membersCongress: '会员代表大会',
  collectiveContract: '集体合同',
  wageAgreement: '工资专项集体协议',
  womenContract: '女职工专项集体合同',
  affairsDisclosure: '厂务公开',
  employeeDirector: '职工董事',
  employeeSupervisor: '职工监事',
  memberEvaluation: '会员评家',
  fiveHave: '五有',
  survey: '集中排查',
};

export const SURVEY_FLAG_LABELS: Record<(typeof SURVEY_FLAGS)[number], string> = {
  hardToOrganise: '建会难',
  ineffectiveUnion: '工会作用发挥不好',
  tenseRelations: '劳动关系紧张',
};

export const FIVE_HAVE_LABELS: Record<(typeof FIVE_HAVE_ITEMS)[number], string> = {
  readingRoom: '职工书屋',
  equipment: '活动器材',
  contactWindow: '联系窗口',
  studySpace: '学习场地',
  noticeBoard: '公开专栏',
};

/** Institutions whose absence the list can filter on. */
export const MISSING_FILTERS = [
  'union',
  'workersCongress',
  'membersCongress',
  'collectiveContract',
  'wageAgreement',
  'womenContract',
  'affairsDisclosure',
] as const;
export type MissingFilter = (typeof MISSING_FILTERS)[number];

export const MISSING_LABELS: Record<MissingFilter, string> = {
  union: '未建会',
  workersCongress: '未建职代会',
  membersCongress: '未建会员代表大会',
  collectiveContract: '无有效集体合同',
  wageAgreement: '无有效工资专项集体协议',
  womenContract: '无有效女职工专项集体合同',
  affairsDisclosure: '未实行厂务公开',
};

export const SIZE_BANDS = ['lt10', '10to24', '25to99', '100to999', 'gte1000'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, string> = {
  lt10: '10 人以下',
  '10to24': '10-24 人',
  '25to99': '25-99 人',
  '100to999': '100-999 人',
  gte1000: '1000 人及以上',
};

/** The headcounts of each size band, both ends included. */
export const SIZE_BAND_RANGES: Record<SizeBand, [number, number]> = {
  lt10: [0, 9],
  '10to24': [10, 24],
  '25to99': [25, 99],
  '100to999': [100, 999],
  gte1000: [1000, 2 ** 31 - 1],
};

/** The size band of a headcount (null when not known). */
export function sizeBandOf(employees: number | null): SizeBand | null {
  if (employees === null) return null;
  return SIZE_BANDS.find((b) => employees <= SIZE_BAND_RANGES[b][1]) ?? 'gte1000';
}

const DateText = dayText();

const OptionalDate = DateText.nullish().transform((v) => v ?? null);

const Uscc = str({ error: '统一社会信用代码必须是文本' })
  .max(40, { error: '统一社会信用代码过长' })
  .transform(normalizeUscc)
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const Count = z
  .number({ error: '必须是数字' })
  .int({ error: '必须是整数' })
  .min(0, { error: '不能为负数' })
  .max(10_000_000);

export const EnterpriseView = z.object({
  id: z.uuid(),
  uscc: str(),
  name: str(),
  org: z.object({ id: z.uuid(), name: str() }),
  /** The township's ancestors within the reader's scope are not repeated here; see org. */
  district: z.object({ id: z.uuid(), name: str() }).nullable(),
  address: str().nullable(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  industry: str().nullable(),
  employees: z.number().int().nullable(),
  aboveDesignatedSize: z.boolean().nullable(),
  global500: z.boolean().nullable(),
  status: z.enum(ENTERPRISE_STATUSES),
  registeredOn: str().nullable(),
  closedOn: str().nullable(),
  note: str().nullable(),
  jointUnion: z.object({ id: z.uuid(), name: str() }).nullable(),
  unionUscc: str().nullable(),
  hasUnion: z.boolean(),
  unionFoundedOn: str().nullable(),
  members: z.number().int().nullable(),
  lastElectionOn: str().nullable(),
  termYears: z.number().int().nullable(),
  electionOverdue: z.boolean(),
  workersCongressOn: str().nullable(),
  membersCongressOn: str().nullable(),
  collectiveContractTo: str().nullable(),
  wageAgreementTo: str().nullable(),
  womenContractTo: str().nullable(),
  affairsDisclosureOn: str().nullable(),
  version: z.number().int(),
  createdAt: str(),
  updatedAt: str(),
});
export type EnterpriseView = z.infer<typeof EnterpriseView>;

export const FactView = z.object({
  id: z.uuid(),
  kind: z.enum(FACT_KINDS),
  eventDate: str().nullable(),
  validFrom: str().nullable(),
  validTo: str().nullable(),
  value: z.number().int().nullable(),
  data: z.record(str(), z.union([str(), z.number(), z.boolean()])).nullable(),
  source: str(),
  createdAt: str(),
});
export type FactView = z.infer<typeof FactView>;

export const EnterpriseDetail = EnterpriseView.extend({ facts: z.array(FactView) });
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;

export const EnterprisePage = pageOf(EnterpriseView);
export type EnterprisePage = z.infer<typeof EnterprisePage>;

/** A page of the registry: its total may be the planner's estimate when counting would be slow. */
export const EnterpriseListPage = EnterprisePage.extend({
  totalExact: z.boolean(),
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: str().nullable(),
});
export type EnterpriseListPage = z.infer<typeof EnterpriseListPage>;

export const ENTERPRISE_SORTS = ['name', 'employees', 'unionFoundedOn', 'updatedAt'] as const;

export const EnterpriseListQuery = PageQuery.extend({
  /** Enterprises in this organisation's subtree (a district or a township). */
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  q: str().trim().max(50, { error: '搜索词不能超过 50 个字符' }).optional(),
  ownership: z.enum(OWNERSHIPS, { error: '经济类型不正确' }).optional(),
  sizeBand: z.enum(SIZE_BANDS, { error: '规模区间不正确' }).optional(),
  hasUnion: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).optional(),
  missing: z.enum(MISSING_FILTERS, { error: '缺项筛选不正确' }).optional(),
  status: z.enum(ENTERPRISE_STATUSES, { error: '状态不正确' }).optional(),
  sort: z.enum(ENTERPRISE_SORTS, { error: '排序字段不正确' }).default('name'),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('asc'),
  /** The page after the one that gave this cursor (its nextCursor): an index range, however deep. */
  after: str().max(400, { error: '翻页位置无效，请回到第一页' }).optional(),
  /** Count every match even when that is slow (otherwise a large total may be an estimate). */
  exactTotal: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).optional(),
});
export type EnterpriseListQuery = z.input<typeof EnterpriseListQuery>;

const enterpriseFields = {
  name: text('企业名称', 200),
  orgId: z.uuid({ error: '所属乡镇(街道) orgId 必须是有效的 UUID' }),
  address: optionalText('地址', 200),
  ownership: z
    .enum(OWNERSHIPS, { error: '经济类型不正确' })
    .nullish()
    .transform((v) => v ?? null),
  industry: optionalText('行业', 60),
  employees: Count.nullish().transform((v) => v ?? null),
  aboveDesignatedSize: z
    .boolean({ error: '规模以上必须是布尔值' })
    .nullish()
    .transform((v) => v ?? null),
  global500: z
    .boolean({ error: '世界500强必须是布尔值' })
    .nullish()
    .transform((v) => v ?? null),
  /** In business unless given; a closing date alone makes it closed. */
  status: z.enum(ENTERPRISE_STATUSES, { error: '状态不正确' }).optional(),
  registeredOn: OptionalDate,
  closedOn: OptionalDate,
  note: optionalText('备注', 500),
  jointUnionOrgId: z
    .uuid({ error: '联合工会 jointUnionOrgId 必须是有效的 UUID' })
    .nullish()
    .transform((v) => v ?? null),
  /** When the joint union began to cover it (without it: since registration). */
  jointUnionFrom: OptionalDate,
  unionUscc: Uscc.nullish().transform((v) => v ?? null),
};

export const EnterpriseCreateBody = z.object({ uscc: Uscc, ...enterpriseFields });
export type EnterpriseCreateBody = z.input<typeof EnterpriseCreateBody>;

export const EnterprisePatchBody = z.object({
  version: Version,
  name: enterpriseFields.name.optional(),
  orgId: enterpriseFields.orgId.optional(),
  address: enterpriseFields.address.optional(),
  ownership: z.enum(OWNERSHIPS, { error: '经济类型不正确' }).nullish(),
  industry: enterpriseFields.industry.optional(),
  employees: Count.nullish(),
  aboveDesignatedSize: z.boolean({ error: '规模以上必须是布尔值' }).nullish(),
  global500: z.boolean({ error: '世界500强必须是布尔值' }).nullish(),
  status: z.enum(ENTERPRISE_STATUSES, { error: '状态不正确' }).optional(),
  registeredOn: DateText.nullish(),
  closedOn: DateText.nullish(),
  note: enterpriseFields.note.optional(),
  jointUnionOrgId: z.uuid({ error: '联合工会 jointUnionOrgId 必须是有效的 UUID' }).nullish(),
  /** When the change of joint union takes effect (without it: today). */
  jointUnionFrom: DateText.nullish(),
  unionUscc: Uscc.nullish(),
});
export type EnterprisePatchBody = z.input<typeof EnterprisePatchBody>;

/**
 * The answer when a USCC is registered outside the actor's scope: it does not say where, nor that
 * it exists, beyond what refusing it must tell.
 */
export const USCC_NOT_HERE =
  '该统一社会信用代码不能在此登记：请核对代码；如确属本地区的企业，请联系上级工会核实';

export const FactCreateBody = z.object({
  kind: z.enum(FACT_KINDS, { error: '事项类型不正确' }),
  eventDate: OptionalDate,
  validFrom: OptionalDate,
  validTo: OptionalDate,
  value: z
    .number({ error: '数值必须是数字' })
    .int({ error: '数值必须是整数' })
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  data: z
    .record(str().max(40), z.union([str().max(100), z.number(), z.boolean()]))
    .nullish()
    .transform((v) => v ?? null),
  /** Why members exceed employees, when they do. */
  explanation: optionalText('说明', 200),
});
export type FactCreateBody = z.input<typeof FactCreateBody>;
