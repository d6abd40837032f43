// Programmes of the cadre service (百名干部服务千家企业) and the pairing of cadres with enterprises
// (挂钩联系). A programme belongs to a city or county federation and covers its subtree; everyone
// below sees it, and each reader sees only the pairings of enterprises in their own scope.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { updateVersioned } from '../platform/db/versioned';
import { conflict, forbidden, invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { addDays, chinaToday } from '../platform/shared/dates';
import { loadOrg, likeText, orgRefs } from '../orgs/service';
import { userRefs, usersWithPermission, type UserRef } from '../orgs/users-service';
import { enterpriseRefs } from '../enterprises/service';
import { priorityCountsSource, prioritySource } from '../coverage/service';
import {
  DUE_SOON_DAYS,
  PairBody,
  PairingQuery,
  ProgrammeBody,
  ProgrammePatch,
  type CadreView,
  type PairingDueState,
  type PairingPage,
  type PairingView,
  type PairResult,
  type ProgrammeLevel,
  type ProgrammeView,
  type UnpairedPage,
} from './contract';
import { servicePairings, serviceProgrammes } from './tables';
import { listScope, loadProgramme, pageRows, runs, type ProgrammeRow } from './guards';
import { priorityFlagsToToday, refreshPriorityFlags } from './priority-flags';

type PairingRow = typeof servicePairings.$inferSelect;

async function presentProgrammes(tx: Db, actor: Actor, rows: ProgrammeRow[]): Promise<ProgrammeView[]> {
  const orgsById = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const counts = rows.length
    ? await tx
        .select({ id: servicePairings.programmeId, n: sql<number>`count(*)::int` })
        .from(servicePairings)
        .where(
          and(
            inArray(
              servicePairings.programmeId,
              rows.map((r) => r.id),
            ),
            isNull(servicePairings.endedOn),
            scopeFilter(actor, servicePairings.orgPath),
          ),
        )
        .groupBy(servicePairings.programmeId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    org: { id: r.orgId, name: orgsById.get(r.orgId)?.name ?? '' },
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    levels: r.levels as ProgrammeLevel[],
    visitEveryDays: r.visitEveryDays,
    description: r.description,
    pairings: byId.get(r.id) ?? 0,
    editable: runs(actor, r),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The programmes the actor sees, the newest first. */
export async function listProgrammes(actor: Actor): Promise<{ items: ProgrammeView[] }> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const rows = await tx
      .select()
      .from(serviceProgrammes)
      .where(
        sql`(${scopeFilter(actor, serviceProgrammes.orgPath)} or ${actor.scopePath} like ${serviceProgrammes.orgPath} || '%')`,
      )
      .orderBy(desc(serviceProgrammes.startsOn), desc(serviceProgrammes.createdAt))
      .limit(200);
    return { items: await presentProgrammes(tx, actor, rows) };
  });
}

export async function getProgramme(actor: Actor, id: string): Promise<ProgrammeView> {
  return db.readTransaction(async (tx) => {
    const row = await loadProgramme(tx, actor, id);
    return (await presentProgrammes(tx, actor, [row]))[0]!;
  });
}

/** Creates a programme of a city or county federation in the actor's scope. */
export async function createProgramme(
  actor: Actor,
  input: ReturnType<typeof ProgrammeBody.parse>,
): Promise<ProgrammeView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, input.orgId ?? actor.orgId);
    if (org.kind !== 'cityFederation' && org.kind !== 'districtFederation') {
      throw input.orgId
        ? invalidField('orgId', '服务活动由市总工会或市(区)总工会组织')
        : forbidden('服务活动由市总工会或市(区)总工会组织');
    }
    const [row] = await tx
      .insert(serviceProgrammes)
      .values({
        id: newId(),
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        levels: [...new Set(input.levels)],
        visitEveryDays: input.visitEveryDays,
        description: input.description,
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'service.createProgramme',
      entity: 'serviceProgramme',
      entityId: row!.id,
      orgPath: org.path,
      after: row,
    });
    return (await presentProgrammes(tx, actor, [row!]))[0]!;
  });
}

