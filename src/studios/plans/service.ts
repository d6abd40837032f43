// The four-clarity plans of designated studios: the studio's side (studio:apply in its scope) keeps
// a plan per period with its goals, tasks and requirements and the arrangements as milestones; the
// studio's side or its supervisors (studio:manage) report progress. A report that completes a
// milestone after its due day, or comes when the milestone is already past due, is flagged to the
// district above the studio and to the city (notifications), and stays visible on their worklist.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { can, inScope, requireAccess, type Actor, type Permission } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { notify } from '../../platform/notifications';
import { chinaToday, daysBetween } from '../../platform/shared/dates';
import { orgChain } from '../../orgs/service';
import type { StudioRef } from '../register/contract';
import {
  isDesignated,
  loadStudioFor,
  recordStudioEvent,
  studioDistrictPath,
  studioRefs,
} from '../register/studios-service';
import {
  MAX_PLAN_DAYS,
  milestoneStatus,
  type MilestoneDetail,
  type MilestoneReportView,
  type MilestoneView,
  type PlanView,
  type StudioPlansView,
} from './contract';
import type { z } from 'zod';
import type { MilestoneBody, MilestoneEditBody, PlanBody, PlanEditBody, ReportBody } from './contract';
import { studioMilestoneReports, studioMilestones, studioPlans } from './tables';

type PlanRow = typeof studioPlans.$inferSelect;
type MilestoneRow = typeof studioMilestones.$inferSelect;
type ReportRow = typeof studioMilestoneReports.$inferSelect;
type Studio = StudioRef & { orgPath: string };

/** Who keeps a studio's plan: the studio's own side (the applicant's union and the unions above). */
const KEEP: Permission = 'studio:apply';
/** Who reports progress: the studio's side, or those who supervise it. */
const REPORT: readonly Permission[] = ['studio:apply', 'studio:manage'];

/** The page a notification about a studio's plan opens. */
export const planLink = (studioId: string) => `/studios/${studioId}?tab=plan`;

/** The number of days `m` is late on `today` (0 when it is not). */
export function daysLate(m: { dueOn: string; doneOn: string | null }, today: string): number {
  const end = m.doneOn ?? today;
  return end > m.dueOn ? daysBetween(m.dueOn, end) : 0;
}

function presentMilestone(m: MilestoneRow, reports: number, today: string): MilestoneView {
  return {
    id: m.id,
    planId: m.planId,
    studioId: m.studioId,
    title: m.title,
    dueOn: m.dueOn,
    owner: m.owner,
    doneOn: m.doneOn,
    percent: m.progressPercent,
    progressText: m.progressText,
    lastReportedOn: m.lastReportedOn,
    status: milestoneStatus(m, today),
    daysLate: daysLate(m, today),
    reportCount: reports,
    version: m.version,
  };
}

const presentReport = (r: ReportRow, dueOn: string): MilestoneReportView => ({
  id: r.id,
  reportedOn: r.reportedOn,
  percent: r.percent,
  text: r.text,
  done: r.done,
  reporterName: r.reporterName,
  afterDue: r.reportedOn > dueOn,
});

/** Milestones with their reports, in the order of their due days. */
async function milestoneDetails(tx: Db, rows: MilestoneRow[], today: string): Promise<MilestoneDetail[]> {
  const ids = rows.map((m) => m.id);
  const reports = ids.length
    ? await tx
        .select()
        .from(studioMilestoneReports)
        .where(inArray(studioMilestoneReports.milestoneId, ids))
        .orderBy(asc(studioMilestoneReports.reportedOn), asc(studioMilestoneReports.createdAt))
    : [];
  const byMilestone = new Map<string, ReportRow[]>();
  for (const r of reports) byMilestone.set(r.milestoneId, [...(byMilestone.get(r.milestoneId) ?? []), r]);
  return rows.map((m) => {
    const own = byMilestone.get(m.id) ?? [];
    return {
      ...presentMilestone(m, own.length, today),
      reports: own.map((r) => presentReport(r, m.dueOn)),
    };
  });
}

