// Union mediation of labour disputes (DOMAIN §4): a unit's mediation committee takes a case (the
// workers who apply, the employer, the claims, the mediators from its scope), records sessions,
// and closes it with the result and the amounts agreed and paid; a mediator's caseload. Workers'
// personal data is shown masked unless the reader may see it whole (personal-data.ts), and each
// whole read is audited.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../platform/errors';
import { newId } from '../platform/ids';
import { now } from '../platform/clock';
import { chinaDay, chinaYear, daysBetween } from '../platform/shared/dates';
import { likeText, loadOrg, orgRefs } from '../orgs/service';
import { userRefs, usersWithPermission } from '../orgs/users-service';
import { enterpriseRefs } from '../enterprises/service';
import {
  AGREED_RESULTS,
  CaseBody,
  CaseQuery,
  CloseCaseBody,
  SessionBody,
  type CaseDetail,
  type CasePage,
  type CaseResult,
  type CaseState,
  type CaseView,
  type ClaimKind,
  type MediatorList,
} from './mediation-contract';
import { maskIdNumber, maskName, maskPhone, seesPersonalData } from './personal-data';
import { laborMediationCases, laborMediationSessions, laborReports } from './tables';

type CaseRow = typeof laborMediationCases.$inferSelect;
type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

/** Reading cases needs mediation or the legal department's handling. */
function requireCaseReader(actor: Actor) {
  if (!can(actor, 'labor:mediate')) requireAccess(actor, 'labor:handle');
}

const today = () => chinaDay(now());

/** The cases as the API shows them; those in `masked` with their personal data masked. */
async function present(tx: Db, rows: CaseRow[], masked: Set<string>): Promise<CaseView[]> {
  const units = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const people = await userRefs(tx, [...new Set(rows.flatMap((r) => r.mediatorIds))]);
  const counts = rows.length
    ? await tx
        .select({ caseId: laborMediationSessions.caseId, n: sql<number>`count(*)::int` })
        .from(laborMediationSessions)
        .where(sql`${laborMediationSessions.caseId} in ${rows.map((r) => r.id)}`)
        .groupBy(laborMediationSessions.caseId)
    : [];
  const sessions = new Map(counts.map((c) => [c.caseId, Number(c.n)]));
  return rows.map((r) => {
    const open = masked.has(r.id);
    return {
      id: r.id,
      caseNo: `${r.year}年第${r.seq}号`,
      org: { id: r.orgId, name: units.get(r.orgId)?.name ?? '' },
      employer: {
        id: r.enterpriseId,
        name: (r.enterpriseId ? firms.get(r.enterpriseId)?.name : undefined) ?? r.employerName,
        registered: r.enterpriseId !== null,
      },
      employerRepresentative: r.employerRepresentative,
      employerPhone: open ? maskPhone(r.employerPhone) : r.employerPhone,
      workers: r.workers.map((w) =>
        open ? { name: maskName(w.name), idNumber: maskIdNumber(w.idNumber), phone: maskPhone(w.phone) } : w,
      ),
      masked: open,
      claims: r.claims.map((c) => ({ kind: c.kind as ClaimKind, amountFen: c.amountFen })),
      claimedFen: r.claimedFen,
      facts: r.facts,
      appliedOn: r.appliedOn,
      mediators: r.mediatorIds.map((id) => ({ id, name: people.get(id)?.name ?? '' })),
      reportId: r.reportId,
      state: r.state as CaseState,
      result: r.result as CaseResult | null,
      closedOn: r.closedOn,
      agreedFen: r.agreedFen,
      paidFen: r.paidFen,
      terms: r.terms,
      days: Math.max(0, daysBetween(r.appliedOn, r.closedOn ?? today())),
      sessions: sessions.get(r.id) ?? 0,
      version: r.version,
    };
  });
}

