// What the plans, achievements and assessments rooms may ask of the studios register: a studio
// loaded for an action (404 outside the actor's scope, 403 without the permission), references,
// the district a studio counts under, and revocation (摘牌), which an assessment may cause.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inScope, requireAccess, type Actor, type Permission } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db/client';
import { conflict, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { chinaToday } from '../../platform/shared/dates';
import type { StudioLevel, StudioRef, StudioState } from './contract';
import { studioEvents, studios } from './tables';

export type StudioRow = typeof studios.$inferSelect;

const stepsOf = (path: string) => path.split('/').filter(Boolean);

/** The path of the district (or industry union) a studio at `path` counts under; null at the city. */
export function studioDistrictPath(path: string): string | null {
  const steps = stepsOf(path);
  return steps.length >= 2 ? `/${steps[0]}/${steps[1]}/` : null;
}

/** Whether the actor's unit is the top of the tree (the city federation), which designates. */
export const actsForCity = (actor: Actor) => stepsOf(actor.scopePath).length <= 1;

/** SQL: the studio holds a designation now (designated, or designated and applying to move up). */
export const designatedNow = (table: { level: typeof studios.level; state: typeof studios.state }): SQL =>
  sql`(${table.level} is not null and ${table.state} <> 'revoked')`;

/** Whether the studio holds a designation now. */
export const isDesignated = (row: Pick<StudioRow, 'level' | 'state'>) =>
  row.level !== null && row.state !== 'revoked';

/**
 * Loads a studio for an action: 404 when it does not exist or lies outside the actor's scope (or
 * the actor may not read studios at all), 403 when the actor lacks `permission`.
 */
export async function loadStudioFor(
  tx: Db,
  actor: Actor,
  id: string,
  permission: Permission | readonly Permission[] = 'studio:read',
): Promise<StudioRow> {
  const [row] = await tx.select().from(studios).where(eq(studios.id, id));
  if (!row || !inScope(actor, row.orgPath)) throw notFound('劳模创新工作室');
  requireAccess(actor, permission, row.orgPath);
  return row;
}

/** The studios of `ids` as references, with their scope path. */
export async function studioRefs(
  tx: Db,
  ids: readonly string[],
): Promise<Map<string, StudioRef & { orgPath: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({
      id: studios.id,
      name: studios.name,
      hostUnitName: studios.hostUnitName,
      level: studios.level,
      state: studios.state,
      orgPath: studios.orgPath,
    })
    .from(studios)
    .where(inArray(studios.id, unique));
  return new Map(
    rows.map((r) => [r.id, { ...r, level: r.level as StudioLevel | null, state: r.state as StudioState }]),
  );
}

/** Adds an entry to a studio's trail. */
export async function recordStudioEvent(
  tx: Db,
  studioId: string,
  event: { kind: string; actorId: string | null; orgId: string | null; text: string; at?: Date },
): Promise<void> {
  await tx.insert(studioEvents).values({ id: newId(), at: event.at ?? now(), ...event, studioId });
}

/**
 * Revokes a designated studio (摘牌) with a reason, in the caller's transaction: the state, the
 * trail and the audit. The caller has checked that the actor may (the city's studio staff).
 */
export async function revokeStudio(
  tx: Db,
  actor: Actor,
  row: StudioRow,
  reason: string,
  on: string = chinaToday(now()),
): Promise<StudioRow> {
  if (row.state === 'revoked') throw conflict('该工作室已摘牌');
  const [after] = await tx
    .update(studios)
    .set({
      state: 'revoked',
      revokedOn: on,
      revokeReason: reason,
      version: row.version + 1,
      updatedAt: now(),
    })
    .where(and(eq(studios.id, row.id), eq(studios.version, row.version)))
    .returning();
  if (!after) throw staleVersion();
  await recordStudioEvent(tx, row.id, {
    kind: 'revoke',
    actorId: actor.username === 'system' ? null : actor.id,
    orgId: actor.orgId,
    text: `摘牌：${reason}`,
  });
  await audit(tx, actor, {
    action: 'studio.revoke',
    entity: 'studio',
    entityId: row.id,
    orgPath: row.orgPath,
    before: { state: row.state },
    after: { state: 'revoked', revokedOn: on, revokeReason: reason },
  });
  return after;
}

/** The studios that hold a designation now, in name order (the demo rooms add to them). */
export async function designatedStudioRows(tx: Db): Promise<StudioRow[]> {
  return tx.select().from(studios).where(designatedNow(studios)).orderBy(studios.name, studios.id);
}