/** Changes a programme; a new frequency moves the due day of its pairings without their own. */
export async function updateProgramme(
  actor: Actor,
  id: string,
  input: ReturnType<typeof ProgrammePatch.parse>,
): Promise<ProgrammeView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadProgramme(tx, actor, id);
    if (!runs(actor, before)) throw forbidden('只有组织该活动的单位可以修改');
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    if (endsOn < startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, serviceProgrammes, id, version, {
      ...changes,
      ...(changes.levels ? { levels: [...new Set(changes.levels)] } : {}),
    });
    if (after.visitEveryDays !== before.visitEveryDays) {
      await tx.execute(sql`
        update service_pairings set due_on = coalesce(last_visit_on, started_on) + ${after.visitEveryDays}::int
        where programme_id = ${id} and ended_on is null and visit_every_days is null`);
    }
    await audit(tx, actor, {
      action: 'service.updateProgramme',
      entity: 'serviceProgramme',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after,
    });
    return (await presentProgrammes(tx, actor, [after]))[0]!;
  });
}

// ---------- pairings ----------

/** The day a pairing's next visit is due, from its last visit (or its start) and frequency. */
export const dueOf = (p: { lastVisitOn: string | null; startedOn: string }, everyDays: number) =>
  addDays(p.lastVisitOn ?? p.startedOn, everyDays);

export function dueStateOf(dueOn: string, today: string): PairingDueState {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, DUE_SOON_DAYS)) return 'due';
  return 'ok';
}

/** Checks that a user may serve the enterprise at `path` as a cadre (400 on the field otherwise). */
function checkCadre(cadre: UserRef | undefined, paths: string[], field: string): UserRef {
  if (!cadre || !cadre.active) throw invalidField(field, '服务干部不存在或已停用');
  if (!cadre.permissions.has('service:record')) throw invalidField(field, `${cadre.name}的角色不能登记服务`);
  if (paths.some((p) => !p.startsWith(cadre.scopePath)))
    throw invalidField(field, `企业不在${cadre.name}（${cadre.orgName}）的管理范围内`);
  return cadre;
}

/** Pairs a cadre with enterprises in a programme; those already paired are left and named. */
export async function pairEnterprises(
  actor: Actor,
  programmeId: string,
  input: ReturnType<typeof PairBody.parse>,
): Promise<PairResult> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const programme = await loadProgramme(tx, actor, programmeId);
    const ids = [...new Set(input.enterpriseIds)];
    const found = await enterpriseRefs(tx, ids);
    for (const [i, id] of ids.entries()) {
      const e = found.get(id);
      if (!e || !e.orgPath.startsWith(actor.scopePath) || !e.orgPath.startsWith(programme.orgPath))
        throw invalidField(`enterpriseIds.${i}`, '企业不存在，或不在您和本活动的范围内');
      if (e.status !== 'operating') throw invalidField(`enterpriseIds.${i}`, `${e.name}已注销或关闭`);
    }
    const cadre = checkCadre(
      (await userRefs(tx, [input.cadreId])).get(input.cadreId),
      [...found.values()].map((e) => e.orgPath),
      'cadreId',
    );
    const existing = await tx
      .select({ enterpriseId: servicePairings.enterpriseId, cadreId: servicePairings.cadreId })
      .from(servicePairings)
      .where(
        and(
          eq(servicePairings.programmeId, programmeId),
          inArray(servicePairings.enterpriseId, ids),
          isNull(servicePairings.endedOn),
        ),
      );
    const taken = new Map(existing.map((r) => [r.enterpriseId, r.cadreId]));
    const takenBy = await userRefs(tx, [...taken.values()]);
    const today = chinaToday();
    const startedOn = today < programme.startsOn ? programme.startsOn : today;
    const every = input.visitEveryDays ?? programme.visitEveryDays;
    const fresh = ids.filter((id) => !taken.has(id));
    if (fresh.length) {
      const rows = await tx
        .insert(servicePairings)
        .values(
          fresh.map((id) => ({
            id: newId(),
            programmeId,
            enterpriseId: id,
            orgPath: found.get(id)!.orgPath,
            cadreId: cadre.id,
            visitEveryDays: input.visitEveryDays ?? null,
            startedOn,
            lastVisitOn: null,
            dueOn: addDays(startedOn, every),
            createdBy: actor.id,
          })),
        )
        .returning();
      await refreshPriorityFlags(
        tx,
        sql`s.id in (${sql.join(
          rows.map((r) => sql`${r.id}::uuid`),
          sql`, `,
        )})`,
      );
      await audit(tx, actor, {
        action: 'service.pair',
        entity: 'serviceProgramme',
        entityId: programmeId,
        orgPath: programme.orgPath,
        after: { cadreId: cadre.id, pairings: rows.map((r) => ({ id: r.id, enterpriseId: r.enterpriseId })) },
      });
    }
    return {
      paired: fresh.length,
      alreadyPaired: [...taken].map(([enterpriseId, cadreId]) => ({
        enterpriseId,
        name: found.get(enterpriseId)?.name ?? '',
        cadre: takenBy.get(cadreId)?.name ?? '',
      })),
    };
  });
}

