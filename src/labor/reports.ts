// Risk reports of the early-warning system: a grassroots or township union (or anyone with
// `labor:report`) reports a risk at an enterprise of its scope, or one named by hand; the rule in
// force grades it, with its reasons; the reporter may raise the grade with a reason, never lower
// it; the report keeps the grade and the rule version it was given.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { requireAccess, scopeFilter, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { invalidField, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { likeText, loadOrg, orgNamesByPath, orgRefs } from '../orgs/service';
import { userRefs } from '../orgs/users-service';
import { enterpriseRefs } from '../enterprises/service';
import {
  GRADE_LABELS,
  gradeOf,
  graver,
  ReportBody,
  ReportQuery,
  type Grade,
  type ReportPage,
  type ReportState,
  type ReportView,
  type RiskKind,
} from './contract';
import { ruleInForce } from './rules';
import { laborReports } from './tables';

type ReportRow = typeof laborReports.$inferSelect;

async function present(tx: Db, rows: ReportRow[]): Promise<ReportView[]> {
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
    rows.map((r) => r.reportingOrgId),
  );
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
    if (input.enterpriseId) {
      const e = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
      // Outside the scope it answers as a record that does not exist.
      if (!e || !e.orgPath.startsWith(actor.scopePath)) throw notFound('企业');
      orgPath = e.orgPath;
      enterpriseName = e.name;
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
    const [row] = await tx
      .insert(laborReports)
      .values({
        id: newId(),
        enterpriseId: input.enterpriseId ?? null,
        enterpriseName,
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
        reportedAt: new Date(),
      })
      .returning();
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

export async function getReport(actor: Actor, id: string): Promise<ReportView> {
  requireAccess(actor, 'labor:report');
  return db.readTransaction(async (tx) => {
    const [row] = await tx.select().from(laborReports).where(eq(laborReports.id, id));
    if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
    return (await present(tx, [row]))[0]!;
  });
}

/** The reports of the actor's scope, the gravest first, then the latest. */
export async function listReports(
  actor: Actor,
  query: ReturnType<typeof ReportQuery.parse>,
): Promise<ReportPage> {
  requireAccess(actor, 'labor:report');
  return db.readTransaction(async (tx) => {
    const t = laborReports;
    const where: SQL[] = [scopeFilter(actor, t.orgPath)];
    if (query.orgId) {
      const org = await loadOrg(tx, actor, query.orgId);
      where.push(sql`${t.orgPath} like ${org.path + '%'}`);
    }
    if (query.grade) where.push(eq(t.grade, query.grade));
    if (query.state) where.push(eq(t.state, query.state));
    if (query.kind) where.push(sql`${query.kind} = any(${t.kinds})`);
    if (query.q) where.push(sql`${t.enterpriseName} like ${`%${likeText(query.q)}%`}`);
    const condition = and(...where);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(t)
      .where(condition);
    const gravity = sql`case ${t.grade} when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`;
    const rows = await tx
      .select()
      .from(t)
      .where(condition)
      .orderBy(asc(gravity), desc(t.reportedAt), asc(t.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await present(tx, rows), total: Number(total?.n ?? 0) };
  });
}