/** Loads a case of the actor's scope (404 outside it). */
async function loadCase(tx: Db, actor: Actor, id: string, lock = false): Promise<CaseRow> {
  const q = tx.select().from(laborMediationCases).where(eq(laborMediationCases.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('调解案件');
  return row;
}

/**
 * Whether the actor conducts the case: one of its mediators, a mediator of its unit, or a
 * mediator of the legal department over it.
 */
const conducts = (actor: Actor, row: CaseRow) =>
  can(actor, 'labor:mediate') &&
  (row.mediatorIds.includes(actor.id) || actor.orgId === row.orgId || can(actor, 'labor:handle'));

/** Checks the chosen mediators: users with labor:mediate in the unit's subtree. */
async function checkMediators(tx: Db, actor: Actor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await userRefs(tx, unique);
  unique.forEach((id, i) => {
    const u = found.get(id);
    if (!u || !u.active || !u.scopePath.startsWith(actor.scopePath) || !u.permissions.has('labor:mediate'))
      throw invalidField(`mediatorIds.${i}`, '所选调解员不在本单位及下级单位的调解员中');
  });
  return unique;
}

/** Takes a case for the actor's unit; numbered within the unit and the year of application. */
export async function createCase(actor: Actor, input: Parsed<typeof CaseBody>): Promise<CaseDetail> {
  requireAccess(actor, 'labor:mediate');
  return db.transaction(async (tx) => {
    let employerName = input.employerName ?? '';
    if (input.enterpriseId) {
      const e = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
      if (!e || !e.orgPath.startsWith(actor.scopePath)) throw notFound('企业');
      employerName = e.name;
    }
    if (input.reportId) {
      const [report] = await tx
        .select({ orgPath: laborReports.orgPath })
        .from(laborReports)
        .where(eq(laborReports.id, input.reportId));
      if (!report || !report.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
    }
    const mediatorIds = await checkMediators(tx, actor, input.mediatorIds);
    const year = Number(input.appliedOn.slice(0, 4));
    // One number after another within the unit and year; the unique index settles a race.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`gonghui.mediation:${actor.orgId}:${year}`}))`,
    );
    const [last] = await tx
      .select({ seq: sql<number>`coalesce(max(${laborMediationCases.seq}), 0)::int` })
      .from(laborMediationCases)
      .where(and(eq(laborMediationCases.orgId, actor.orgId), eq(laborMediationCases.year, year)));
    const [row] = await tx
      .insert(laborMediationCases)
      .values({
        id: newId(),
        orgId: actor.orgId,
        orgPath: actor.scopePath,
        year,
        seq: Number(last?.seq ?? 0) + 1,
        enterpriseId: input.enterpriseId ?? null,
        employerName,
        employerRepresentative: input.employerRepresentative ?? null,
        employerPhone: input.employerPhone ?? null,
        workers: input.workers.map((w) => ({ name: w.name, idNumber: w.idNumber, phone: w.phone ?? null })),
        workerCount: input.workers.length,
        claims: input.claims,
        claimedFen: input.claims.reduce((s, c) => s + c.amountFen, 0),
        facts: input.facts,
        appliedOn: input.appliedOn,
        mediatorIds,
        reportId: input.reportId ?? null,
        state: 'open',
        createdBy: actor.id,
      })
      .returning();
    await audit(tx, actor, {
      action: 'labor.mediation.create',
      entity: 'mediationCase',
      entityId: row!.id,
      orgPath: row!.orgPath,
      after: { ...row!, workers: `${row!.workerCount} 人` },
    });
    return detailOf(tx, actor, row!);
  });
}

async function detailOf(tx: Db, actor: Actor, row: CaseRow): Promise<CaseDetail> {
  const whole = seesPersonalData(actor, row);
  if (whole)
    await audit(tx, actor, {
      action: 'labor.mediation.readPersonalData',
      entity: 'mediationCase',
      entityId: row.id,
      orgPath: row.orgPath,
    });
  const [view] = await present(tx, [row], whole ? new Set() : new Set([row.id]));
  const sessions = await tx
    .select()
    .from(laborMediationSessions)
    .where(eq(laborMediationSessions.caseId, row.id))
    .orderBy(asc(laborMediationSessions.heldOn), asc(laborMediationSessions.createdAt));
  const people = await userRefs(tx, [...new Set(sessions.map((s) => s.recordedBy))]);
  const mine = conducts(actor, row);
  const actions: CaseDetail['actions'] = [];
  if (mine && row.state === 'open') actions.push('session', 'close');
  if (whole && row.state === 'closed' && AGREED_RESULTS.includes(row.result as CaseResult))
    actions.push('agreement');
  return {
    ...view!,
    sessionList: sessions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      place: s.place,
      outcome: s.outcome,
      recordedBy: { id: s.recordedBy, name: people.get(s.recordedBy)?.name ?? '' },
    })),
    actions,
  };
}

/** A case with its sessions; personal data whole where the reader may see it (audited). */
export async function getCase(actor: Actor, id: string): Promise<CaseDetail> {
  requireCaseReader(actor);
  return db.transaction(async (tx) => detailOf(tx, actor, await loadCase(tx, actor, id)));
}

/** Cases of the actor's scope, the open first, then the latest applied; personal data masked. */
export async function listCases(actor: Actor, query: Parsed<typeof CaseQuery>): Promise<CasePage> {
  requireCaseReader(actor);
  return db.readTransaction(async (tx) => {
    const t = laborMediationCases;
    const where: SQL[] = [scopeFilter(actor, t.orgPath)];
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId);
      where.push(sql`${t.orgPath} like ${org.path + '%'}`);
    }
    if (query.state) where.push(eq(t.state, query.state));
    if (query.result) where.push(eq(t.result, query.result));
    if (query.mine === 'true') where.push(sql`${t.mediatorIds} @> array[${actor.id}]::uuid[]`);
    if (query.q) where.push(sql`${t.employerName} ilike ${likeText(query.q)}`);
    const condition = and(...where);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(t)
      .where(condition);
    const rows = await tx
      .select()
      .from(t)
      .where(condition)
      .orderBy(sql`${t.state} = 'closed'`, desc(t.appliedOn), asc(t.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await present(tx, rows, new Set(rows.map((r) => r.id))), total: Number(total?.n ?? 0) };
  });
}

