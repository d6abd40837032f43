// Escalation of risk reports up the tree (DOMAIN §4): a new report waits for the unit above the
// reporter to acknowledge it within the hours the rule gives its grade at that unit's level; a
// report not acknowledged in time is marked overdue and climbs to the next unit, with a new
// deadline, notifications to both units and an entry in its trail, until the city federation.
// Time is read from the platform's one clock, so that tests can move it.
import { and, asc, eq, lte, ne, or, sql } from 'drizzle-orm';
import { now } from '../platform/clock';
import { db, type Db } from '../platform/db/client';
import { newId } from '../platform/ids';
import { notify } from '../platform/notifications';
import { chinaDay, chinaMinute } from '../platform/shared/dates';
import type { OrgKind } from '../orgs/contract';
import { orgChain, orgRefs } from '../orgs/service';
import { setRiskMark } from '../enterprises/service';
import {
  GRADE_LABELS,
  hoursText,
  RISK_KIND_LABELS,
  type AckLevel,
  type EventKind,
  type Grade,
  type GradingRule,
  type Partner,
  type RiskKind,
} from './contract';
import { ruleInForce } from './rules';
import { laborReportEvents, laborReports } from './tables';

type ReportRow = typeof laborReports.$inferSelect;
export type Unit = { id: string; name: string; kind: OrgKind; path: string };

export const ackLevel = (kind: OrgKind): AckLevel =>
  kind === 'cityFederation' ? 'city' : kind === 'districtFederation' ? 'district' : 'township';

/** The hours a unit of `kind` has to acknowledge a report of `grade`. */
export const ackHours = (rule: GradingRule, grade: Grade, kind: OrgKind) =>
  rule.deadlines[grade][ackLevel(kind)];

/** The unit above the unit at `path`, or null at the root. */
export async function unitAbove(tx: Db, path: string): Promise<Unit | null> {
  const chain = await orgChain(tx, path);
  return chain.length >= 2 ? chain[chain.length - 2]! : null;
}

/** The page a notification of a report opens. */
export const reportLink = (id: string) => `/labor?report=${id}`;

/** 某公司（欠薪，80 人） */
export const reportTitle = (r: Pick<ReportRow, 'enterpriseName' | 'kinds' | 'workers'>) =>
  `${r.enterpriseName}（${r.kinds.map((k) => RISK_KIND_LABELS[k as RiskKind]).join('、')}，${r.workers} 人）`;

/** Adds an entry to a report's trail. */
export async function recordEvent(
  tx: Db,
  reportId: string,
  event: {
    kind: EventKind;
    at: Date;
    actorId: string | null;
    orgId: string | null;
    text: string;
    partner?: Partner;
  },
): Promise<void> {
  await tx.insert(laborReportEvents).values({
    id: newId(),
    reportId,
    at: event.at,
    kind: event.kind,
    actorId: event.actorId,
    orgId: event.orgId,
    text: event.text,
    partner: event.partner ?? null,
  });
}

/** Tells the handlers (labor:handle) of `unit` that a report waits for them, with the deadline. */
export async function notifyAwaiting(
  tx: Db,
  row: Pick<ReportRow, 'id' | 'orgPath' | 'enterpriseName' | 'kinds' | 'workers' | 'grade'>,
  unit: Unit,
  dueAt: Date,
  lead: string,
): Promise<void> {
  await notify(tx, {
    orgPath: row.orgPath,
    link: reportLink(row.id),
    text: `${lead}${GRADE_LABELS[row.grade as Grade]}预警：${reportTitle(row)}，请于 ${chinaMinute(dueAt)} 前签收`,
    audience: { permission: 'labor:handle', unitsOf: [unit.id] },
  });
}

/** The condition of reports whose deadline passed and that have not yet been dealt with for it. */
function missed(at: Date) {
  const t = laborReports;
  return and(
    eq(t.state, 'reported'),
    lte(t.dueAt, at),
    // At the top a report is marked overdue once; below, each new deadline counts again.
    or(sql`${t.overdueAt} is null`, sql`${t.dueAt} > ${t.overdueAt}`),
  );
}

/**
 * Marks every report past its deadline overdue and moves it to the unit above, with a new
 * deadline; at the city federation it stays, marked. Returns the reports escalated or marked.
 * Runs hourly with the housekeeping and before the reports are read.
 */
export async function escalateOverdue(): Promise<number> {
  const at = now();
  // Nothing due: one indexed look, no write.
  const [any] = await db.transaction((tx) =>
    tx.select({ id: laborReports.id }).from(laborReports).where(missed(at)).limit(1),
  );
  if (!any) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(laborReports)
      .where(missed(at))
      .orderBy(asc(laborReports.dueAt))
      .for('update');
    if (!rows.length) return 0;
    const { rule } = await ruleInForce(tx);
    for (const row of rows) await escalate(tx, row, rule, at);
    return rows.length;
  });
}

async function escalate(tx: Db, row: ReportRow, rule: GradingRule, at: Date): Promise<void> {
  const late = row.awaitingOrgId
    ? (await orgRefs(tx, [row.awaitingOrgId])).get(row.awaitingOrgId)
    : undefined;
  const lateName = late?.name ?? '上级工会';
  const above = late ? await unitAbove(tx, late.path) : null;
  const due = chinaMinute(row.dueAt!);
  if (!above) {
    await tx
      .update(laborReports)
      .set({ overdueAt: row.overdueAt ?? at, updatedAt: at })
      .where(eq(laborReports.id, row.id));
    await recordEvent(tx, row.id, {
      kind: 'overdue',
      at,
      actorId: null,
      orgId: late?.id ?? null,
      text: `${lateName}未在时限（${due}）内签收，已标记为超时`,
    });
    return;
  }
  const hours = ackHours(rule, row.grade as Grade, above.kind);
  const dueAt = new Date(at.getTime() + hours * 3600_000);
  await tx
    .update(laborReports)
    .set({
      awaitingOrgId: above.id,
      dueAt,
      overdueAt: row.overdueAt ?? at,
      escalations: row.escalations + 1,
      updatedAt: at,
    })
    .where(eq(laborReports.id, row.id));
  await recordEvent(tx, row.id, {
    kind: 'escalated',
    at,
    actorId: null,
    orgId: above.id,
    text: `${lateName}未在时限（${due}）内签收，已自动上报${above.name}，签收时限 ${hoursText(hours)}（${chinaMinute(dueAt)} 前）`,
  });
  await notifyAwaiting(tx, row, above, dueAt, `${lateName}超时未签收，现上报`);
  if (late)
    await notify(tx, {
      orgPath: row.orgPath,
      link: reportLink(row.id),
      text: `${reportTitle(row)}未在 ${due} 前签收，已超时并自动上报${above.name}`,
      audience: { permission: 'labor:handle', unitsOf: [late.id] },
    });
}

/**
 * Marks the report's enterprise in the registry while any of its reports is not yet confirmed by
 * a follow-up (since the day of the earliest), and clears the mark after the last is: the three
 * categories count it as category 2.
 */
export async function syncRiskMark(tx: Db, enterpriseId: string | null): Promise<void> {
  if (!enterpriseId) return;
  const [row] = await tx
    .select({ since: sql<Date | string | null>`min(${laborReports.reportedAt})` })
    .from(laborReports)
    .where(and(eq(laborReports.enterpriseId, enterpriseId), ne(laborReports.state, 'followedUp')));
  await setRiskMark(tx, enterpriseId, row?.since ? chinaDay(new Date(row.since)) : null);
}
