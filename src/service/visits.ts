// Visits and services to enterprises (服务记录) and the needs they raise, followed until resolved
// (跟踪服务). A visit may record registry facts seen on the spot (a five-haves item, a founding,
// an election, a congress) in the same save, checked and audited as the registry's own writes,
// so that the coverage figures move with the programme.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { conflict, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { chinaToday } from '../platform/shared/dates';
import { userRefs, type UserRef } from '../orgs/users-service';
import { addFactFromFeature, enterpriseRefs } from '../enterprises/service';
import { FactCreateBody } from '../enterprises/contract';
import {
  aspectOf,
  NeedBody,
  NeedEventBody,
  NeedQuery,
  VisitBody,
  VisitQuery,
  type Approach,
  type NeedAction,
  type NeedKind,
  type NeedPage,
  type NeedState,
  type NeedView,
  type ServiceItem,
  type VisitPage,
  type VisitView,
} from './contract';
import { listScope, loadProgramme, pageRows, programmeNames, servedEnterprise } from './guards';
import { countedVisits, countVisit } from './counts';
import { loadOrg } from '../orgs/service';
import { serviceNeedEvents, serviceNeeds, serviceVisits } from './tables';
import { picturesOf } from './visit-pictures';

type VisitRow = typeof serviceVisits.$inferSelect;
type NeedRow = typeof serviceNeeds.$inferSelect;

/** A user who may own a need of the enterprise at `path`. */
function checkOwner(owner: UserRef | undefined, path: string, field: string): UserRef {
  if (!owner || !owner.active) throw invalidField(field, '负责人不存在或已停用');
  if (!owner.permissions.has('service:record'))
    throw invalidField(field, `${owner.name}的角色不能办理企业需求`);
  if (!path.startsWith(owner.scopePath))
    throw invalidField(field, `企业不在${owner.name}（${owner.orgName}）的管理范围内`);
  return owner;
}

/** Inserts a need with its first event, in the caller's transaction. */
async function insertNeed(
  tx: Db,
  actor: Actor,
  values: {
    enterpriseId: string;
    orgPath: string;
    programmeId: string | null;
    visitId: string | null;
    kind: NeedKind;
    description: string;
    ownerId: string | null;
    dueOn: string | null;
  },
): Promise<NeedRow> {
  const [row] = await tx
    .insert(serviceNeeds)
    .values({ id: newId(), ...values, state: 'open', createdBy: actor.id })
    .returning();
  await tx.insert(serviceNeedEvents).values({
    id: newId(),
    needId: row!.id,
    actorId: actor.id,
    action: 'create',
    ownerId: values.ownerId,
    note: null,
  });
  return row!;
}

/** Logs a visit with its needs and registry facts in one transaction. */
export async function createVisit(
  actor: Actor,
  input: ReturnType<typeof VisitBody.parse>,
): Promise<VisitView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const e = await servedEnterprise(tx, actor, input.enterpriseId);
    if (input.visitedOn > chinaToday()) throw invalidField('visitedOn', '走访日期不能晚于今天');
    let programmeId: string | null = null;
    if (input.programmeId) {
      const programme = await loadProgramme(tx, actor, input.programmeId);
      if (!e.orgPath.startsWith(programme.orgPath))
        throw invalidField('programmeId', '企业不在该活动的范围内');
      programmeId = programme.id;
    }
    const others = [...new Set(input.otherCadreIds)].filter((id) => id !== actor.id);
    const users = await userRefs(tx, others);
    for (const [i, id] of others.entries()) {
      const u = users.get(id);
      if (!u || !u.active || !e.orgPath.startsWith(u.scopePath))
        throw invalidField(`otherCadreIds.${i}`, '同行干部不存在，或企业不在其管理范围内');
    }
    const owners = await userRefs(
      tx,
      input.needs.flatMap((n) => (n.ownerId ? [n.ownerId] : [])),
    );
    input.needs.forEach((n, i) => {
      if (n.ownerId) checkOwner(owners.get(n.ownerId), e.orgPath, `needs.${i}.ownerId`);
    });
    // The registry's facts first: a fact it refuses (no union yet, a duplicate) refuses the visit.
    for (const [i, fact] of input.facts.entries()) {
      await addFactFromFeature(tx, actor, e.id, 'service:record', FactCreateBody.parse(fact), `facts.${i}`);
    }
    const items = [...new Set(input.items)];
    const aspects = [...new Set(items.map(aspectOf))];
    await countVisit(tx, { programmeId, orgPath: e.orgPath, enterpriseId: e.id, aspects });
    const [visit] = await tx
      .insert(serviceVisits)
      .values({
        id: newId(),
        programmeId,
        enterpriseId: e.id,
        orgPath: e.orgPath,
        visitedOn: input.visitedOn,
        cadreIds: [actor.id, ...others],
        items,
        aspects,
        approaches: [...new Set(input.approaches)],
        met: input.met,
        content: input.content,
        facts: input.facts.map((f) => ({ kind: f.kind, eventDate: f.eventDate ?? null })),
        createdBy: actor.id,
      })
      .returning();
    for (const need of input.needs) {
      await insertNeed(tx, actor, {
        enterpriseId: e.id,
        orgPath: e.orgPath,
        programmeId,
        visitId: visit!.id,
        kind: need.kind,
        description: need.description,
        ownerId: need.ownerId ?? null,
        dueOn: need.dueOn ?? null,
      });
    }
    await touchPairings(tx, e.id);
    await audit(tx, actor, {
      action: 'service.visit',
      entity: 'serviceVisit',
      entityId: visit!.id,
      orgPath: e.orgPath,
      after: { ...visit, needs: input.needs.length },
    });
    return (await presentVisits(tx, [visit!]))[0]!;
  });
}

