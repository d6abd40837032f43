// First-run helpers for the command line: is the database empty, and the first administrator.
import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../platform/access';
import { db } from '../platform/db/client';
import { invalidField } from '../platform/errors';
import { PERMISSIONS, type Department, type Role } from '../platform/shared/access-catalog';
import { UserCreateBody, type UserView } from './contract';
import { createOrg } from './service';
import { createUser, loadActor } from './users-service';
import type { Actor } from '../platform/access';
import { orgs, users } from './tables';

export async function hasAnyOrg(): Promise<boolean> {
  const [row] = await db.orm.select({ id: orgs.id }).from(orgs).limit(1);
  return row !== undefined;
}

export async function findUserByName(username: string): Promise<{ id: string } | null> {
  const [row] = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return row ?? null;
}

/**
 * Creates a user from the command line. On an empty database it first creates the root
 * federation (named by `orgName`, default 市总工会); otherwise the user goes into the
 * organisation named `orgName`, or the root.
 */
export async function createFirstAdmin(input: {
  username: string;
  displayName: string;
  role: Role;
  department: Department | null;
  orgName?: string | undefined;
  password: string;
}): Promise<UserView> {
  const actor = systemActor(PERMISSIONS);
  let [org] = input.orgName
    ? await db.orm.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, input.orgName))
    : await db.orm
        .select({ id: orgs.id })
        .from(orgs)
        .where(sql`${orgs.parentId} is null`);
  if (!org) {
    if (await hasAnyOrg()) throw invalidField('org', `找不到名为“${input.orgName}”的组织`);
    org = await createOrg(actor, {
      parentId: null,
      name: input.orgName ?? '市总工会',
      kind: 'cityFederation',
      shortName: null,
      divisionCode: null,
      uscc: null,
      address: null,
      contactPhone: null,
      sortOrder: 0,
    });
  }
  const parsed = UserCreateBody.safeParse({ ...input, orgId: org.id, phone: null });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(String(issue?.path.join('.') ?? ''), issue?.message ?? '输入不正确');
  }
  return createUser(actor, parsed.data);
}

/** The actor of an active user, for commands run on their behalf. */
export async function actorByName(username: string): Promise<Actor> {
  const user = await findUserByName(username);
  const actor = user ? await loadActor(user.id) : null;
  if (!actor) throw invalidField('as', `找不到启用的用户“${username}”`);
  return actor;
}