async function presentPlans(tx: Db, plans: PlanRow[], today: string): Promise<PlanView[]> {
  const ids = plans.map((p) => p.id);
  const milestones = ids.length
    ? await tx
        .select()
        .from(studioMilestones)
        .where(inArray(studioMilestones.planId, ids))
        .orderBy(asc(studioMilestones.dueOn), asc(studioMilestones.createdAt))
    : [];
  const details = await milestoneDetails(tx, milestones, today);
  return plans.map((p) => ({
    id: p.id,
    studioId: p.studioId,
    title: p.title,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    goals: p.goals,
    tasks: p.tasks,
    requirements: p.requirements,
    milestones: details.filter((m) => m.planId === p.id),
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

async function planView(tx: Db, plan: PlanRow): Promise<PlanView> {
  return (await presentPlans(tx, [plan], chinaToday(now())))[0]!;
}

async function milestoneDetail(tx: Db, m: MilestoneRow): Promise<MilestoneDetail> {
  return (await milestoneDetails(tx, [m], chinaToday(now())))[0]!;
}

/** Plans, milestones and reports are kept for designated studios only. */
function requireDesignated(studio: { level: string | null; state: string }) {
  if (!isDesignated(studio))
    throw conflict('只有已命名挂牌的劳模创新工作室才能制定计划和报告进度（该工作室尚未命名或已摘牌）');
}

/** The studio of a plan or milestone, checked as loadStudioFor does: 404 outside the scope. */
async function studioOf(
  tx: Db,
  actor: Actor,
  studioId: string,
  what: string,
  permission: Permission | readonly Permission[],
) {
  const studio = (await studioRefs(tx, [studioId])).get(studioId);
  if (!studio || !inScope(actor, studio.orgPath)) throw notFound(what);
  requireAccess(actor, permission, studio.orgPath);
  return studio;
}

async function loadPlan(
  tx: Db,
  actor: Actor,
  planId: string,
  permission: Permission | readonly Permission[],
) {
  requireAccess(actor, permission);
  const [plan] = await tx.select().from(studioPlans).where(eq(studioPlans.id, planId));
  if (!plan) throw notFound('工作室计划');
  return { plan, studio: await studioOf(tx, actor, plan.studioId, '工作室计划', permission) };
}

async function loadMilestone(
  tx: Db,
  actor: Actor,
  milestoneId: string,
  permission: Permission | readonly Permission[],
) {
  requireAccess(actor, permission);
  const [milestone] = await tx.select().from(studioMilestones).where(eq(studioMilestones.id, milestoneId));
  if (!milestone) throw notFound('计划安排');
  const studio = await studioOf(tx, actor, milestone.studioId, '计划安排', permission);
  const [plan] = await tx.select().from(studioPlans).where(eq(studioPlans.id, milestone.planId));
  return { milestone, plan: plan!, studio };
}

/** The period's own rules: it ends on or after it begins, within five years. */
function checkPeriod(input: { periodFrom: string; periodTo: string }) {
  if (input.periodTo < input.periodFrom) throw invalidField('periodTo', '计划期结束日期不能早于开始日期');
  if (daysBetween(input.periodFrom, input.periodTo) > MAX_PLAN_DAYS)
    throw invalidField('periodTo', '计划期不能超过 5 年');
}

function checkDueInPeriod(dueOn: string, plan: Pick<PlanRow, 'periodFrom' | 'periodTo'>) {
  if (dueOn < plan.periodFrom || dueOn > plan.periodTo)
    throw invalidField('dueOn', `完成时限应在计划期 ${plan.periodFrom} 至 ${plan.periodTo} 之内`);
}

/** A studio's plans, the latest period first, with what the reader may do. */
export async function getStudioPlans(actor: Actor, studioId: string): Promise<StudioPlansView> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const row = await loadStudioFor(tx, actor, studioId, 'studio:read');
    const plans = await tx
      .select()
      .from(studioPlans)
      .where(eq(studioPlans.studioId, studioId))
      .orderBy(desc(studioPlans.periodFrom), desc(studioPlans.createdAt));
    const today = chinaToday(now());
    const designated = isDesignated(row);
    return {
      studio: (await studioRefs(tx, [studioId])).get(studioId)!,
      designated,
      mayEdit: designated && can(actor, KEEP),
      mayReport: designated && REPORT.some((p) => can(actor, p)),
      today,
      plans: await presentPlans(tx, plans, today),
    };
  });
}

/** Enters a plan for a designated studio (the studio's own side). */
export async function createPlan(
  actor: Actor,
  studioId: string,
  input: z.output<typeof PlanBody>,
): Promise<PlanView> {
  requireAccess(actor, KEEP);
  return db.transaction(async (tx) => {
    const studio = await loadStudioFor(tx, actor, studioId, KEEP);
    requireDesignated(studio);
    checkPeriod(input);
    const at = now();
    const [plan] = await tx
      .insert(studioPlans)
      .values({ id: newId(), studioId, ...input, createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning();
    await recordStudioEvent(tx, studioId, {
      kind: 'plan',
      actorId: actor.username === 'system' ? null : actor.id,
      orgId: actor.orgId,
      text: `制定计划：${input.title}（${input.periodFrom} 至 ${input.periodTo}）`,
    });
    await audit(tx, actor, {
      action: 'studio.plan.create',
      entity: 'studio_plan',
      entityId: plan!.id,
      orgPath: studio.orgPath,
      after: input,
    });
    return planView(tx, plan!);
  });
}

/** Changes a plan's period and clarities; its milestones must stay inside the period. */
export async function updatePlan(
  actor: Actor,
  planId: string,
  input: z.output<typeof PlanEditBody>,
): Promise<PlanView> {
  return db.transaction(async (tx) => {
    const { plan, studio } = await loadPlan(tx, actor, planId, KEEP);
    requireDesignated(studio);
    if (plan.version !== input.version) throw staleVersion();
    checkPeriod(input);
    const [range] = await tx
      .select({
        first: sql<string | null>`min(${studioMilestones.dueOn})::text`,
        last: sql<string | null>`max(${studioMilestones.dueOn})::text`,
      })
      .from(studioMilestones)
      .where(eq(studioMilestones.planId, planId));
    if (range?.first && range.first < input.periodFrom)
      throw invalidField('periodFrom', `已有安排的完成时限为 ${range.first}，计划期不能晚于该日开始`);
    if (range?.last && range.last > input.periodTo)
      throw invalidField('periodTo', `已有安排的完成时限为 ${range.last}，计划期不能早于该日结束`);
    const { version, ...fields } = input;
    const [after] = await tx
      .update(studioPlans)
      .set({ ...fields, version: version + 1, updatedAt: now() })
      .where(and(eq(studioPlans.id, planId), eq(studioPlans.version, version)))
      .returning();
    if (!after) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.plan.update',
      entity: 'studio_plan',
      entityId: planId,
      orgPath: studio.orgPath,
      before: plan,
      after: fields,
    });
    return planView(tx, after);
  });
}

/** Adds an arrangement (a milestone with its due day and owner) to a plan. */
export async function addMilestone(
  actor: Actor,
  planId: string,
  input: z.output<typeof MilestoneBody>,
): Promise<MilestoneDetail> {
  return db.transaction(async (tx) => {
    const { plan, studio } = await loadPlan(tx, actor, planId, KEEP);
    requireDesignated(studio);
    checkDueInPeriod(input.dueOn, plan);
    const at = now();
    const [row] = await tx
      .insert(studioMilestones)
      .values({
        id: newId(),
        planId,
        studioId: plan.studioId,
        orgPath: studio.orgPath,
        ...input,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await audit(tx, actor, {
      action: 'studio.milestone.create',
      entity: 'studio_milestone',
      entityId: row!.id,
      orgPath: studio.orgPath,
      after: { planId, ...input },
    });
    return milestoneDetail(tx, row!);
  });
}

/** Changes an arrangement; a completed one keeps its due day (its lateness is on record). */
export async function updateMilestone(
  actor: Actor,
  milestoneId: string,
  input: z.output<typeof MilestoneEditBody>,
): Promise<MilestoneDetail> {
  return db.transaction(async (tx) => {
    const { milestone, plan, studio } = await loadMilestone(tx, actor, milestoneId, KEEP);
    requireDesignated(studio);
    if (milestone.version !== input.version) throw staleVersion();
    checkDueInPeriod(input.dueOn, plan);
    if (milestone.doneOn && input.dueOn !== milestone.dueOn) throw conflict('已完成的安排不能再修改完成时限');
    const { version, ...fields } = input;
    const [after] = await tx
      .update(studioMilestones)
      .set({ ...fields, version: version + 1, updatedAt: now() })
      .where(and(eq(studioMilestones.id, milestoneId), eq(studioMilestones.version, version)))
      .returning();
    if (!after) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.milestone.update',
      entity: 'studio_milestone',
      entityId: milestoneId,
      orgPath: studio.orgPath,
      before: { title: milestone.title, dueOn: milestone.dueOn, owner: milestone.owner },
      after: fields,
    });
    return milestoneDetail(tx, after);
  });
}

/** Removes an arrangement entered by mistake: only while nothing has been reported on it. */
export async function deleteMilestone(
  actor: Actor,
  milestoneId: string,
  version: number,
): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const { milestone, studio } = await loadMilestone(tx, actor, milestoneId, KEEP);
    requireDesignated(studio);
    if (milestone.version !== version) throw staleVersion();
    const [reports] = await tx
      .select({ n: count() })
      .from(studioMilestoneReports)
      .where(eq(studioMilestoneReports.milestoneId, milestoneId));
    if (Number(reports?.n ?? 0) > 0) throw conflict('已报告进度的安排不能删除');
    const gone = await tx
      .delete(studioMilestones)
      .where(and(eq(studioMilestones.id, milestoneId), eq(studioMilestones.version, version)))
      .returning({ id: studioMilestones.id });
    if (!gone.length) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.milestone.delete',
      entity: 'studio_milestone',
      entityId: milestoneId,
      orgPath: studio.orgPath,
      before: { title: milestone.title, dueOn: milestone.dueOn, owner: milestone.owner },
    });
    return { ok: true };
  });
}