/**
 * Brings the current pairings of an enterprise to its visits: the last visit on or after the
 * pairing's programme start, and the due day from it.
 */
async function touchPairings(tx: Db, enterpriseId: string): Promise<void> {
  await tx.execute(sql`
    update service_pairings p set last_visit_on = v.last,
      due_on = coalesce(v.last, p.started_on) + coalesce(p.visit_every_days, v.every)
    from (
      select q.id, g.visit_every_days as every,
        (select max(visited_on) from service_visits
         where enterprise_id = q.enterprise_id and visited_on >= g.starts_on) as last
      from service_pairings q join service_programmes g on g.id = q.programme_id
      where q.enterprise_id = ${enterpriseId} and q.ended_on is null
    ) v
    where p.id = v.id`);
}

async function presentVisits(tx: Db, rows: VisitRow[]): Promise<VisitView[]> {
  const enterprises = await enterpriseRefs(
    tx,
    rows.map((r) => r.enterpriseId),
  );
  const users = await userRefs(
    tx,
    rows.flatMap((r) => [...r.cadreIds, r.createdBy]),
  );
  const programmes = await programmeNames(
    tx,
    rows.map((r) => r.programmeId),
  );
  const needs = rows.length
    ? await tx
        .select({ id: serviceNeeds.id, visitId: serviceNeeds.visitId })
        .from(serviceNeeds)
        .where(
          inArray(
            serviceNeeds.visitId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const pictures = await picturesOf(
    tx,
    rows.map((r) => r.id),
  );
  const name = (id: string) => ({ id, name: users.get(id)?.name ?? '' });
  return rows.map((r) => {
    const e = enterprises.get(r.enterpriseId);
    const programme = r.programmeId ? programmes.get(r.programmeId) : undefined;
    return {
      id: r.id,
      programme: r.programmeId && programme !== undefined ? { id: r.programmeId, name: programme } : null,
      enterprise: { id: r.enterpriseId, name: e?.name ?? '', orgName: e?.orgName ?? '' },
      visitedOn: r.visitedOn,
      cadres: r.cadreIds.map(name),
      items: r.items as ServiceItem[],
      approaches: r.approaches as Approach[],
      met: r.met,
      content: r.content,
      facts: r.facts,
      needIds: needs.filter((n) => n.visitId === r.id).map((n) => n.id),
      images: pictures.get(r.id) ?? [],
      createdBy: name(r.createdBy),
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function getVisit(actor: Actor, id: string): Promise<VisitView> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const [row] = await tx.select().from(serviceVisits).where(eq(serviceVisits.id, id));
    if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('走访记录');
    return (await presentVisits(tx, [row]))[0]!;
  });
}

/** Visits to enterprises of the actor's scope, filtered, the latest first. */
export async function listVisits(
  actor: Actor,
  query: ReturnType<typeof VisitQuery.parse>,
): Promise<VisitPage> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const where = await listScope(tx, actor, serviceVisits, query);
    if (query.enterpriseId) where.push(eq(serviceVisits.enterpriseId, query.enterpriseId));
    const cadre = query.mine ? actor.id : query.cadreId;
    if (cadre) where.push(sql`${serviceVisits.cadreIds} @> array[${cadre}::uuid]`);
    if (query.aspect) where.push(sql`${serviceVisits.aspects} @> array[${query.aspect}]::text[]`);
    if (query.from) where.push(sql`${serviceVisits.visitedOn} >= ${query.from}::date`);
    if (query.to) where.push(sql`${serviceVisits.visitedOn} <= ${query.to}::date`);
    // Filtered by programme, organisation or aspect alone, the total is a sum of kept counts.
    const counted = !query.enterpriseId && !cadre && !query.from && !query.to;
    const known = counted
      ? await countedVisits(tx, {
          path: query.orgId ? (await loadOrg(tx, actor, query.orgId)).path : actor.scopePath,
          programmeId: query.programmeId,
          item: query.aspect ? `aspect:${query.aspect}` : 'visits',
        })
      : undefined;
    const { rows, total } = await pageRows(
      tx,
      serviceVisits,
      where,
      [desc(serviceVisits.visitedOn), desc(serviceVisits.createdAt)],
      query,
      known,
    );
    return { items: await presentVisits(tx, rows), total };
  });
}

