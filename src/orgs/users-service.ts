import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inScope, requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import {
  conflict,
  forbidden,
  invalidField,
  notFound,
  tooManyRequests,
  unauthenticated,
} from '../platform/errors';
import { newId } from '../platform/ids';
import { hashPassword, verifyPassword } from '../platform/passwords';
import { createSession, endOtherSessions, endSession, endUserSessions } from '../platform/sessions';
import {
  attemptWait,
  recordFailure,
  recordSuccess,
  waitMinutes,
  type Attempt,
} from '../platform/sign-in-throttle';
import {
  permissionsOf,
  type Department,
  type Permission,
  type Role,
} from '../platform/shared/access-catalog';
import {
  GRASSROOTS_KINDS,
  ORG_KIND_LABELS,
  UserCreateBody,
  UserListQuery,
  UserPatchBody,
  type MeView,
  type OrgKind,
  type PasswordResetBody,
  type UserView,
} from './contract';
import { likeText, loadOrg, type OrgRow } from './service';
import { orgs, users } from './tables';

type UserRow = typeof users.$inferSelect;
type OrgRef = Pick<OrgRow, 'id' | 'name' | 'kind' | 'path' | 'active'>;

function present(row: UserRow, org: OrgRef): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    department: row.department as Department | null,
    org: { id: org.id, name: org.name, kind: org.kind as OrgKind },
    phone: row.phone,
    active: row.active,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const orgRef = { id: orgs.id, name: orgs.name, kind: orgs.kind, path: orgs.path, active: orgs.active };

/** A user the actor may see: 403 without `permission` (none: the actor's own record), 404 outside the scope. */
async function loadUser(
  tx: Db,
  actor: Actor,
  id: string,
  permission?: Permission,
): Promise<{ user: UserRow; org: OrgRef }> {
  if (permission) requireAccess(actor, permission);
  const [row] = await tx
    .select({ user: users, org: orgRef })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, id));
  if (!row || !inScope(actor, row.org.path)) throw notFound('用户');
  return row;
}

/** The acting user as the access module sees it, or null if it may not act. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const [row] = await db.orm
    .select({ user: users, path: orgs.path, orgActive: orgs.active })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId));
  if (!row || !row.user.active || !row.orgActive) return null;
  const role = row.user.role as Role;
  const department = row.user.department as Department | null;
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role,
    department,
    orgId: row.user.orgId,
    scopePath: row.path,
    permissions: new Set(permissionsOf(role, department)),
  };
}

/** The department of each user (null outside the federation's departments), by id, in one query. */
export async function departmentsOf(tx: Db, ids: string[]): Promise<Map<string, Department | null>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, department: users.department })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.department as Department | null]));
}

/** Users of the actor's subtree, filtered and paged. */
export async function listUsers(actor: Actor, query: ReturnType<typeof UserListQuery.parse>) {
  requireAccess(actor, 'user:read');
  return db.transaction(async (tx) => {
    const where: SQL[] = [scopeFilter(actor, orgs.path)];
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId);
      where.push(scopeFilter({ ...actor, scopePath: org.path }, orgs.path));
    }
    if (query.q)
      where.push(
        sql`(${users.username} ilike ${likeText(query.q)} or ${users.displayName} ilike ${likeText(query.q)})`,
      );
    if (query.role) where.push(eq(users.role, query.role));
    if (query.active !== 'all') where.push(eq(users.active, query.active === 'true'));
    const condition = and(...where);
    const [total] = await tx
      .select({ n: count() })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(condition);
    const rows = await tx
      .select({ user: users, org: orgRef })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(condition)
      .orderBy(asc(orgs.path), asc(users.username))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: rows.map((r) => present(r.user, r.org)), total: total?.n ?? 0 };
  });
}

export async function getUser(actor: Actor, id: string): Promise<UserView> {
  return db.transaction(async (tx) => {
    const { user, org } = await loadUser(tx, actor, id, 'user:read');
    requireAccess(actor, 'user:read', org.path);
    return present(user, org);
  });
}

/** A role's rules about department and organisation kind, and no granting beyond one's own rights. */
function checkRolePlacement(actor: Actor, role: Role, department: Department | null, org: OrgRef) {
  const granted = permissionsOf(role, department);
  const missing = granted.filter((p) => !actor.permissions.has(p));
  if (missing.length) throw forbidden('不能授予超出您本人权限的角色');
  if (role === 'federationStaff') {
    if (!department) throw invalidField('department', '市总工会部门工作人员须选择所在部门');
    if (org.kind !== 'cityFederation') throw invalidField('orgId', '市总工会部门工作人员应属于市总工会');
  } else if (department) {
    throw invalidField('department', '只有市总工会部门工作人员需要填写部门');
  }
  if (role === 'grassrootsChair' && !GRASSROOTS_KINDS.includes(org.kind as OrgKind)) {
    throw invalidField(
      'orgId',
      `基层工会主席应属于基层工会或联合工会，而不是${ORG_KIND_LABELS[org.kind as OrgKind]}`,
    );
  }
  if (!org.active) throw invalidField('orgId', '所属组织已停用');
}

