// The studios register's API: studios, their designation in batches, members and trail. The words
// below are shared with the plans, achievements and assessments rooms and the web app.
import { z } from 'zod';
import { optionalText, PageQuery, pageOf, str, text, Version } from '../../platform/shared/api';
import { dayText } from '../../platform/shared/dates';
import { ModelWorkerRef } from '../workers/contract';

export const STUDIO_LEVELS = ['city', 'province', 'national'] as const;
export type StudioLevel = (typeof STUDIO_LEVELS)[number];
export const STUDIO_LEVEL_LABELS: Record<StudioLevel, string> = {
  city: '市级劳模创新工作室',
  province: '省级劳模创新工作室',
  national: '全国示范性劳模创新工作室',
};
/** The order of the levels, for moving up. */
export const STUDIO_LEVEL_RANK: Record<StudioLevel, number> = { city: 1, province: 2, national: 3 };

export const STUDIO_STATES = [
  'applied',
  'recommended',
  'approved',
  'returned',
  'designated',
  'revoked',
] as const;
export type StudioState = (typeof STUDIO_STATES)[number];
export const STUDIO_STATE_LABELS: Record<StudioState, string> = {
  applied: '已申报',
  recommended: '已推荐',
  approved: '审核通过（待命名）',
  returned: '已退回',
  designated: '已命名挂牌',
  revoked: '已摘牌',
};

/** A studio as other rooms name one. */
export const StudioRef = z.object({
  id: str(),
  name: str(),
  hostUnitName: str(),
  level: z.enum(STUDIO_LEVELS).nullable(),
  state: z.enum(STUDIO_STATES),
});
export type StudioRef = z.infer<typeof StudioRef>;

// ---------- the steps ----------

export const STUDIO_ACTIONS = [
  'edit',
  'resubmit',
  'recommend',
  'review',
  'designate',
  'upgrade',
  'revoke',
  'members',
] as const;
export type StudioAction = (typeof STUDIO_ACTIONS)[number];

/** The states each action starts from ('revoke' and 'members': any state holding a designation). */
export const STUDIO_ACTION_STATES: Record<StudioAction, readonly StudioState[]> = {
  edit: ['applied', 'returned'],
  resubmit: ['returned'],
  recommend: ['applied'],
  review: ['recommended'],
  designate: ['approved'],
  upgrade: ['designated'],
  revoke: ['applied', 'recommended', 'approved', 'returned', 'designated'],
  members: ['applied', 'recommended', 'approved', 'returned', 'designated'],
};

export const STUDIO_ACTION_LABELS: Record<StudioAction, string> = {
  edit: '修改申报',
  resubmit: '重新申报',
  recommend: '推荐',
  review: '审核',
  designate: '命名挂牌',
  upgrade: '申报晋级',
  revoke: '摘牌',
  members: '管理成员',
};

export const EARLIEST_STUDIO_YEAR = 1990;
export const LATEST_STUDIO_YEAR = 2100;

const Uuid = (label: string) => z.uuid({ error: `${label}必须是有效的 UUID` });
const Level = (label: string) => z.enum(STUDIO_LEVELS, { error: `${label}只能是市级、省级或全国示范性` });
const Year = z
  .number({ error: '年度必须是整数' })
  .int({ error: '年度必须是整数' })
  .min(EARLIEST_STUDIO_YEAR, { error: `年度不能早于 ${EARLIEST_STUDIO_YEAR} 年` })
  .max(LATEST_STUDIO_YEAR, { error: `年度不能晚于 ${LATEST_STUDIO_YEAR} 年` });

/** One member named in an application or added later. */
export const MemberInput = z.object({
  /** Default: the model worker's name, when one is named. */
  name: optionalText('成员姓名', 50),
  position: optionalText('职务或岗位', 100),
  modelWorkerId: Uuid('成员（劳模）').nullish(),
});
export type MemberInput = z.input<typeof MemberInput>;