async function loadForWork(tx: Db, actor: Actor, id: string, version: number): Promise<CaseRow> {
  requireAccess(actor, 'labor:mediate');
  const row = await loadCase(tx, actor, id, true);
  if (!conducts(actor, row)) throw forbidden('只有本案调解员、受理单位或法工部的调解员可以办理');
  if (row.state !== 'open') throw conflict('案件已结案');
  if (row.version !== version) throw staleVersion();
  return row;
}

/** Records a mediation session. */
export async function addSession(
  actor: Actor,
  id: string,
  input: Parsed<typeof SessionBody>,
): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadForWork(tx, actor, id, input.version);
    if (input.heldOn < row.appliedOn)
      throw invalidField('heldOn', `调解日期不能早于申请日期（${row.appliedOn}）`);
    const [session] = await tx
      .insert(laborMediationSessions)
      .values({
        id: newId(),
        caseId: row.id,
        heldOn: input.heldOn,
        place: input.place ?? null,
        outcome: input.outcome,
        recordedBy: actor.id,
      })
      .returning();
    const [updated] = await tx
      .update(laborMediationCases)
      .set({ version: row.version + 1, updatedAt: new Date() })
      .where(eq(laborMediationCases.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: 'labor.mediation.session',
      entity: 'mediationCase',
      entityId: row.id,
      orgPath: row.orgPath,
      after: session,
    });
    return detailOf(tx, actor, updated!);
  });
}

/** Closes the case with its result and amounts. */
export async function closeCase(
  actor: Actor,
  id: string,
  input: Parsed<typeof CloseCaseBody>,
): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadForWork(tx, actor, id, input.version);
    if (input.closedOn < row.appliedOn)
      throw invalidField('closedOn', `结案日期不能早于申请日期（${row.appliedOn}）`);
    const agreed = AGREED_RESULTS.includes(input.result);
    const [updated] = await tx
      .update(laborMediationCases)
      .set({
        state: 'closed',
        result: input.result,
        closedOn: input.closedOn,
        agreedFen: input.agreedFen,
        paidFen: input.paidFen,
        terms: agreed ? input.terms : (input.terms ?? null),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(laborMediationCases.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: 'labor.mediation.close',
      entity: 'mediationCase',
      entityId: row.id,
      orgPath: row.orgPath,
      after: { result: input.result, agreedFen: input.agreedFen, paidFen: input.paidFen },
    });
    return detailOf(tx, actor, updated!);
  });
}

/** The case for its agreement: closed with an agreement, read whole by someone who may (audited). */
export async function caseForAgreement(actor: Actor, id: string): Promise<CaseDetail> {
  requireCaseReader(actor);
  return db.transaction(async (tx) => {
    const row = await loadCase(tx, actor, id);
    if (!seesPersonalData(actor, row))
      throw forbidden('调解协议书含当事人身份信息，仅本案调解员、受理单位和法工部可以导出');
    if (row.state !== 'closed' || !AGREED_RESULTS.includes(row.result as CaseResult))
      throw conflict('只有达成调解协议（含部分达成）的案件可以生成调解协议书');
    return detailOf(tx, actor, row);
  });
}

/** The mediators of a unit's subtree with their caseload: open now, closed and agreed this year. */
export async function listMediators(
  actor: Actor,
  query: { orgId?: string | undefined },
): Promise<MediatorList> {
  requireCaseReader(actor);
  return db.readTransaction(async (tx) => {
    const path = query.orgId ? (await loadOrg(tx, actor, query.orgId)).path : actor.scopePath;
    const people = await usersWithPermission(tx, path, 'labor:mediate', undefined, 500);
    if (!people.length) return { items: [] };
    const year = chinaYear(now());
    const t = laborMediationCases;
    const loads = await tx.execute<{ id: string; open: number; closed: number; agreed: number }>(sql`
      select m.id,
        count(*) filter (where ${t.state} = 'open')::int as open,
        count(*) filter (where ${t.state} = 'closed' and ${t.closedOn} >= ${`${year}-01-01`}::date)::int as closed,
        count(*) filter (where ${t.state} = 'closed' and ${t.closedOn} >= ${`${year}-01-01`}::date
          and ${t.result} in ('agreement', 'partial'))::int as agreed
      from unnest(array[${sql.join(
        people.map((p) => sql`${p.id}`),
        sql`, `,
      )}]::uuid[]) as m(id)
      join ${t} on ${t.mediatorIds} @> array[m.id]
      group by m.id`);
    const byId = new Map(loads.map((l) => [l.id, l]));
    return {
      items: people.map((p) => ({
        id: p.id,
        name: p.name,
        org: { id: p.orgId, name: p.orgName },
        open: Number(byId.get(p.id)?.open ?? 0),
        closedThisYear: Number(byId.get(p.id)?.closed ?? 0),
        agreedThisYear: Number(byId.get(p.id)?.agreed ?? 0),
      })),
    };
  });
}
