// Handling of a risk report after it is reported (DOMAIN §4): the unit above acknowledges it
// (签收), logs what it coordinates with labour inspection, the human resources and social
// security bureau, letters and visits or the courts (the first entry starts the handling),
// records it resolved, closes it (销号) with the outcome, and — after the days the rule sets — a
// follow-up visit (回访) either confirms it or finds the problem back and reopens it. Each step
// checks the version the user saw, enters the trail, is audited and tells the reporting unit.
import { eq } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { now } from '../platform/clock';
import { db, type Db } from '../platform/db/client';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../platform/errors';
import { notify } from '../platform/notifications';
import { addDays, chinaDay } from '../platform/shared/dates';
import { orgRefs } from '../orgs/service';
import { enterpriseRefs } from '../enterprises/service';
import {
  amountText,
  PARTNER_LABELS,
  REPORT_STATE_LABELS,
  type AcknowledgeBody,
  type CloseBody,
  type CoordinationBody,
  type EventKind,
  type FollowUpBody,
  type LinkEnterpriseBody,
  type Partner,
  type ReportAction,
  type ReportDetail,
  type ReportState,
  type ResolveBody,
} from './contract';
import { recordEvent, reportLink, reportTitle, syncRiskMark } from './escalation';
import { detailOf } from './reports';
import { ACTION_STATES, mayAct, mayLinkEnterprise, type ReportRow } from './report-access';
import { ruleInForce } from './rules';
import { refreshReportSummary } from './summary';
import { laborReports } from './tables';

type Parsed<T> = T & { version: number };

const ACTION_LABELS: Record<ReportAction, string> = {
  acknowledge: '签收',
  coordinate: '登记协调处置',
  resolve: '登记化解',
  close: '销号',
  followUp: '登记回访',
};

/**
 * Loads the report for `action` under a lock: 404 outside the actor's scope, 403 for someone who
 * may not act on it, 409 when its state does not allow the action or the version is stale.
 */
async function loadFor(tx: Db, actor: Actor, id: string, action: ReportAction, version: number) {
  requireAccess(actor, action === 'followUp' ? 'labor:report' : 'labor:handle');
  const [row] = await tx.select().from(laborReports).where(eq(laborReports.id, id)).for('update');
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
  if (!ACTION_STATES[action].includes(row.state as ReportState))
    throw conflict(
      `风险报告当前为“${REPORT_STATE_LABELS[row.state as ReportState]}”，不能${ACTION_LABELS[action]}`,
    );
  if (!mayAct(actor, row, action))
    throw forbidden(
      action === 'followUp' ? '回访由处置单位或上报单位登记' : '风险报告由上报单位的上级工会签收和处置',
    );
  if (row.version !== version) throw staleVersion();
  return row;
}

/** Writes the change, its trail entry, the audit and a notice to the reporting unit. */
async function move(
  tx: Db,
  actor: Actor,
  row: ReportRow,
  values: Partial<typeof laborReports.$inferInsert>,
  event: { kind: EventKind; text: string; partner?: Partner },
  notice: string | null,
): Promise<ReportDetail> {
  const at = now();
  const [updated] = await tx
    .update(laborReports)
    .set({ ...values, version: row.version + 1, updatedAt: at })
    .where(eq(laborReports.id, row.id))
    .returning();
  await recordEvent(tx, row.id, {
    kind: event.kind,
    at,
    actorId: actor.id,
    orgId: actor.orgId,
    text: event.text,
    ...(event.partner ? { partner: event.partner } : {}),
  });
  await audit(tx, actor, {
    action: `labor.${event.kind}`,
    entity: 'laborReport',
    entityId: row.id,
    orgPath: row.orgPath,
    before: row,
    after: updated,
  });
  if (notice && actor.orgId !== row.reportingOrgId)
    await notify(tx, {
      orgPath: row.orgPath,
      link: reportLink(row.id),
      text: `${reportTitle(row)}${notice}`,
      audience: { permission: 'labor:report', unitsOf: [row.reportingOrgId] },
    });
  if (row.state !== updated!.state || row.enterpriseId !== updated!.enterpriseId) {
    await syncRiskMark(tx, row.enterpriseId);
    if (updated!.enterpriseId !== row.enterpriseId) await syncRiskMark(tx, updated!.enterpriseId);
    await refreshReportSummary(tx, [row.orgPath, updated!.orgPath]);
  }
  return detailOf(tx, actor, updated!);
}

const unitName = async (tx: Db, actor: Actor) =>
  (await orgRefs(tx, [actor.orgId])).get(actor.orgId)?.name ?? actor.displayName;