/** What a studio is: the fields an application and its change share. */
export const StudioFields = z.object({
  name: text('工作室名称', 100),
  /** A model worker of the register. */
  leaderId: Uuid('负责人'),
  /** The host unit: an enterprise of the registry, an organisation (a school's union), or a typed name. */
  enterpriseId: Uuid('承载企业').nullish(),
  hostOrgId: Uuid('承载单位（组织）').nullish(),
  hostUnitName: optionalText('承载单位名称', 100),
  field: text('所属领域', 50),
  appliedLevel: Level('申报级别').default('city'),
  introduction: optionalText('工作室简介', 2000),
});

/** An application (申报): `orgId` is the applying union, the actor's own unit or one below it. */
export const StudioApplyBody = StudioFields.extend({
  orgId: Uuid('申报单位').nullish(),
  members: z
    .array(MemberInput, { error: '成员必须是列表' })
    .max(100, { error: '成员不能超过 100 人' })
    .default([]),
});
export type StudioApplyBody = z.input<typeof StudioApplyBody>;

export const StudioEditBody = StudioFields.extend({ version: Version });
export type StudioEditBody = z.input<typeof StudioEditBody>;

export const StudioVersionBody = z.object({ version: Version });
export type StudioVersionBody = z.input<typeof StudioVersionBody>;