/** A current or ended pairing of an enterprise in the actor's scope (404 otherwise). */
async function loadPairing(tx: Db, actor: Actor, id: string): Promise<PairingRow> {
  requireAccess(actor, 'service:read');
  const [row] = await tx.select().from(servicePairings).where(eq(servicePairings.id, id));
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('挂钩关系');
  return row;
}

/** Ends a pairing and starts the enterprise's pairing with another cadre; the history stays. */
export async function reassignPairing(
  actor: Actor,
  id: string,
  input: { cadreId: string; reason: string; version: number },
): Promise<PairingView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadPairing(tx, actor, id);
    if (before.endedOn) throw conflict('该挂钩关系已解除');
    if (input.cadreId === before.cadreId) throw invalidField('cadreId', '请选择另一位服务干部');
    const cadre = checkCadre(
      (await userRefs(tx, [input.cadreId])).get(input.cadreId),
      [before.orgPath],
      'cadreId',
    );
    const today = chinaToday();
    const ended = await updateVersioned(tx, servicePairings, id, input.version, {
      endedOn: today,
      endedReason: input.reason,
    });
    // The new cadre takes over the visiting rhythm: the last visit still counts.
    const [next] = await tx
      .insert(servicePairings)
      .values({
        id: newId(),
        programmeId: before.programmeId,
        enterpriseId: before.enterpriseId,
        orgPath: before.orgPath,
        cadreId: cadre.id,
        visitEveryDays: before.visitEveryDays,
        startedOn: today,
        lastVisitOn: before.lastVisitOn,
        dueOn: before.dueOn,
        priority: before.priority,
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'service.reassign',
      entity: 'servicePairing',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after: { ended, next },
    });
    return (await presentPairings(tx, [next!], today))[0]!;
  });
}

/** Ends a pairing with a reason. */
export async function endPairing(
  actor: Actor,
  id: string,
  input: { reason: string; version: number },
): Promise<PairingView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadPairing(tx, actor, id);
    if (before.endedOn) throw conflict('该挂钩关系已解除');
    const after = await updateVersioned(tx, servicePairings, id, input.version, {
      endedOn: chinaToday(),
      endedReason: input.reason,
    });
    await audit(tx, actor, {
      action: 'service.endPairing',
      entity: 'servicePairing',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after,
    });
    return (await presentPairings(tx, [after], chinaToday()))[0]!;
  });
}

