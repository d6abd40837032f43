import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { forbidden, notFound } from './errors';
import type { Department, Permission, Role } from './shared/access-catalog';

export type { Permission, Role, Department };

/** Who is acting: a user with a role, its permissions and an organisation subtree as scope. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: Department | null;
  orgId: string;
  /** Materialised path of the user's organisation: the actor sees this subtree only. */
  scopePath: string;
  permissions: ReadonlySet<Permission>;
}

/** The system itself (seeding, CLI): every permission, the whole tree. */
export function systemActor(permissions: readonly Permission[]): Actor {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    username: 'system',
    displayName: '系统',
    role: 'admin',
    department: null,
    orgId: '00000000-0000-0000-0000-000000000000',
    scopePath: '/',
    permissions: new Set(permissions),
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Whether the row owned by the organisation at `path` lies in the actor's subtree. */
export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

/**
 * The gate at the start of every service function: 403 when the role lacks the permission (before
 * any record is looked up, so the answer says nothing of the record), then 404 when the target
 * lies outside the actor's subtree (the same answer as a record that does not exist).
 */
export function requireAccess(
  actor: Actor,
  permission: Permission | readonly Permission[],
  targetPath?: string,
): void {
  // A list of permissions: any one of them opens the gate (an editor or an officer reads an item).
  const any = typeof permission === 'string' ? [permission] : permission;
  if (!any.some((p) => can(actor, p))) throw forbidden();
  if (targetPath !== undefined && !inScope(actor, targetPath)) throw notFound();
}

/** SQL condition "the row's org path lies in the actor's subtree" for list queries. */
export function scopeFilter(actor: Actor, pathColumn: PgColumn | SQL): SQL {
  // Paths contain only digits and slashes, so the prefix needs no LIKE escaping.
  return sql`${pathColumn} like ${actor.scopePath + '%'}`;
}