async function checkUsernameFree(tx: Db, username: string) {
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  if (other) throw invalidField('username', `用户名“${username}”已被使用`);
}

/** Creates a user in an organisation of the actor's subtree. */
export async function createUser(
  actor: Actor,
  input: ReturnType<typeof UserCreateBody.parse>,
  /** A hash of `input.password` made once for many users (the demo's cadres). */
  hashed?: string,
): Promise<UserView> {
  const passwordHash = hashed ?? (await hashPassword(input.password));
  return db.transaction(async (tx) => {
    requireAccess(actor, 'user:write');
    const org = await loadOrg(tx, actor, input.orgId, '所属组织');
    requireAccess(actor, 'user:write', org.path);
    checkRolePlacement(actor, input.role, input.department, org);
    await checkUsernameFree(tx, input.username);
    const [row] = await tx
      .insert(users)
      .values({
        id: newId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        department: input.department,
        orgId: org.id,
        phone: input.phone,
        passwordHash,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, actor, {
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      orgPath: org.path,
      after: row,
    });
    return present(row, org);
  });
}

/**
 * Makes a contest-only login (the role 评委, which may do nothing but judge) in the organisation
 * that runs a contest; the contests feature checks that the actor runs it. Returns the user's id.
 */
export async function createContestJudgeUser(
  tx: Db,
  actor: Actor,
  input: { username: string; displayName: string; phone: string | null; password: string; orgId: string },
): Promise<string> {
  requireAccess(actor, 'competition:manage');
  const org = await loadOrg(tx, actor, input.orgId, '所属组织');
  await checkUsernameFree(tx, input.username);
  const [row] = await tx
    .insert(users)
    .values({
      id: newId(),
      username: input.username,
      displayName: input.displayName,
      role: 'judge',
      department: null,
      orgId: org.id,
      phone: input.phone,
      passwordHash: await hashPassword(input.password),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await audit(tx, actor, {
    action: 'user.create',
    entity: 'user',
    entityId: row.id,
    orgPath: org.path,
    after: { ...row, passwordHash: undefined },
  });
  return row.id;
}

/** Changes a user's name, role, organisation or state; deactivation ends their sessions. */
export async function updateUser(
  actor: Actor,
  id: string,
  input: ReturnType<typeof UserPatchBody.parse>,
): Promise<UserView> {
  return db.transaction(async (tx) => {
    const current = await loadUser(tx, actor, id, 'user:write');
    requireAccess(actor, 'user:write', current.org.path);
    let org = current.org;
    if (input.orgId && input.orgId !== current.user.orgId) {
      org = await loadOrg(tx, actor, input.orgId, '所属组织');
      requireAccess(actor, 'user:write', org.path);
    }
    const role = input.role ?? (current.user.role as Role);
    const department =
      input.department === undefined ? (current.user.department as Department | null) : input.department;
    if (
      current.user.id === actor.id &&
      (role !== actor.role || input.active === false || org.id !== current.user.orgId)
    ) {
      throw conflict('不能修改您本人的角色、所属组织或停用本人账号');
    }
    if (input.role !== undefined || input.department !== undefined || input.orgId !== undefined) {
      checkRolePlacement(actor, role, department, org);
    }
    const { version, ...changes } = input;
    const updated = await updateVersioned(tx, users, current.user.id, version, {
      ...changes,
      department,
      orgId: org.id,
    });
    if (input.active === false || input.role !== undefined || input.orgId !== undefined)
      await endUserSessions(tx, updated.id);
    await audit(tx, actor, {
      action: input.active === false ? 'user.deactivate' : 'user.update',
      entity: 'user',
      entityId: updated.id,
      orgPath: org.path,
      before: current.user,
      after: updated,
    });
    return present(updated, org);
  });
}

export async function deactivateUser(actor: Actor, id: string, version: number): Promise<UserView> {
  return updateUser(actor, id, { version, active: false });
}

/** Sets a new password chosen by an administrator and ends the user's sessions. */
export async function resetPassword(actor: Actor, id: string, input: PasswordResetBody): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { user, org } = await loadUser(tx, actor, id, 'user:write');
    requireAccess(actor, 'user:write', org.path);
    const updated = await updateVersioned(tx, users, user.id, input.version, { passwordHash });
    await endUserSessions(tx, user.id);
    await audit(tx, actor, {
      action: 'user.resetPassword',
      entity: 'user',
      entityId: user.id,
      orgPath: org.path,
      before: { username: user.username, version: user.version },
      after: { username: updated.username, version: updated.version },
    });
    return present(updated, org);
  });
}