// ---------- needs ----------

const OPEN_STATES: NeedState[] = ['open', 'inProgress'];
const isOverdue = (n: { state: string; dueOn: string | null }, today: string) =>
  OPEN_STATES.includes(n.state as NeedState) && n.dueOn !== null && n.dueOn < today;

async function presentNeeds(tx: Db, rows: NeedRow[], withEvents = false): Promise<NeedView[]> {
  const today = chinaToday();
  const enterprises = await enterpriseRefs(
    tx,
    rows.map((r) => r.enterpriseId),
  );
  const events = withEvents
    ? await tx
        .select()
        .from(serviceNeedEvents)
        .where(
          inArray(
            serviceNeedEvents.needId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(serviceNeedEvents.at), asc(serviceNeedEvents.id))
    : [];
  const users = await userRefs(tx, [
    ...rows.flatMap((r) => [r.createdBy, ...(r.ownerId ? [r.ownerId] : [])]),
    ...events.flatMap((e) => [e.actorId, ...(e.ownerId ? [e.ownerId] : [])]),
  ]);
  const programmes = await programmeNames(
    tx,
    rows.map((r) => r.programmeId),
  );
  const name = (id: string) => ({ id, name: users.get(id)?.name ?? '' });
  return rows.map((r) => {
    const e = enterprises.get(r.enterpriseId);
    const programme = r.programmeId ? programmes.get(r.programmeId) : undefined;
    return {
      id: r.id,
      enterprise: { id: r.enterpriseId, name: e?.name ?? '', orgName: e?.orgName ?? '' },
      programme: r.programmeId && programme !== undefined ? { id: r.programmeId, name: programme } : null,
      visitId: r.visitId,
      kind: r.kind as NeedKind,
      description: r.description,
      owner: r.ownerId ? name(r.ownerId) : null,
      dueOn: r.dueOn,
      state: r.state as NeedState,
      overdue: isOverdue(r, today),
      resolvedOn: r.resolvedOn,
      createdBy: name(r.createdBy),
      createdAt: r.createdAt.toISOString(),
      version: r.version,
      ...(withEvents
        ? {
            events: events
              .filter((ev) => ev.needId === r.id)
              .map((ev) => ({
                at: ev.at.toISOString(),
                actor: users.get(ev.actorId)?.name ?? '',
                action: ev.action as NeedAction | 'create',
                note: ev.note,
                owner: ev.ownerId ? (users.get(ev.ownerId)?.name ?? '') : null,
              })),
          }
        : {}),
    };
  });
}

/** Registers a need outside a visit (raised by phone, at a meeting). */
export async function createNeed(actor: Actor, input: ReturnType<typeof NeedBody.parse>): Promise<NeedView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const e = await servedEnterprise(tx, actor, input.enterpriseId);
    if (input.programmeId) {
      const programme = await loadProgramme(tx, actor, input.programmeId);
      if (!e.orgPath.startsWith(programme.orgPath))
        throw invalidField('programmeId', '企业不在该活动的范围内');
    }
    if (input.ownerId)
      checkOwner((await userRefs(tx, [input.ownerId])).get(input.ownerId), e.orgPath, 'ownerId');
    const row = await insertNeed(tx, actor, {
      enterpriseId: e.id,
      orgPath: e.orgPath,
      programmeId: input.programmeId ?? null,
      visitId: null,
      kind: input.kind,
      description: input.description,
      ownerId: input.ownerId ?? null,
      dueOn: input.dueOn ?? null,
    });
    await audit(tx, actor, {
      action: 'service.createNeed',
      entity: 'serviceNeed',
      entityId: row.id,
      orgPath: e.orgPath,
      after: row,
    });
    return (await presentNeeds(tx, [row], true))[0]!;
  });
}

