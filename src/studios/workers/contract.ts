// The model workers register (劳模名册, DOMAIN §6): people honoured as model workers at city,
// province or national level, with their unit, field and status, linked to the honours register
// when their title is recorded there. The studios' rooms and the web app import these schemas.
//
// Personal data: a model worker's phone and address are for holders of studio:contacts (the
// production department and the model workers' association). Everyone else reads them as null
// with `contactsHidden: true` and the export leaves their columns out. A write by someone else
// that carries a phone or an address is refused with 403 (nothing is dropped silently); one that
// leaves them out keeps the stored ones. An import by someone else ignores the contact columns
// and says so in its warnings.
import { z } from 'zod';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';
import { GENDERS } from '../../competitions/honours/contract';

export { GENDERS, GENDER_LABELS, type Gender } from '../../competitions/honours/contract';

export const MODEL_WORKER_LEVELS = ['city', 'province', 'national'] as const;
export type ModelWorkerLevel = (typeof MODEL_WORKER_LEVELS)[number];
export const MODEL_WORKER_LEVEL_LABELS: Record<ModelWorkerLevel, string> = {
  city: '市劳动模范',
  province: '省劳动模范',
  national: '全国劳动模范',
};

export const MODEL_WORKER_STATUSES = ['active', 'retired', 'deceased'] as const;
export type ModelWorkerStatus = (typeof MODEL_WORKER_STATUSES)[number];
export const MODEL_WORKER_STATUS_LABELS: Record<ModelWorkerStatus, string> = {
  active: '在职',
  retired: '退休',
  deceased: '已故',
};

/** Fields of work the form offers (any other text is accepted too). */
export const MODEL_WORKER_FIELDS = [
  '机械制造',
  '电子信息',
  '纺织服装',
  '化工医药',
  '建筑施工',
  '交通运输',
  '电力能源',
  '教育',
  '医疗卫生',
  '商贸服务',
  '农业',
  '公共管理',
] as const;

export const EARLIEST_YEAR = 1950;
export const LATEST_YEAR = 2100;
/** Most model workers the studios' picker offers at once. */
export const LOOKUP_LIMIT = 20;
/** Most rows one import file may hold. */
export const MAX_IMPORT_ROWS = 20_000;

/** A model worker as other rooms name one (a studio's leader or member). */
export const ModelWorkerRef = z.object({
  id: str(),
  name: str(),
  level: z.enum(MODEL_WORKER_LEVELS),
  year: z.number().int(),
  unitName: str(),
});
export type ModelWorkerRef = z.infer<typeof ModelWorkerRef>;

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });

const Year = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(EARLIEST_YEAR, { error: `${label}不能早于 ${EARLIEST_YEAR} 年` })
    .max(LATEST_YEAR, { error: `${label}不能晚于 ${LATEST_YEAR} 年` });

/** A phone number as people write one: digits with spaces, dashes, brackets or a leading +. */
export const PHONE_PATTERN = /^\+?[\d\s\-()（）]{5,30}$/;

// ---------- writes ----------

/** What a model worker is: the fields a new record and a change share. */
export const ModelWorkerFields = z.object({
  name: text('姓名', 50),
  gender: z.enum(GENDERS, { error: '性别只能是男或女' }).nullish(),
  birthYear: z
    .number({ error: '出生年份必须是整数' })
    .int({ error: '出生年份必须是整数' })
    .min(1900, { error: '出生年份不能早于 1900 年' })
    .max(LATEST_YEAR, { error: `出生年份不能晚于 ${LATEST_YEAR} 年` })
    .nullish(),
  level: z.enum(MODEL_WORKER_LEVELS, { error: '劳模级别只能是市、省或全国' }),
  year: Year('授予年度'),
  unitName: text('工作单位', 100),
  /** The unit as an enterprise of the registry, when it is one. */
  enterpriseId: Uuid('企业').nullish(),
  position: optionalText('职务职称', 50),
  field: optionalText('专业领域', 50),
  status: z.enum(MODEL_WORKER_STATUSES, { error: '状态只能是在职、退休或已故' }),
  /** Only holders of studio:contacts may send it (see the top of this file). */
  phone: optionalText('联系电话', 30).refine((v) => v === null || PHONE_PATTERN.test(v), {
    error: '联系电话只能包含数字、空格、短横线和括号（5 至 30 位）',
  }),
  address: optionalText('通讯地址', 200),
  /** The conferred 劳动模范 honour of the honours register this title is. */
  honourId: Uuid('荣誉库记录').nullish(),
  note: optionalText('备注', 500),
});
export type ModelWorkerFields = z.input<typeof ModelWorkerFields>;

/** A new record; `orgId` is the unit keeping it (default: the user's own), within the user's scope. */
export const ModelWorkerCreateBody = ModelWorkerFields.extend({ orgId: Uuid('保管单位').nullish() });
export type ModelWorkerCreateBody = z.input<typeof ModelWorkerCreateBody>;

/** A change, at the version the user saw; a status change (在职/退休/已故) is one too. */
export const ModelWorkerEditBody = ModelWorkerFields.extend({ version: Version });
export type ModelWorkerEditBody = z.input<typeof ModelWorkerEditBody>;

// ---------- views ----------

const Ref = z.object({ id: str(), name: str() });