/** Sets or clears a pairing's own visit frequency. */
export async function setPairingFrequency(
  actor: Actor,
  id: string,
  input: { visitEveryDays: number | null; version: number },
): Promise<PairingView> {
  requireAccess(actor, 'service:record');
  return db.transaction(async (tx) => {
    const before = await loadPairing(tx, actor, id);
    if (before.endedOn) throw conflict('该挂钩关系已解除');
    const [programme] = await tx
      .select({ every: serviceProgrammes.visitEveryDays })
      .from(serviceProgrammes)
      .where(eq(serviceProgrammes.id, before.programmeId));
    const every = input.visitEveryDays ?? programme!.every;
    const after = await updateVersioned(tx, servicePairings, id, input.version, {
      visitEveryDays: input.visitEveryDays,
      dueOn: dueOf(before, every),
    });
    await audit(tx, actor, {
      action: 'service.pairingFrequency',
      entity: 'servicePairing',
      entityId: id,
      orgPath: before.orgPath,
      before,
      after,
    });
    return (await presentPairings(tx, [after], chinaToday()))[0]!;
  });
}

async function presentPairings(tx: Db, rows: PairingRow[], today: string): Promise<PairingView[]> {
  const programmeIds = [...new Set(rows.map((r) => r.programmeId))];
  const programmes = programmeIds.length
    ? await tx
        .select({
          id: serviceProgrammes.id,
          name: serviceProgrammes.name,
          every: serviceProgrammes.visitEveryDays,
        })
        .from(serviceProgrammes)
        .where(inArray(serviceProgrammes.id, programmeIds))
    : [];
  const byProgramme = new Map(programmes.map((p) => [p.id, p]));
  const enterprises = await enterpriseRefs(
    tx,
    rows.map((r) => r.enterpriseId),
  );
  const cadres = await userRefs(
    tx,
    rows.map((r) => r.cadreId),
  );
  return rows.map((r) => {
    const p = byProgramme.get(r.programmeId);
    const e = enterprises.get(r.enterpriseId);
    const c = cadres.get(r.cadreId);
    return {
      id: r.id,
      programme: { id: r.programmeId, name: p?.name ?? '' },
      enterprise: { id: r.enterpriseId, name: e?.name ?? '', orgName: e?.orgName ?? '' },
      cadre: { id: r.cadreId, name: c?.name ?? '', orgName: c?.orgName ?? '' },
      startedOn: r.startedOn,
      endedOn: r.endedOn,
      endedReason: r.endedReason,
      visitEveryDays: r.visitEveryDays ?? p?.every ?? 0,
      ownVisitEveryDays: r.visitEveryDays,
      lastVisitOn: r.lastVisitOn,
      dueOn: r.dueOn,
      dueState: dueStateOf(r.dueOn, today),
      version: r.version,
    };
  });
}

/** Pairings of enterprises in the actor's scope, filtered; the most overdue first. */
export async function listPairings(
  actor: Actor,
  query: ReturnType<typeof PairingQuery.parse>,
): Promise<PairingPage> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    const today = chinaToday();
    const where = await listScope(tx, actor, servicePairings, query);
    if (query.mine) where.push(eq(servicePairings.cadreId, actor.id));
    else if (query.cadreId) where.push(eq(servicePairings.cadreId, query.cadreId));
    if (!query.history) where.push(isNull(servicePairings.endedOn));
    const soon = addDays(today, DUE_SOON_DAYS);
    if (query.due === 'overdue') where.push(sql`${servicePairings.dueOn} < ${today}::date`);
    if (query.due === 'due')
      where.push(sql`${servicePairings.dueOn} between ${today}::date and ${soon}::date`);
    if (query.due === 'ok') where.push(sql`${servicePairings.dueOn} > ${soon}::date`);
    if (query.q)
      where.push(
        sql`${servicePairings.enterpriseId} in (select id from enterprises where name ilike ${likeText(query.q)} and org_path like ${actor.scopePath + '%'})`,
      );
    const { rows, total } = await pageRows(
      tx,
      servicePairings,
      where,
      [asc(servicePairings.dueOn), asc(servicePairings.id)],
      query,
    );
    return { items: await presentPairings(tx, rows, today), total };
  });
}

/**
 * Who may be paired in a programme, or own a need: active users with the service role of the
 * actor's subtree (within the programme's), and those above the actor who reach it.
 */
