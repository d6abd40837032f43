// Risk reports of the early-warning system: a grassroots or township union (or anyone with
// `labor:report`) reports a risk at an enterprise of its scope, or one named by hand; the rule in
// force grades it, with its reasons; the reporter may raise the grade with a reason, never lower
// it; the report keeps the grade and the rule version it was given.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from '../platform/access';
import { now } from '../platform/clock';
import { chinaMonthStart, chinaToday, shiftMonth } from '../platform/shared/dates';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { loadOrg, orgNamesByPath, orgRefs } from '../orgs/service';
import { partOfName } from '../platform/search';
import type { SizeBand } from '../enterprises/contract';
import { userRefs } from '../orgs/users-service';
import { enterpriseRefs } from '../enterprises/service';
import {
  GRADE_LABELS,
  GRADES,
  gradeOf,
  NO_INDUSTRY,
  graver,
  OPEN_STATES,
  ReportBody,
  ReportQuery,
  type EventKind,
  type Grade,
  type Partner,
  type ReportDetail,
  type ReportPage,
  type ReportState,
  type ReportView,
  type RiskKind,
} from './contract';
import { ruleInForce } from './rules';
import { actionsFor, mayAttach, mayLinkEnterprise, type ReportRow } from './report-access';
import { attachmentsOf } from './attachments';
import { laborReportEvents, laborReportMonths, laborReportProfiles, laborReports } from './tables';
import { PROFILE_DEPTH, refreshReportSummary } from './summary';
import {
  ackHours,
  escalateOverdue,
  notifyAwaiting,
  recordEvent,
  syncRiskMark,
  unitAbove,
} from './escalation';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function present(tx: Db, rows: ReportRow[]): Promise<ReportView[]> {
  const units = await orgNamesByPath(
    tx,
    rows.map((r) => r.orgPath),
  );
  const firms = await enterpriseRefs(
    tx,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  const reporting = await orgRefs(
    tx,
    rows.flatMap((r) => [r.reportingOrgId, r.awaitingOrgId ?? [], r.handlingOrgId ?? []].flat()),
  );
  const ref = (id: string | null) => (id ? { id, name: reporting.get(id)?.name ?? '' } : null);
  const at = now();
  const people = await userRefs(tx, [...new Set(rows.map((r) => r.reporterId))]);
  return rows.map((r) => {
    const e = r.enterpriseId ? firms.get(r.enterpriseId) : undefined;
    return {
      id: r.id,
      enterprise: {
        id: r.enterpriseId,
        name: e?.name ?? r.enterpriseName,
        registered: r.enterpriseId !== null,
      },
      orgName: e?.orgName ?? units.get(r.orgPath) ?? '',
      reportingOrg: { id: r.reportingOrgId, name: reporting.get(r.reportingOrgId)?.name ?? '' },
      reporter: { id: r.reporterId, name: people.get(r.reporterId)?.name ?? '' },
      kinds: r.kinds as RiskKind[],
      workers: r.workers,
      amountFen: r.amountFen,
      months: r.months,
      occurredOn: r.occurredOn,
      description: r.description,
      computedGrade: r.computedGrade as Grade,
      grade: r.grade as Grade,
      gradeReasons: r.gradeReasons,
      raiseReason: r.raiseReason,
      ruleVersion: r.ruleVersion,
      state: r.state as ReportState,
      reportedAt: r.reportedAt.toISOString(),
      industry: r.industry,
      sizeBand: r.sizeBand as SizeBand | null,
      awaitingOrg: r.state === 'reported' ? ref(r.awaitingOrgId) : null,
      dueAt: r.state === 'reported' ? iso(r.dueAt) : null,
      overdue: r.state === 'reported' && (r.overdueAt !== null || (r.dueAt !== null && r.dueAt <= at)),
      overdueAt: iso(r.overdueAt),
      escalations: r.escalations,
      acknowledgedAt: iso(r.acknowledgedAt),
      handlingOrg: ref(r.handlingOrgId),
      resolvedAt: iso(r.resolvedAt),
      closedAt: iso(r.closedAt),
      outcome: r.outcome ?? null,
      followUpDue: r.followUpDue,
      followedUpAt: iso(r.followedUpAt),
      reopened: r.reopened,
      version: r.version,
    };
  });
}

/** Reports a risk; the rule in force grades it. */
export async function createReport(
  actor: Actor,
  input: ReturnType<typeof ReportBody.parse>,
): Promise<ReportView> {
  requireAccess(actor, 'labor:report');
  return db.transaction(async (tx) => {
    let orgPath = actor.scopePath;
    let enterpriseName = input.enterpriseName ?? '';
    let profile: { industry: string | null; sizeBand: SizeBand | null } = { industry: null, sizeBand: null };
    if (input.enterpriseId) {
      const e = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
      // Outside the scope it answers as a record that does not exist.
      if (!e || !e.orgPath.startsWith(actor.scopePath)) throw notFound('企业');
      orgPath = e.orgPath;
      enterpriseName = e.name;
      profile = { industry: e.industry, sizeBand: e.sizeBand };
    }
    const { rule, version } = await ruleInForce(tx);
    const computed = gradeOf(rule, {
      kinds: input.kinds,
      workers: input.workers,
      months: input.months ?? null,
      amountFen: input.amountFen ?? null,
    });
    const raised = input.raisedGrade ?? null;
    if (raised && raised !== computed.grade && !graver(raised, computed.grade))
      throw invalidField(
        'raisedGrade',
        `按标准应为${GRADE_LABELS[computed.grade]}预警，只能提高、不能降低等级`,
      );
    const grade = raised && graver(raised, computed.grade) ? raised : computed.grade;
    const at = now();
    // The unit above the reporter acknowledges; at the top, the reporter's own unit.
    const reportingOrg = (await orgRefs(tx, [actor.orgId])).get(actor.orgId);
    const awaiting =
      (await unitAbove(tx, actor.scopePath)) ??
      (reportingOrg ? { ...reportingOrg, path: reportingOrg.path } : null);
    const dueAt = awaiting ? new Date(at.getTime() + ackHours(rule, grade, awaiting.kind) * 3600_000) : null;
    const [row] = await tx
      .insert(laborReports)
      .values({
        id: newId(),
        enterpriseId: input.enterpriseId ?? null,
        enterpriseName,
        ...profile,
        orgPath,
        reportingOrgId: actor.orgId,
        reporterId: actor.id,
        kinds: [...new Set(input.kinds)],
        workers: input.workers,
        amountFen: input.amountFen ?? null,
        months: input.months ?? null,
        occurredOn: input.occurredOn,
        description: input.description,
        computedGrade: computed.grade,
        grade,
        gradeReasons: computed.reasons,
        raiseReason: grade !== computed.grade ? input.raiseReason : null,
        ruleVersion: version,
        state: 'reported',
        gravity: GRADES.indexOf(grade),
        reportedAt: at,
        awaitingOrgId: awaiting?.id ?? null,
        dueAt,
        ackPath: awaiting?.path ?? orgPath,
      })
      .returning();
    await recordEvent(tx, row!.id, {
      kind: 'reported',
      at,
      actorId: actor.id,
      orgId: actor.orgId,
      text: `${reportingOrg?.name ?? ''}上报${GRADE_LABELS[grade]}预警${awaiting ? `，由${awaiting.name}签收` : ''}`,
    });
    if (awaiting && dueAt) await notifyAwaiting(tx, row!, awaiting, dueAt, `${reportingOrg?.name ?? ''}上报`);
    await syncRiskMark(tx, row!.enterpriseId);
    await refreshReportSummary(tx, [orgPath]);
    await audit(tx, actor, {
      action: 'labor.report',
      entity: 'laborReport',
      entityId: row!.id,
      orgPath,
      after: row,
    });
    return (await present(tx, [row!]))[0]!;
  });
}

/** A report of the actor's scope with its trail and what the actor may do with it. */
export async function getReport(actor: Actor, id: string): Promise<ReportDetail> {
  requireAccess(actor, 'labor:report');
  await escalateOverdue();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(laborReports).where(eq(laborReports.id, id));
    if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
    return detailOf(tx, actor, row);
  });
}