/** Tells the district above the studio and the city that a milestone is late. */
async function flagLate(tx: Db, studio: Studio, milestone: MilestoneRow, text: string) {
  const chain = await orgChain(tx, studio.orgPath);
  const district = studioDistrictPath(studio.orgPath);
  // chain[0] is the city federation; the district is the path's second step.
  const units = chain.filter((o, i) => i === 0 || o.path === district).map((o) => o.id);
  await notify(tx, {
    orgPath: studio.orgPath,
    link: planLink(milestone.studioId),
    text,
    audience: { permission: 'studio:manage', unitsOf: units },
  });
}

/**
 * Records progress on a milestone (its version as the reporter saw it). Done marks it complete on
 * the report's day; a report after the due day flags it to the district and the city.
 */
export async function reportProgress(
  actor: Actor,
  milestoneId: string,
  input: z.output<typeof ReportBody>,
): Promise<MilestoneDetail> {
  return db.transaction(async (tx) => {
    const { milestone, plan, studio } = await loadMilestone(tx, actor, milestoneId, REPORT);
    requireDesignated(studio);
    if (milestone.version !== input.version) throw staleVersion();
    if (milestone.doneOn) throw conflict(`该安排已于 ${milestone.doneOn} 完成，不能再报告进度`);
    const today = chinaToday(now());
    if (input.reportedOn > today) throw invalidField('reportedOn', '报告日期不能晚于今天');
    if (input.reportedOn < plan.periodFrom)
      throw invalidField('reportedOn', `报告日期不能早于计划期开始日期 ${plan.periodFrom}`);
    if (milestone.lastReportedOn && input.reportedOn < milestone.lastReportedOn)
      throw invalidField('reportedOn', `报告日期不能早于上次报告的日期 ${milestone.lastReportedOn}`);
    if (input.done && input.percent !== 100)
      throw invalidField('percent', '标记为已完成时，完成进度应为 100');
    await tx.insert(studioMilestoneReports).values({
      id: newId(),
      milestoneId,
      reportedOn: input.reportedOn,
      percent: input.percent,
      text: input.text,
      done: input.done,
      reportedBy: actor.username === 'system' ? null : actor.id,
      reporterName: actor.displayName,
    });
    const [after] = await tx
      .update(studioMilestones)
      .set({
        progressPercent: input.percent,
        progressText: input.text,
        lastReportedOn: input.reportedOn,
        doneOn: input.done ? input.reportedOn : null,
        version: milestone.version + 1,
        updatedAt: now(),
      })
      .where(and(eq(studioMilestones.id, milestoneId), eq(studioMilestones.version, milestone.version)))
      .returning();
    if (!after) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.milestone.report',
      entity: 'studio_milestone',
      entityId: milestoneId,
      orgPath: studio.orgPath,
      before: { percent: milestone.progressPercent, doneOn: milestone.doneOn },
      after: { reportedOn: input.reportedOn, percent: input.percent, done: input.done, text: input.text },
    });
    // Done on time though reported later is not late; open past the due day is.
    const late = input.done ? input.reportedOn > milestone.dueOn : today > milestone.dueOn;
    if (late) {
      const days = daysBetween(milestone.dueOn, input.done ? input.reportedOn : today);
      await flagLate(
        tx,
        studio,
        after,
        input.done
          ? `${studio.name}的计划安排“${milestone.title}”逾期 ${days} 天完成（完成时限 ${milestone.dueOn}，${input.reportedOn} 完成）`
          : `${studio.name}的计划安排“${milestone.title}”已逾期 ${days} 天（完成时限 ${milestone.dueOn}），最新进度 ${input.percent}%`,
      );
    }
    return milestoneDetail(tx, after);
  });
}