const GENERIC_LOGIN_FAILURE = '用户名或密码错误';

/** 429 for an attempt that must wait, in whole minutes as people read them. */
async function refuseWhileThrottled(attempt: Attempt, what: string): Promise<void> {
  const wait = await attemptWait(db.orm, attempt);
  if (wait > 0)
    throw tooManyRequests(`${what}失败次数过多，请 ${waitMinutes(wait)} 分钟后再试`, Math.ceil(wait / 1000));
}

/**
 * Checks a user name and password and opens a session. Guessing is throttled per user name and
 * address (platform/sign-in-throttle.ts), so a stranger elsewhere cannot lock the user out.
 */
export async function login(
  username: string,
  password: string,
  meta: { ip: string; userAgent?: string | undefined },
): Promise<{ token: string; actor: Actor }> {
  const attempt: Attempt = { kind: 'login', username, ip: meta.ip };
  await refuseWhileThrottled(attempt, '登录');
  const [row] = await db.orm
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) {
    await recordFailure(db.orm, attempt);
    throw unauthenticated(GENERIC_LOGIN_FAILURE);
  }
  const actor = await loadActor(row.id);
  if (!actor) {
    await recordFailure(db.orm, attempt);
    throw unauthenticated('该账号已停用，请联系管理员');
  }
  const token = await db.transaction(async (tx) => {
    await recordSuccess(tx, attempt);
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, row.id));
    return createSession(tx, row.id, meta);
  });
  return { token, actor };
}

const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

export async function logout(token: string): Promise<void> {
  await endSession(db.orm, token);
}

/** The signed-in user, their permissions and the root of their scope. */
export async function me(actor: Actor): Promise<MeView> {
  const { user, org } = await db.transaction((tx) => loadUser(tx, actor, actor.id));
  return {
    user: present(user, org),
    permissions: [...actor.permissions],
    scope: { id: org.id, name: org.name, kind: org.kind as OrgKind },
  };
}

/**
 * A user changes their own password, proving the current one (wrong guesses are throttled like
 * sign-in); every other session of the user ends, the one that made the change stays.
 */
export async function changeOwnPassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: { ip: string; sessionToken: string | null },
): Promise<void> {
  const [row] = await db.orm.select().from(users).where(eq(users.id, actor.id));
  if (!row) throw unauthenticated();
  const attempt: Attempt = { kind: 'password', username: row.username, ip: meta.ip };
  await refuseWhileThrottled(attempt, '当前密码验证');
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    await recordFailure(db.orm, attempt);
    throw invalidField('currentPassword', '当前密码不正确');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await recordSuccess(tx, attempt);
    await endOtherSessions(tx, row.id, meta.sessionToken);
    const updated = await updateVersioned(tx, users, row.id, row.version, { passwordHash });
    await audit(tx, actor, {
      action: 'user.changePassword',
      entity: 'user',
      entityId: row.id,
      orgPath: actor.scopePath,
      before: { username: row.username, version: row.version },
      after: { username: updated.username, version: updated.version },
    });
  });
}

/** A user as other features show and check them: name, unit, scope and permissions. */
export interface UserRef {
  id: string;
  name: string;
  username: string;
  orgId: string;
  orgName: string;
  scopePath: string;
  active: boolean;
  role: Role;
  permissions: Set<Permission>;
}

function userRef(row: { user: UserRow; org: OrgRef }): UserRef {
  return {
    id: row.user.id,
    name: row.user.displayName,
    username: row.user.username,
    orgId: row.org.id,
    orgName: row.org.name,
    scopePath: row.org.path,
    active: row.user.active && row.org.active,
    role: row.user.role as Role,
    permissions: new Set(permissionsOf(row.user.role as Role, row.user.department as Department | null)),
  };
}

/** Users by id, in one query (those that do not exist are missing from the map). */
export async function userRefs(tx: Db, ids: string[]): Promise<Map<string, UserRef>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ user: users, org: orgRef })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.user.id, userRef(r)]));
}

/**
 * Active users of a subtree whose role grants `permission`, by unit then name, matching `q` in
 * name or username (up to `limit`).
 */
export async function usersWithPermission(
  tx: Db,
  pathPrefix: string,
  permission: Permission,
  q: string | undefined,
  limit: number,
): Promise<UserRef[]> {
  const rows = await tx
    .select({ user: users, org: orgRef })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(
      and(
        sql`${orgs.path} like ${pathPrefix + '%'}`,
        eq(users.active, true),
        eq(orgs.active, true),
        q
          ? sql`(${users.username} ilike ${likeText(q)} or ${users.displayName} ilike ${likeText(q)})`
          : undefined,
      ),
    )
    .orderBy(asc(orgs.path), asc(users.displayName));
  return rows
    .map(userRef)
    .filter((u) => u.permissions.has(permission))
    .slice(0, limit);
}