export const ModelWorkerView = z.object({
  id: str(),
  name: str(),
  gender: z.enum(GENDERS).nullable(),
  birthYear: z.number().int().nullable(),
  level: z.enum(MODEL_WORKER_LEVELS),
  year: z.number().int(),
  unitName: str(),
  enterprise: Ref.nullable(),
  position: str().nullable(),
  field: str().nullable(),
  status: z.enum(MODEL_WORKER_STATUSES),
  /** Null for readers without studio:contacts (then `contactsHidden`). */
  phone: str().nullable(),
  address: str().nullable(),
  contactsHidden: z.boolean(),
  /** The honour of the honours register, when linked. */
  honour: z.object({ id: str(), title: str(), awardingBody: str() }).nullable(),
  note: str().nullable(),
  /** The unit keeping the record, and the district it counts under (市本级 at the city). */
  org: Ref,
  district: str(),
  version: z.number().int(),
  updatedAt: str(),
});
export type ModelWorkerView = z.infer<typeof ModelWorkerView>;

export const ModelWorkerHistoryItem = z.object({
  at: str(),
  actorName: str(),
  /** 登记, 修改, 导入, 从荣誉库添加 */
  action: str(),
  /** What changed: the fields' names, a status change as 在职 → 退休 (never a contact's value). */
  text: str(),
});
export type ModelWorkerHistoryItem = z.infer<typeof ModelWorkerHistoryItem>;

export const ModelWorkerDetail = ModelWorkerView.extend({
  history: z.array(ModelWorkerHistoryItem),
  /** Whether the reader may change the record. */
  canEdit: z.boolean(),
  /** Whether the reader may write its contact details. */
  canEditContacts: z.boolean(),
});
export type ModelWorkerDetail = z.infer<typeof ModelWorkerDetail>;

export const ModelWorkerPage = pageOf(ModelWorkerView);
export type ModelWorkerPage = z.infer<typeof ModelWorkerPage>;

const YearQuery = (label: string) =>
  z.coerce
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(EARLIEST_YEAR, { error: `${label}不能早于 ${EARLIEST_YEAR} 年` })
    .max(LATEST_YEAR, { error: `${label}不能晚于 ${LATEST_YEAR} 年` });

const Search = str({ error: '搜索内容必须是文本' }).trim().max(50, { error: '搜索内容不能超过 50 个字符' });

const yearRange = (v: { yearFrom?: number; yearTo?: number }, ctx: z.RefinementCtx) => {
  if (v.yearFrom !== undefined && v.yearTo !== undefined && v.yearFrom > v.yearTo)
    ctx.addIssue({ code: 'custom', path: ['yearTo'], message: '截止年度不能早于起始年度' });
};

const FilterFields = z.object({
  /** Part of the name or of the unit. */
  q: Search.optional(),
  level: z.enum(MODEL_WORKER_LEVELS, { error: '劳模级别不正确' }).optional(),
  yearFrom: YearQuery('起始年度').optional(),
  yearTo: YearQuery('截止年度').optional(),
  status: z.enum(MODEL_WORKER_STATUSES, { error: '状态不正确' }).optional(),
  field: str({ error: '专业领域必须是文本' })
    .trim()
    .max(50, { error: '专业领域不能超过 50 个字符' })
    .optional(),
  /** A unit of the reader's subtree (a district, a township …): the records it and those below keep. */
  orgId: Uuid('单位').optional(),
  /** Linked to the honours register, or not. */
  hasHonour: z.enum(['true', 'false'], { error: 'hasHonour 只能是 true 或 false' }).optional(),
});

/** The filters of the register (and of its export). */
export const ModelWorkerFilter = FilterFields.superRefine(yearRange);
export type ModelWorkerFilter = z.input<typeof ModelWorkerFilter>;

export const ModelWorkerQuery = PageQuery.extend(FilterFields.shape).superRefine(yearRange);
export type ModelWorkerQuery = z.input<typeof ModelWorkerQuery>;

/** The studios' picker: part of a name or unit, across the whole register. */
export const ModelWorkerLookupQuery = z.object({ q: Search.optional() });
export const ModelWorkerLookup = z.array(ModelWorkerRef);

/** Conferred 劳动模范 honours of the reader's scope, for "从荣誉库选择". */
export const HonourCandidateQuery = z.object({ q: Search.optional() });
export const HonourCandidate = z.object({
  id: str(),
  name: str(),
  gender: z.enum(GENDERS).nullable(),
  level: z.enum(MODEL_WORKER_LEVELS),
  year: z.number().int(),
  unitName: str().nullable(),
  enterprise: Ref.nullable(),
  position: str().nullable(),
  awardingBody: str(),
  /** The model worker already linked to it, if any. */
  linkedTo: str().nullable(),
});
export type HonourCandidate = z.infer<typeof HonourCandidate>;
export const HonourCandidates = z.object({ items: z.array(HonourCandidate) });
export type HonourCandidates = z.infer<typeof HonourCandidates>;

export const FromHonoursResult = z.object({
  /** How many model workers were added. */
  added: z.number().int(),
});
export type FromHonoursResult = z.infer<typeof FromHonoursResult>;

// ---------- import ----------

export const ModelWorkerImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun 只能是 true 或 false' }).optional(),
});

export const ModelWorkerImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  warnings: z.array(str()),
});
export type ModelWorkerImportResult = z.infer<typeof ModelWorkerImportResult>;

/** The details of a refused import (400): each error with its row (as Excel numbers it) and column. */
export interface ModelWorkerImportError {
  row: number;
  field: string;
  message: string;
}

export const MODEL_WORKER_IMPORT_INVALID = 'MODEL_WORKER_IMPORT_INVALID';

/** 张三（2015年省劳动模范，某某公司） */
export const describeModelWorker = (w: Pick<ModelWorkerRef, 'name' | 'level' | 'year' | 'unitName'>) =>
  `${w.name}（${w.year}年${MODEL_WORKER_LEVEL_LABELS[w.level]}，${w.unitName}）`;