export const StudioReviewBody = z
  .object({
    version: Version,
    decision: z.enum(['approve', 'return'], { error: '审核结果只能是通过或退回' }),
    reason: optionalText('退回理由', 500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回时须写明理由' });
  });
export type StudioReviewBody = z.input<typeof StudioReviewBody>;

export const DesignateBody = z.object({ version: Version, batchId: Uuid('命名批次') });
export type DesignateBody = z.input<typeof DesignateBody>;

export const UpgradeBody = z.object({
  version: Version,
  appliedLevel: Level('申报级别'),
  introduction: optionalText('晋级申报说明', 2000),
});
export type UpgradeBody = z.input<typeof UpgradeBody>;

export const StudioRevokeBody = z.object({
  version: Version,
  reason: text('摘牌理由', 500),
  /** Default: today. */
  on: dayText('摘牌日期').nullish(),
});
export type StudioRevokeBody = z.input<typeof StudioRevokeBody>;

export const AddMemberBody = MemberInput.extend({
  /** Default: today. */
  joinedOn: dayText('加入日期').nullish(),
});
export type AddMemberBody = z.input<typeof AddMemberBody>;

export const MemberLeaveBody = z.object({ leftOn: dayText('退出日期') });
export type MemberLeaveBody = z.input<typeof MemberLeaveBody>;

export const MemberParams = z.object({ id: Uuid('id'), memberId: Uuid('memberId') });

// ---------- batches ----------

export const BatchBody = z.object({
  year: Year,
  name: text('批次名称', 50),
  level: Level('批次级别'),
  awardingBody: text('命名单位', 100),
  plaqueOn: dayText('挂牌日期'),
  ceremony: optionalText('挂牌仪式', 500),
});
export type BatchBody = z.input<typeof BatchBody>;

export const BatchEditBody = BatchBody.extend({ version: Version });
export type BatchEditBody = z.input<typeof BatchEditBody>;

export const BatchView = z.object({
  id: str(),
  year: z.number().int(),
  name: str(),
  level: z.enum(STUDIO_LEVELS),
  awardingBody: str(),
  plaqueOn: str(),
  ceremony: str().nullable(),
  /** Studios of the reader's scope designated in the batch. */
  studioCount: z.number().int(),
  version: z.number().int(),
});
export type BatchView = z.infer<typeof BatchView>;

export const BatchList = z.object({ items: z.array(BatchView) });
export type BatchList = z.infer<typeof BatchList>;

export const BatchQuery = z.object({
  year: z.coerce
    .number({ error: '年度必须是整数' })
    .int({ error: '年度必须是整数' })
    .min(EARLIEST_STUDIO_YEAR, { error: `年度不能早于 ${EARLIEST_STUDIO_YEAR} 年` })
    .max(LATEST_STUDIO_YEAR, { error: `年度不能晚于 ${LATEST_STUDIO_YEAR} 年` })
    .optional(),
  level: Level('批次级别').optional(),
});

// ---------- views ----------

const Ref = z.object({ id: str(), name: str() });

export const StudioView = z.object({
  id: str(),
  name: str(),
  leader: Ref,
  hostUnitName: str(),
  enterprise: Ref.nullable(),
  hostOrg: Ref.nullable(),
  field: str(),
  /** The level held now (null before the first designation). */
  level: z.enum(STUDIO_LEVELS).nullable(),
  appliedLevel: z.enum(STUDIO_LEVELS),
  state: z.enum(STUDIO_STATES),
  /** Holds a designation now (also while applying to move up). */
  designated: z.boolean(),
  /** A designated studio's application to move up is under way. */
  upgrading: z.boolean(),
  batch: Ref.nullable(),
  plaqueOn: str().nullable(),
  applicantOrg: Ref,
  /** The district (or industry union) it counts under. */
  district: str(),
  version: z.number().int(),
  updatedAt: str(),
});
export type StudioView = z.infer<typeof StudioView>;

export const StudioPage = pageOf(StudioView);
export type StudioPage = z.infer<typeof StudioPage>;

export const MemberView = z.object({
  id: str(),
  name: str(),
  position: str().nullable(),
  modelWorker: Ref.nullable(),
  role: z.enum(['leader', 'member']),
  joinedOn: str(),
  leftOn: str().nullable(),
});
export type MemberView = z.infer<typeof MemberView>;

export const DesignationView = z.object({
  id: str(),
  batch: Ref,
  year: z.number().int(),
  level: z.enum(STUDIO_LEVELS),
  awardingBody: str(),
  plaqueOn: str(),
  ceremony: str().nullable(),
});
export type DesignationView = z.infer<typeof DesignationView>;

export const StudioEventView = z.object({
  id: str(),
  at: str(),
  kind: str(),
  actor: Ref.nullable(),
  org: Ref.nullable(),
  text: str(),
});
export type StudioEventView = z.infer<typeof StudioEventView>;

export const StudioDetail = StudioView.extend({
  leaderWorker: ModelWorkerRef,
  introduction: str().nullable(),
  returnReason: str().nullable(),
  revokedOn: str().nullable(),
  revokeReason: str().nullable(),
  designatedOn: str().nullable(),
  members: z.array(MemberView),
  designations: z.array(DesignationView),
  events: z.array(StudioEventView),
  /** What the reader may do now. */
  actions: z.array(z.enum(STUDIO_ACTIONS)),
});
export type StudioDetail = z.infer<typeof StudioDetail>;

export const BatchDetail = BatchView.extend({
  /** The studios of the reader's scope designated in the batch. */
  studios: z.array(StudioView),
  /** Approved applications at the batch's level that the reader may designate into it. */
  candidates: z.array(StudioView),
});
export type BatchDetail = z.infer<typeof BatchDetail>;

export const STUDIO_DUES = ['recommend', 'review', 'designate'] as const;
export type StudioDue = (typeof STUDIO_DUES)[number];

/** The filters of the list (and of its export). */
export const StudioFilter = z.object({
  q: str({ error: '搜索内容必须是文本' }).trim().max(50, { error: '搜索内容不能超过 50 个字符' }).optional(),
  level: Level('级别').optional(),
  state: z.enum(STUDIO_STATES, { error: '状态不正确' }).optional(),
  batchId: Uuid('命名批次').optional(),
  /** The unit (a district, an industry union …) whose subtree's studios are listed. */
  orgId: Uuid('单位').optional(),
  field: str({ error: '所属领域必须是文本' })
    .trim()
    .max(50, { error: '所属领域不能超过 50 个字符' })
    .optional(),
  /** Designated in a batch of this year. */
  year: z.coerce
    .number({ error: '年度必须是整数' })
    .int({ error: '年度必须是整数' })
    .min(EARLIEST_STUDIO_YEAR, { error: `年度不能早于 ${EARLIEST_STUDIO_YEAR} 年` })
    .max(LATEST_STUDIO_YEAR, { error: `年度不能晚于 ${LATEST_STUDIO_YEAR} 年` })
    .optional(),
  /** Applications waiting for the reader's step. */
  due: z.enum(STUDIO_DUES, { error: 'due 只能是 recommend、review 或 designate' }).optional(),
});
export type StudioFilter = z.input<typeof StudioFilter>;

export const StudioQuery = PageQuery.extend(StudioFilter.shape);
export type StudioQuery = z.input<typeof StudioQuery>;