export async function listCadres(
  actor: Actor,
  query: { programmeId?: string | undefined; q?: string | undefined },
): Promise<{ items: CadreView[] }> {
  requireAccess(actor, 'service:record');
  return db.readTransaction(async (tx) => {
    const programme = query.programmeId ? await loadProgramme(tx, actor, query.programmeId) : null;
    const top = programme?.orgPath ?? '/';
    const root = top.startsWith(actor.scopePath) ? top : actor.scopePath;
    const below = await usersWithPermission(tx, root, 'service:record', query.q, 200);
    // A district sees the city's cadres too, who may serve its enterprises.
    const above = actor.scopePath.startsWith(top)
      ? (await usersWithPermission(tx, top, 'service:record', query.q, 500)).filter(
          (u) => actor.scopePath.startsWith(u.scopePath) && u.scopePath !== actor.scopePath,
        )
      : [];
    const all = [...above, ...below];
    const counts = all.length
      ? await tx
          .select({ id: servicePairings.cadreId, n: sql<number>`count(*)::int` })
          .from(servicePairings)
          .where(
            and(
              programme ? eq(servicePairings.programmeId, programme.id) : undefined,
              isNull(servicePairings.endedOn),
              inArray(
                servicePairings.cadreId,
                all.map((u) => u.id),
              ),
            ),
          )
          .groupBy(servicePairings.cadreId)
      : [];
    const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
    return {
      items: all.map((u) => ({
        id: u.id,
        name: u.name,
        username: u.username,
        orgName: u.orgName,
        pairings: byId.get(u.id) ?? 0,
      })),
    };
  });
}

/** The three-category enterprises of the actor's subtree (or an organisation of it) no cadre serves. */
export async function listUnpaired(
  actor: Actor,
  query: { orgId?: string | undefined; page: number; pageSize: number },
): Promise<UnpairedPage> {
  requireAccess(actor, 'service:read');
  await priorityFlagsToToday();
  return db.readTransaction(async (tx) => {
    const path = query.orgId ? (await loadOrg(tx, actor, query.orgId)).path : actor.scopePath;
    // The paired priorities of the subtree, from the pairings' own flags (priority-flags.ts),
    // read once: the total is the priority count less them, the page the worklist in its order
    // without them.
    const limit = query.pageSize === 0 ? 0 : query.pageSize;
    const found = await tx.execute<{
      enterprise_id: string | null;
      urgency: number;
      employees: number | null;
      paired: number;
    }>(sql`
      with paired as materialized (
        select distinct p.enterprise_id from service_pairings p
        where p.ended_on is null and p.priority and p.org_path like ${path + '%'}),
      page as (
        select w.enterprise_id, w.urgency, w.employees from ${prioritySource(path)} w
        where w.enterprise_id not in (select enterprise_id from paired)
        order by w.urgency desc nulls last, w.employees desc nulls last, w.enterprise_id
        limit ${limit} offset ${(query.page - 1) * query.pageSize})
      select page.*, (select count(*) from paired) as paired from (select 1) one left join page on true`);
    const [counted] = await tx.execute<{ n: number }>(
      sql`select coalesce(sum(n), 0) as n from ${priorityCountsSource(path)} c`,
    );
    const total = { n: Number(counted?.n ?? 0) - Number(found[0]?.paired ?? 0) };
    const rows = found.filter(
      (r): r is { enterprise_id: string; urgency: number; employees: number | null; paired: number } =>
        r.enterprise_id !== null,
    );
    const refs = await enterpriseRefs(
      tx,
      rows.map((r) => r.enterprise_id),
    );
    return {
      total: Number(total?.n ?? 0),
      items: rows.map((r) => {
        const e = refs.get(r.enterprise_id);
        return {
          enterprise: { id: r.enterprise_id, name: e?.name ?? '', orgName: e?.orgName ?? '' },
          urgency: Number(r.urgency),
          employees: r.employees === null ? null : Number(r.employees),
        };
      }),
    };
  });
}