/** Acknowledges a report (签收): the unit acknowledging handles it from now on. */
export async function acknowledgeReport(
  actor: Actor,
  id: string,
  input: Parsed<Omit<AcknowledgeBody, 'version'>>,
): Promise<ReportDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'acknowledge', input.version);
    const at = now();
    const unit = await unitName(tx, actor);
    const late = row.overdueAt !== null || (row.dueAt !== null && row.dueAt <= at);
    return move(
      tx,
      actor,
      row,
      { state: 'acknowledged', acknowledgedAt: at, handlingOrgId: actor.orgId, awaitingOrgId: null },
      {
        kind: 'acknowledged',
        text: `${unit}签收${late ? '（已超时）' : ''}${input.note ? `：${input.note}` : ''}`,
      },
      `已由${unit}签收`,
    );
  });
}

/** Logs a coordination step; the first one moves an acknowledged report to handling. */
export async function coordinateReport(
  actor: Actor,
  id: string,
  input: Parsed<Omit<CoordinationBody, 'version'>>,
): Promise<ReportDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'coordinate', input.version);
    const partner = input.partnerName || PARTNER_LABELS[input.partner];
    return move(
      tx,
      actor,
      row,
      row.state === 'acknowledged' ? { state: 'handling' } : {},
      { kind: 'coordination', text: `${input.on} 会同${partner}：${input.action}`, partner: input.partner },
      null,
    );
  });
}

/** Records the risk resolved (化解). */
export async function resolveReport(
  actor: Actor,
  id: string,
  input: Parsed<Omit<ResolveBody, 'version'>>,
): Promise<ReportDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'resolve', input.version);
    return move(
      tx,
      actor,
      row,
      { state: 'resolved', resolvedAt: now() },
      { kind: 'resolved', text: input.note },
      '已化解',
    );
  });
}

/** Closes the report (销号) with its outcome; the follow-up falls due after the rule's days. */
export async function closeReport(
  actor: Actor,
  id: string,
  input: Parsed<Omit<CloseBody, 'version'>>,
): Promise<ReportDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'close', input.version);
    const { rule } = await ruleInForce(tx);
    const at = now();
    const followUpDue = addDays(chinaDay(at), rule.followUpDays);
    const outcome = {
      wagesPaidFen: input.wagesPaidFen,
      workersSettled: input.workersSettled,
      amountRecoveredFen: input.amountRecoveredFen,
      summary: input.summary,
    };
    return move(
      tx,
      actor,
      row,
      { state: 'closed', closedAt: at, resolvedAt: row.resolvedAt ?? at, outcome, followUpDue },
      {
        kind: 'closed',
        text: `销号：支付工资 ${amountText(input.wagesPaidFen)}，妥善安置职工 ${input.workersSettled} 人，追回金额 ${amountText(input.amountRecoveredFen)}。${input.summary}（${followUpDue} 前回访）`,
      },
      `已销号，请于 ${followUpDue} 前回访`,
    );
  });
}

/** Records the follow-up visit (回访); a problem found back reopens the report. */
export async function followUpReport(
  actor: Actor,
  id: string,
  input: Parsed<Omit<FollowUpBody, 'version'>>,
): Promise<ReportDetail> {
  return db.transaction(async (tx) => {
    const row = await loadFor(tx, actor, id, 'followUp', input.version);
    if (input.problemBack)
      return move(
        tx,
        actor,
        row,
        { state: 'handling', reopened: row.reopened + 1, followUpDue: null, closedAt: null },
        { kind: 'reopened', text: `${input.on} 回访发现问题反弹：${input.finding}` },
        '回访发现问题反弹，已重新处置',
      );
    return move(
      tx,
      actor,
      row,
      { state: 'followedUp', followedUpAt: now() },
      { kind: 'followUp', text: `${input.on} 回访：${input.finding}` },
      null,
    );
  });
}

/**
 * Links a report that named its enterprise by hand to the registry's record of it (found there, or
 * registered for it just now): the report takes the enterprise's name, township, industry and
 * size band, and marks the enterprise while it is open. Its grade and trail stay as they were.
 */
export async function linkEnterprise(
  actor: Actor,
  id: string,
  input: Parsed<Omit<LinkEnterpriseBody, 'version'>>,
): Promise<ReportDetail> {
  requireAccess(actor, 'labor:report');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(laborReports).where(eq(laborReports.id, id)).for('update');
    if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('风险报告');
    if (row.enterpriseId !== null) throw conflict('该风险报告已关联企业名录中的企业');
    if (!mayLinkEnterprise(actor, row)) throw forbidden('由上报单位或处置单位关联企业名录');
    if (row.version !== input.version) throw staleVersion();
    const e = (await enterpriseRefs(tx, [input.enterpriseId])).get(input.enterpriseId);
    if (!e || !e.orgPath.startsWith(actor.scopePath))
      throw invalidField('enterpriseId', '企业不存在或不在本单位范围内');
    const unit = await unitName(tx, actor);
    return move(
      tx,
      actor,
      row,
      {
        enterpriseId: e.id,
        enterpriseName: e.name,
        orgPath: e.orgPath,
        industry: e.industry,
        sizeBand: e.sizeBand,
      },
      {
        kind: 'registered',
        text: `${unit}将报告中的“${row.enterpriseName}”关联到企业名录中的“${e.name}”（${e.orgName}）`,
      },
      null,
    );
  });
}
