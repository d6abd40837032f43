// API of the organisation tree, users and sign-in. The web app imports these schemas.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery, str, text, Version } from '../platform/shared/api';
import { DEPARTMENTS, PERMISSIONS, ROLES } from '../platform/shared/access-catalog';
import { normalizeUscc, usccProblem } from '../platform/shared/uscc';

export { ROLE_LABELS, DEPARTMENT_LABELS, ROLES, DEPARTMENTS } from '../platform/shared/access-catalog';
export type { Role, Department, Permission } from '../platform/shared/access-catalog';

// ---------- organisations ----------

export const ORG_KINDS = [
  'cityFederation',
  'districtFederation',
  'townshipUnion',
  'industryUnion',
  'grassrootsUnion',
  'jointUnion',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  cityFederation: '市总工会',
  districtFederation: '市(区)总工会 / 工委',
  townshipUnion: '乡镇(街道、开发区)工会',
  industryUnion: '产业(系统)工会',
  grassrootsUnion: '基层工会',
  jointUnion: '联合工会',
};

/** Which kinds of node may stand under which (DOMAIN §1); null means "the root". */
export const ALLOWED_PARENT_KINDS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  cityFederation: [null],
  districtFederation: ['cityFederation'],
  townshipUnion: ['districtFederation'],
  industryUnion: ['cityFederation', 'districtFederation'],
  grassrootsUnion: ['cityFederation', 'districtFederation', 'townshipUnion', 'industryUnion'],
  jointUnion: ['districtFederation', 'townshipUnion', 'industryUnion'],
};

/** Kinds that are unions of members and so carry a grassroots USCC beginning with 81. */
export const GRASSROOTS_KINDS: readonly OrgKind[] = ['grassrootsUnion', 'jointUnion'];

const OrgKindSchema = z.enum(ORG_KINDS, { error: '组织类型不正确' });

const DivisionCode = str({ error: '行政区划代码必须是文本' })
  .trim()
  .max(12, { error: '行政区划代码应为 6 位数字' })
  .nullish()
  .transform((v) => v || null)
  .refine((v) => v === null || /^\d{6}$/.test(v), {
    error: '行政区划代码应为 6 位数字（GB/T 2260，如 320506）',
  });

const Uscc = str({ error: '统一社会信用代码必须是文本' })
  .max(40, { error: '统一社会信用代码过长' })
  .nullish()
  .transform((v) => (v ? normalizeUscc(v) : null) || null)
  .superRefine((v, ctx) => {
    const problem = v ? usccProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const OrgView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: str(),
  shortName: str().nullable(),
  kind: OrgKindSchema,
  divisionCode: str().nullable(),
  uscc: str().nullable(),
  address: str().nullable(),
  contactPhone: str().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  depth: z.number().int(),
  childCount: z.number().int(),
  /** Names of the ancestors inside the reader's scope, top first. */
  ancestors: z.array(z.object({ id: z.uuid(), name: str() })),
  version: z.number().int(),
  createdAt: str(),
  updatedAt: str(),
});
export type OrgView = z.infer<typeof OrgView>;

