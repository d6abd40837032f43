// The milestones of the designated studios in the reader's scope, for districts and the city:
// late ones (past due and open), due within 30 days, done late, or all, by unit, studio and year.
// Every condition on lateness is read from the days against China's today at the time of asking.
import { and, asc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { addDays, chinaToday } from '../../platform/shared/dates';
import { loadOrg, orgNamesByPath } from '../../orgs/service';
import { ofDesignatedStudio, studioDistrictPath, studioRefs } from '../register/studios-service';
import {
  DUE_SOON_DAYS,
  milestoneStatus,
  type MilestoneDue,
  type MilestoneFilter,
  type MilestonePage,
  type MilestoneQuery,
  type MilestoneRow,
} from './contract';
import { daysLate } from './service';
import { studioMilestoneReports, studioMilestones, studioPlans } from './tables';

const m = studioMilestones;

/** SQL: the milestone is in the `due` state on `today`. */
export function dueCondition(due: MilestoneDue, today: string): SQL | undefined {
  switch (due) {
    case 'late':
      return and(sql`${m.doneOn} is null`, lt(m.dueOn, today));
    case 'soon':
      return and(sql`${m.doneOn} is null`, gte(m.dueOn, today), lte(m.dueOn, addDays(today, DUE_SOON_DAYS)));
    case 'pending':
      return and(sql`${m.doneOn} is null`, lte(m.dueOn, addDays(today, DUE_SOON_DAYS)));
    case 'doneLate':
      return sql`${m.doneOn} > ${m.dueOn}`;
    case 'all':
      return undefined;
  }
}

/** The worklist's conditions within the actor's scope (404 for a unit outside it). */
export async function worklistCondition(
  tx: Db,
  actor: Actor,
  query: z.output<typeof MilestoneFilter>,
  today: string,
): Promise<SQL> {
  const where: (SQL | undefined)[] = [scopeFilter(actor, m.orgPath), ofDesignatedStudio(m.studioId)];
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId, '地区');
    where.push(sql`${m.orgPath} like ${org.path + '%'}`);
  }
  if (query.studioId) where.push(eq(m.studioId, query.studioId));
  if (query.year !== undefined)
    where.push(gte(m.dueOn, `${query.year}-01-01`), lte(m.dueOn, `${query.year}-12-31`));
  where.push(dueCondition(query.due, today));
  return and(...where)!;
}

async function presentRows(tx: Db, rows: (typeof m.$inferSelect)[], today: string): Promise<MilestoneRow[]> {
  const studios = await studioRefs(
    tx,
    rows.map((r) => r.studioId),
  );
  const planIds = [...new Set(rows.map((r) => r.planId))];
  const plans = planIds.length
    ? await tx
        .select({ id: studioPlans.id, title: studioPlans.title })
        .from(studioPlans)
        .where(inArray(studioPlans.id, planIds))
    : [];
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await tx
        .select({ id: studioMilestoneReports.milestoneId, n: sql<number>`count(*)::int` })
        .from(studioMilestoneReports)
        .where(inArray(studioMilestoneReports.milestoneId, ids))
        .groupBy(studioMilestoneReports.milestoneId)
    : [];
  const reports = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const districts = rows.flatMap((r) => studioDistrictPath(r.orgPath) ?? []);
  const names = await orgNamesByPath(tx, [...rows.map((r) => r.orgPath), ...districts]);
  return rows.map((r) => {
    const studio = studios.get(r.studioId)!;
    const district = studioDistrictPath(r.orgPath);
    return {
      id: r.id,
      planId: r.planId,
      studioId: r.studioId,
      title: r.title,
      dueOn: r.dueOn,
      owner: r.owner,
      doneOn: r.doneOn,
      percent: r.progressPercent,
      progressText: r.progressText,
      lastReportedOn: r.lastReportedOn,
      status: milestoneStatus(r, today),
      daysLate: daysLate(r, today),
      reportCount: reports.get(r.id) ?? 0,
      version: r.version,
      studio: {
        id: studio.id,
        name: studio.name,
        hostUnitName: studio.hostUnitName,
        level: studio.level,
        state: studio.state,
      },
      planTitle: titles.get(r.planId) ?? '',
      orgName: names.get(r.orgPath) ?? '',
      district: district ? (names.get(district) ?? '') : '市本级',
    };
  });
}

/** The milestones of the reader's scope: open ones first by due day, then the done ones. */
export async function listMilestones(
  actor: Actor,
  query: z.output<typeof MilestoneQuery>,
): Promise<MilestonePage> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const today = chinaToday(now());
    const condition = await worklistCondition(tx, actor, query, today);
    const [total] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(m)
      .where(condition);
    const rows = await tx
      .select()
      .from(m)
      .where(condition)
      .orderBy(sql`(${m.doneOn} is not null)`, asc(m.dueOn), asc(m.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    return { items: await presentRows(tx, rows, today), total: Number(total?.n ?? 0), today };
  });
}