export async function detailOf(tx: Db, actor: Actor, row: ReportRow): Promise<ReportDetail> {
  const events = await tx
    .select()
    .from(laborReportEvents)
    .where(eq(laborReportEvents.reportId, row.id))
    .orderBy(asc(laborReportEvents.at), asc(laborReportEvents.id));
  const people = await userRefs(tx, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  const units = await orgRefs(
    tx,
    events.flatMap((e) => (e.orgId ? [e.orgId] : [])),
  );
  return {
    ...(await present(tx, [row]))[0]!,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind as EventKind,
      actor: e.actorId ? { id: e.actorId, name: people.get(e.actorId)?.name ?? '' } : null,
      org: e.orgId ? { id: e.orgId, name: units.get(e.orgId)?.name ?? '' } : null,
      text: e.text,
      partner: e.partner as Partner | null,
    })),
    actions: actionsFor(actor, row),
    mayLinkEnterprise: mayLinkEnterprise(actor, row),
    attachments: await attachmentsOf(tx, row.id),
    mayAttach: mayAttach(actor, row),
    asOf: now().toISOString(),
  };
}

/** The reports of the actor's scope, the gravest first, then the latest. */
export async function listReports(
  actor: Actor,
  query: ReturnType<typeof ReportQuery.parse>,
): Promise<ReportPage> {
  requireAccess(actor, 'labor:report');
  await escalateOverdue();
  return db.readTransaction(async (tx) => {
    const t = laborReports;
    const where: SQL[] = [scopeFilter(actor, t.orgPath)];
    let scopePath = actor.scopePath;
    if (query.orgId) {
      scopePath = (await loadOrg(tx, actor, query.orgId)).path;
      where.push(sql`${t.orgPath} like ${scopePath + '%'}`);
    }
    if (query.grade) where.push(eq(t.grade, query.grade));
    if (query.state) where.push(eq(t.state, query.state));
    if (query.kind) where.push(sql`${query.kind} = any(${t.kinds})`);
    if (query.q) where.push(partOfName(t.namePairs, t.enterpriseName, query.q));
    if (query.due) where.push(dueCondition(actor, query.due));
    if (query.industry)
      where.push(query.industry === NO_INDUSTRY ? isNull(t.industry) : eq(t.industry, query.industry));
    if (query.sizeBand)
      where.push(query.sizeBand === 'unknown' ? isNull(t.sizeBand) : eq(t.sizeBand, query.sizeBand));
    if (query.from) where.push(gte(t.reportedAt, chinaMonthStart(query.from)));
    if (query.to) where.push(lt(t.reportedAt, chinaMonthStart(shiftMonth(query.to, 1))));
    const condition = and(...where);
    const total = await totalOf(tx, actor, query, scopePath, condition);
    const rows = await tx
      .select()
      .from(t)
      .where(condition)
      // As labor_reports_order_idx stores them, so that a page is read in order, not sorted.
      .orderBy(asc(t.gravity), sql`${t.reportedAt} desc nulls last`, asc(t.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await present(tx, rows), total, asOf: now().toISOString() };
  });
}

/**
 * How many reports the list holds. Filtered by no more than the unit, the months and one of the
 * grade, industry or size band — as the analysis' counts open them — the summary says it (the
 * profiles only down to a unit under the city); otherwise the reports are counted.
 */
async function totalOf(
  tx: Db,
  actor: Actor,
  query: ReturnType<typeof ReportQuery.parse>,
  scopePath: string,
  condition: SQL | undefined,
): Promise<number> {
  const plain = !query.state && !query.kind && !query.q && !query.due;
  const sum = async (table: typeof laborReportMonths | typeof laborReportProfiles, where: SQL[]) => {
    const [row] = await tx
      .select({ n: sql<number>`coalesce(sum(${table.n}), 0)::int` })
      .from(table)
      .where(
        and(
          scopeFilter(actor, table.orgPath),
          sql`${table.orgPath} like ${scopePath + '%'}`,
          query.from ? gte(table.month, query.from) : undefined,
          query.to ? lte(table.month, query.to) : undefined,
          ...where,
        ),
      );
    return Number(row?.n ?? 0);
  };
  if (plain && !query.industry && !query.sizeBand)
    return sum(laborReportMonths, query.grade ? [eq(laborReportMonths.grade, query.grade)] : []);
  const depth = scopePath.split('/').filter(Boolean).length;
  if (plain && !query.grade && !(query.industry && query.sizeBand) && depth <= PROFILE_DEPTH) {
    const p = laborReportProfiles;
    return sum(
      p,
      query.industry
        ? [eq(p.dimension, 'industry'), eq(p.value, query.industry === NO_INDUSTRY ? '' : query.industry)]
        : [eq(p.dimension, 'size'), eq(p.value, query.sizeBand === 'unknown' ? '' : query.sizeBand!)],
    );
  }
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(laborReports)
    .where(condition);
  return Number(row?.n ?? 0);
}

/** The reports that wait, as the home page counts them. */
export function dueCondition(actor: Actor, due: 'awaitingMe' | 'overdue' | 'followUp'): SQL {
  const t = laborReports;
  switch (due) {
    case 'awaitingMe':
      return and(eq(t.state, 'reported'), eq(t.awaitingOrgId, actor.orgId))!;
    case 'overdue':
      return and(eq(t.state, 'reported'), or(isNotNull(t.overdueAt), lte(t.dueAt, now())))!;
    case 'followUp':
      return and(eq(t.state, 'closed'), lte(t.followUpDue, chinaToday(now())))!;
  }
}

/** Reports still being dealt with (before 销号). */
export const openCondition = () => inArray(laborReports.state, [...OPEN_STATES]);