async function loadNeed(tx: Db, actor: Actor, id: string): Promise<NeedRow> {
  requireAccess(actor, 'service:read');
  const [row] = await tx.select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('企业需求');
  return row;
}

export async function getNeed(actor: Actor, id: string): Promise<NeedView> {
  return db.readTransaction(
    async (tx) => (await presentNeeds(tx, [await loadNeed(tx, actor, id)], true))[0]!,
  );
}

/** Which actions a need in each state allows, and the state each leads to. */
const TRANSITIONS: Record<NeedAction, { from: NeedState[]; to: (s: NeedState) => NeedState }> = {
  assign: { from: ['open', 'inProgress'], to: (s) => s },
  progress: { from: ['open', 'inProgress'], to: () => 'inProgress' },
  resolve: { from: ['open', 'inProgress'], to: () => 'resolved' },
  close: { from: ['open', 'inProgress'], to: () => 'closed' },
  reopen: { from: ['resolved', 'closed'], to: () => 'inProgress' },
  note: { from: ['open', 'inProgress', 'resolved', 'closed'], to: (s) => s },
};

/** Follows a need up: assigns it, logs progress, resolves or closes it with a reason, reopens it. */
export async function followNeed(
  actor: Actor,
  id: string,
  input: ReturnType<typeof NeedEventBody.parse>,
): Promise<NeedView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadNeed(tx, actor, id);
    const state = before.state as NeedState;
    const rule = TRANSITIONS[input.action];
    if (!rule.from.includes(state)) throw conflict(`需求当前状态不能执行该操作`);
    let ownerId = before.ownerId;
    if (input.action === 'assign') {
      ownerId = checkOwner(
        (await userRefs(tx, [input.ownerId!])).get(input.ownerId!),
        before.orgPath,
        'ownerId',
      ).id;
    }
    const next = rule.to(state);
    const after = await updateVersioned(tx, serviceNeeds, id, input.version, {
      state: next,
      ownerId,
      dueOn: input.dueOn ?? before.dueOn,
      resolvedOn: next === 'resolved' || next === 'closed' ? chinaToday() : null,
    });
    await tx.insert(serviceNeedEvents).values({
      id: newId(),
      needId: id,
      actorId: actor.id,
      action: input.action,
      ownerId: input.action === 'assign' ? ownerId : null,
      note: input.note,
    });
    await audit(tx, actor, {
      action: `service.need.${input.action}`,
      entity: 'serviceNeed',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after,
    });
    return (await presentNeeds(tx, [after], true))[0]!;
  });
}

/** Needs of enterprises in the actor's scope, filtered; the overdue and the earliest due first. */
export async function listNeeds(actor: Actor, query: ReturnType<typeof NeedQuery.parse>): Promise<NeedPage> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const today = chinaToday();
    const where = await listScope(tx, actor, serviceNeeds, query);
    if (query.enterpriseId) where.push(eq(serviceNeeds.enterpriseId, query.enterpriseId));
    if (query.state) where.push(eq(serviceNeeds.state, query.state));
    if (query.kind) where.push(eq(serviceNeeds.kind, query.kind));
    if (query.mine) where.push(eq(serviceNeeds.ownerId, actor.id));
    if (query.overdue)
      where.push(
        sql`${serviceNeeds.state} in ('open', 'inProgress') and ${serviceNeeds.dueOn} < ${today}::date`,
      );
    const { rows, total } = await pageRows(
      tx,
      serviceNeeds,
      where,
      [
        sql`(${serviceNeeds.state} in ('open', 'inProgress')) desc`,
        sql`${serviceNeeds.dueOn} asc nulls last`,
        desc(serviceNeeds.createdAt),
      ],
      query,
    );
    return { items: await presentNeeds(tx, rows), total };
  });
}
