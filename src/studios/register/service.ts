// The studios register: who may take which step on a studio, presenting studios, the list with its
// search and filters, and one studio with its leader, members, designations and trail.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can, inScope, requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { db, type Db } from '../../platform/db/client';
import { partOfName, likeText } from '../../platform/search';
import { loadOrg, orgNamesByPath, orgRefs } from '../../orgs/service';
import { userRefs } from '../../orgs/users-service';
import { enterpriseRefs } from '../../enterprises/service';
import { modelWorkerRefs } from '../workers/workers-service';
import {
  STUDIO_ACTION_STATES,
  STUDIO_ACTIONS,
  STUDIO_LEVEL_RANK,
  type StudioAction,
  type StudioDetail,
  type StudioDue,
  type StudioLevel,
  type StudioPage,
  type StudioQuery,
  type StudioState,
  type StudioView,
} from './contract';
import { actsForCity, isDesignated, studioDistrictPath, type StudioRow } from './studios-service';
import { studioBatches, studioDesignations, studioEvents, studioMembers, studios } from './tables';

type ParsedQuery = z.output<typeof StudioQuery>;

const depthOf = (path: string) => path.split('/').filter(Boolean).length;

/**
 * Whether the actor speaks for "the district" of a studio: staff with studio:manage of the
 * district or industry union above the applicant (or of the applicant itself when it is one), or
 * of the city, which may step in for a unit directly under it.
 */
const recommends = (actor: Actor) => can(actor, 'studio:manage') && depthOf(actor.scopePath) <= 2;

/** Whether the actor may take `action` on a studio of its scope (whatever its state). */
export function mayAct(actor: Actor, action: StudioAction): boolean {
  switch (action) {
    case 'edit':
    case 'resubmit':
    case 'upgrade':
      return can(actor, 'studio:apply');
    case 'recommend':
      return recommends(actor);
    case 'review':
    case 'designate':
    case 'revoke':
      return can(actor, 'studio:manage') && actsForCity(actor);
    case 'members':
      return can(actor, 'studio:apply') || can(actor, 'studio:manage');
  }
}

/** Whether the studio's state (and level) allows `action`. */
export function stateAllows(row: Pick<StudioRow, 'state' | 'level'>, action: StudioAction): boolean {
  if (!STUDIO_ACTION_STATES[action].includes(row.state as StudioState)) return false;
  if (action === 'revoke') return isDesignated(row);
  if (action === 'upgrade') return row.level !== null && row.level !== 'national';
  return true;
}

/** What the actor may do with the studio now. */
export function actionsFor(actor: Actor, row: StudioRow): StudioAction[] {
  return STUDIO_ACTIONS.filter((a) => mayAct(actor, a) && stateAllows(row, a));
}

/** Whether a studio applying at `appliedLevel` moves up from the level it holds. */
export const movesUp = (held: string | null, applied: StudioLevel) =>
  held === null || STUDIO_LEVEL_RANK[applied] > STUDIO_LEVEL_RANK[held as StudioLevel];