export const OrgDetail = OrgView.extend({
  userCount: z.number().int(),
  activeChildCount: z.number().int(),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgPage = pageOf(OrgView);
export type OrgPage = z.infer<typeof OrgPage>;

const BoolQuery = z.enum(['true', 'false', 'all'], { error: '只能是 true、false 或 all' });

export const OrgListQuery = PageQuery.extend({
  /** Direct children of this node; without it, the whole subtree in scope. */
  parentId: z.uuid({ error: 'parentId 必须是有效的 UUID' }).optional(),
  q: str().trim().max(50, { error: '搜索词不能超过 50 个字符' }).optional(),
  kind: OrgKindSchema.optional(),
  active: BoolQuery.default('true'),
});
export type OrgListQuery = z.input<typeof OrgListQuery>;

const orgFields = {
  name: text('组织名称', 100),
  shortName: optionalText('简称', 30),
  kind: OrgKindSchema,
  divisionCode: DivisionCode,
  uscc: Uscc,
  address: optionalText('地址', 200),
  contactPhone: optionalText('联系电话', 40),
  sortOrder: z.number({ error: '排序号必须是数字' }).int().min(0).max(1_000_000).default(0),
};

export const OrgCreateBody = z.object({
  parentId: z.uuid({ error: '上级组织 parentId 必须是有效的 UUID' }).nullable(),
  ...orgFields,
});
export type OrgCreateBody = z.input<typeof OrgCreateBody>;

export const OrgPatchBody = z.object({
  version: Version,
  name: orgFields.name.optional(),
  shortName: orgFields.shortName.optional(),
  kind: OrgKindSchema.optional(),
  divisionCode: DivisionCode.optional(),
  uscc: Uscc.optional(),
  address: orgFields.address.optional(),
  contactPhone: orgFields.contactPhone.optional(),
  sortOrder: z.number({ error: '排序号必须是数字' }).int().min(0).max(1_000_000).optional(),
  active: z.boolean({ error: 'active 必须是布尔值' }).optional(),
});
export type OrgPatchBody = z.input<typeof OrgPatchBody>;

export const OrgMoveBody = z.object({
  parentId: z.uuid({ error: '新的上级组织 parentId 必须是有效的 UUID' }),
  version: Version,
});
export type OrgMoveBody = z.input<typeof OrgMoveBody>;

export { VersionQuery } from '../platform/shared/api';

// ---------- users ----------

const RoleSchema = z.enum(ROLES, { error: '角色不正确' });
const DepartmentSchema = z.enum(DEPARTMENTS, { error: '部门不正确' });
const PermissionSchema = z.enum(PERMISSIONS);

export const Username = str({ error: '用户名必须是文本' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, {
    error: '用户名为 3-32 位，以字母开头，可含字母、数字、下划线、点和短横线',
  });

export const Password = str({ error: '密码必须是文本' })
  .min(8, { error: '密码至少 8 位' })
  .max(128, { error: '密码不能超过 128 位' })
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), { error: '密码须同时包含字母和数字' });

export const UserView = z.object({
  id: z.uuid(),
  username: str(),
  displayName: str(),
  role: RoleSchema,
  department: DepartmentSchema.nullable(),
  org: z.object({ id: z.uuid(), name: str(), kind: OrgKindSchema }),
  phone: str().nullable(),
  active: z.boolean(),
  lastLoginAt: str().nullable(),
  version: z.number().int(),
  createdAt: str(),
  updatedAt: str(),
});
export type UserView = z.infer<typeof UserView>;

export const UserPage = pageOf(UserView);
export type UserPage = z.infer<typeof UserPage>;

export const UserListQuery = PageQuery.extend({
  q: str().trim().max(50, { error: '搜索词不能超过 50 个字符' }).optional(),
  role: RoleSchema.optional(),
  /** Users of this organisation's subtree. */
  orgId: z.uuid({ error: 'orgId 必须是有效的 UUID' }).optional(),
  active: BoolQuery.default('all'),
});
export type UserListQuery = z.input<typeof UserListQuery>;

export const UserCreateBody = z.object({
  username: Username,
  displayName: text('姓名', 50),
  role: RoleSchema,
  department: DepartmentSchema.nullish().transform((v) => v ?? null),
  orgId: z.uuid({ error: '所属组织 orgId 必须是有效的 UUID' }),
  phone: optionalText('电话', 40),
  password: Password,
});
export type UserCreateBody = z.input<typeof UserCreateBody>;

export const UserPatchBody = z.object({
  version: Version,
  displayName: text('姓名', 50).optional(),
  role: RoleSchema.optional(),
  department: DepartmentSchema.nullish(),
  orgId: z.uuid({ error: '所属组织 orgId 必须是有效的 UUID' }).optional(),
  phone: optionalText('电话', 40).optional(),
  active: z.boolean({ error: 'active 必须是布尔值' }).optional(),
});
export type UserPatchBody = z.input<typeof UserPatchBody>;

export const PasswordResetBody = z.object({ version: Version, password: Password });
export type PasswordResetBody = z.input<typeof PasswordResetBody>;

// ---------- sign-in ----------

export const LoginBody = z.object({
  username: str({ error: '请输入用户名' })
    .trim()
    .min(1, { error: '请输入用户名' })
    .max(64, { error: '用户名过长' }),
  password: str({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(128, { error: '密码过长' }),
});
export type LoginBody = z.input<typeof LoginBody>;

export const ChangePasswordBody = z.object({
  currentPassword: str({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(128),
  newPassword: Password,
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;

export const MeView = z.object({
  user: UserView,
  permissions: z.array(PermissionSchema),
  /** The root of what this user may see. */
  scope: z.object({ id: z.uuid(), name: str(), kind: OrgKindSchema }),
});
export type MeView = z.infer<typeof MeView>;

/** The password of every demo account (README: demo data). */
export const DEMO_PASSWORD = 'Demo@2011';