/** Presents studios with their leaders, host units, batches, applicants and districts. */
export async function presentStudios(tx: Db, rows: StudioRow[]): Promise<StudioView[]> {
  if (!rows.length) return [];
  const leaders = await modelWorkerRefs(
    tx,
    rows.map((r) => r.leaderId),
  );
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const units = await orgRefs(
    tx,
    rows.flatMap((r) => [r.applicantOrgId, ...(r.hostOrgId ? [r.hostOrgId] : [])]),
  );
  const batchIds = [...new Set(rows.flatMap((r) => (r.batchId ? [r.batchId] : [])))];
  const batches = new Map(
    batchIds.length
      ? (
          await tx
            .select({ id: studioBatches.id, name: studioBatches.name })
            .from(studioBatches)
            .where(inArray(studioBatches.id, batchIds))
        ).map((b) => [b.id, b])
      : [],
  );
  const names = await orgNamesByPath(
    tx,
    rows.flatMap((r) => studioDistrictPath(r.orgPath) ?? []),
  );
  const ref = (id: string | null, name: string | undefined) => (id ? { id, name: name ?? '' } : null);
  return rows.map((r) => {
    const district = studioDistrictPath(r.orgPath);
    const designated = isDesignated(r);
    return {
      id: r.id,
      name: r.name,
      leader: { id: r.leaderId, name: leaders.get(r.leaderId)?.name ?? '' },
      hostUnitName: r.hostUnitName,
      enterprise: ref(r.enterpriseId, firms.get(r.enterpriseId ?? '')?.name),
      hostOrg: ref(r.hostOrgId, units.get(r.hostOrgId ?? '')?.name),
      field: r.field,
      level: r.level as StudioLevel | null,
      appliedLevel: r.appliedLevel as StudioLevel,
      state: r.state as StudioState,
      designated,
      upgrading: designated && r.state !== 'designated',
      batch: ref(r.batchId, batches.get(r.batchId ?? '')?.name),
      plaqueOn: r.plaqueOn,
      applicantOrg: { id: r.applicantOrgId, name: units.get(r.applicantOrgId)?.name ?? '' },
      district: district ? (names.get(district) ?? '') : '市本级',
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** The studio with its leader, members, designations, trail and what the actor may do. */
export async function detailOf(tx: Db, actor: Actor, row: StudioRow): Promise<StudioDetail> {
  const members = await tx
    .select()
    .from(studioMembers)
    .where(eq(studioMembers.studioId, row.id))
    .orderBy(asc(studioMembers.joinedOn), asc(studioMembers.createdAt), asc(studioMembers.id));
  const designations = await tx
    .select({ d: studioDesignations, b: studioBatches })
    .from(studioDesignations)
    .innerJoin(studioBatches, eq(studioBatches.id, studioDesignations.batchId))
    .where(eq(studioDesignations.studioId, row.id))
    .orderBy(asc(studioDesignations.plaqueOn), asc(studioDesignations.createdAt));
  const events = await tx
    .select()
    .from(studioEvents)
    .where(eq(studioEvents.studioId, row.id))
    .orderBy(asc(studioEvents.at), asc(studioEvents.id));
  const workers = await modelWorkerRefs(tx, [
    row.leaderId,
    ...members.flatMap((m) => (m.modelWorkerId ? [m.modelWorkerId] : [])),
  ]);
  const people = await userRefs(tx, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  const units = await orgRefs(
    tx,
    events.flatMap((e) => (e.orgId ? [e.orgId] : [])),
  );
  const leader = workers.get(row.leaderId);
  return {
    ...(await presentStudios(tx, [row]))[0]!,
    leaderWorker: leader
      ? {
          id: leader.id,
          name: leader.name,
          level: leader.level,
          year: leader.year,
          unitName: leader.unitName,
        }
      : { id: row.leaderId, name: '', level: 'city', year: 0, unitName: '' },
    introduction: row.introduction,
    returnReason: row.returnReason,
    revokedOn: row.revokedOn,
    revokeReason: row.revokeReason,
    designatedOn: row.designatedOn,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      position: m.position,
      modelWorker: m.modelWorkerId
        ? { id: m.modelWorkerId, name: workers.get(m.modelWorkerId)?.name ?? m.name }
        : null,
      role: m.role === 'leader' ? 'leader' : 'member',
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
    })),
    designations: designations.map(({ d, b }) => ({
      id: d.id,
      batch: { id: b.id, name: b.name },
      year: b.year,
      level: d.level as StudioLevel,
      awardingBody: b.awardingBody,
      plaqueOn: d.plaqueOn,
      ceremony: b.ceremony,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actor: e.actorId ? { id: e.actorId, name: people.get(e.actorId)?.name ?? '' } : null,
      org: e.orgId ? { id: e.orgId, name: units.get(e.orgId)?.name ?? '' } : null,
      text: e.text,
    })),
    actions: actionsFor(actor, row),
  };
}

/** A studio of the actor's scope with everything its page shows. */
export async function getStudio(actor: Actor, id: string): Promise<StudioDetail> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const [row] = await tx.select().from(studios).where(eq(studios.id, id));
    // The same answer for a studio elsewhere as for none (loadStudioFor's rule).
    if (!row || !inScope(actor, row.orgPath)) throw notFound('劳模创新工作室');
    return detailOf(tx, actor, row);
  });
}

/** The applications that wait for the actor's step, within its scope. */
export function dueCondition(actor: Actor, due: StudioDue): SQL {
  const t = studios;
  switch (due) {
    case 'recommend':
      // The city reviews; what waits for a district's recommendation is the district's own list.
      return recommends(actor) && !actsForCity(actor)
        ? and(eq(t.state, 'applied'), scopeFilter(actor, t.orgPath))!
        : sql`false`;
    case 'review':
      return mayAct(actor, 'review')
        ? and(eq(t.state, 'recommended'), scopeFilter(actor, t.orgPath))!
        : sql`false`;
    case 'designate':
      return mayAct(actor, 'designate')
        ? and(eq(t.state, 'approved'), scopeFilter(actor, t.orgPath))!
        : sql`false`;
  }
}

/** The conditions of the list's filters, within the actor's scope. */
export async function filterOf(
  tx: Db,
  actor: Actor,
  query: Omit<ParsedQuery, 'page' | 'pageSize'>,
): Promise<SQL | undefined> {
  const t = studios;
  const where: SQL[] = [scopeFilter(actor, t.orgPath)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId, '单位');
    where.push(sql`${t.orgPath} like ${org.path + '%'}`);
  }
  if (query.level) where.push(and(eq(t.level, query.level), sql`${t.state} <> 'revoked'`)!);
  if (query.state) where.push(eq(t.state, query.state));
  if (query.field) where.push(sql`${t.field} ilike ${likeText(query.field)}`);
  if (query.batchId)
    where.push(
      sql`exists (select 1 from ${studioDesignations} d where d.studio_id = ${t.id} and d.batch_id = ${query.batchId})`,
    );
  if (query.year !== undefined)
    where.push(
      sql`exists (select 1 from ${studioDesignations} d join ${studioBatches} b on b.id = d.batch_id
                  where d.studio_id = ${t.id} and b.year = ${query.year})`,
    );
  if (query.q) where.push(partOfName(t.namePairs, sql`${t.name} || ' ' || ${t.hostUnitName}`, query.q));
  if (query.due) where.push(dueCondition(actor, query.due));
  return and(...where);
}

/** The studios of the actor's scope: the latest plaques first, applications before them. */
export async function listStudios(actor: Actor, query: ParsedQuery): Promise<StudioPage> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const condition = await filterOf(tx, actor, query);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(studios)
      .where(condition);
    const rows = await tx
      .select()
      .from(studios)
      .where(condition)
      .orderBy(
        sql`${studios.plaqueOn} desc nulls first`,
        desc(studios.createdAt),
        asc(studios.name),
        asc(studios.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentStudios(tx, rows), total: Number(total?.n ?? 0) };
  });
}
