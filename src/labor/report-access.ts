// Who may do what with a risk report: the handlers (`labor:handle` over the unit first asked to
// acknowledge it) take the steps; the reporting unit records the follow-up; the units involved
// (reporting, asked to acknowledge, handling) and the handlers link a report named by hand to the
// registry and add or remove its attachments.
import { can, type Actor } from '../platform/access';
import { REPORT_ACTIONS, type ReportAction, type ReportState } from './contract';
import type { laborReports } from './tables';

export type ReportRow = typeof laborReports.$inferSelect;

/** Whether the actor may acknowledge and handle the report: a handler at or above the unit first asked. */
export const handles = (actor: Actor, row: ReportRow) =>
  can(actor, 'labor:handle') && row.ackPath.startsWith(actor.scopePath);

/** The states in which each action can be taken. */
export const ACTION_STATES: Record<ReportAction, readonly ReportState[]> = {
  acknowledge: ['reported'],
  coordinate: ['acknowledged', 'handling', 'resolved'],
  resolve: ['acknowledged', 'handling'],
  close: ['handling', 'resolved'],
  followUp: ['closed'],
};

/** Whether the actor is one who may take `action` on the report (whatever its state). */
export const mayAct = (actor: Actor, row: ReportRow, action: ReportAction) =>
  handles(actor, row) ||
  (action === 'followUp' && can(actor, 'labor:report') && actor.orgId === row.reportingOrgId);

/** What the actor may do with the report now. */
export function actionsFor(actor: Actor, row: ReportRow): ReportAction[] {
  return REPORT_ACTIONS.filter(
    (a) => ACTION_STATES[a].includes(row.state as ReportState) && mayAct(actor, row, a),
  );
}

/**
 * Staff (with `labor:report`) of the reporting unit, of the unit that must acknowledge the report
 * or handles it, or a handler over it.
 */
const involved = (actor: Actor, row: ReportRow) =>
  can(actor, 'labor:report') &&
  (actor.orgId === row.reportingOrgId ||
    actor.orgId === row.awaitingOrgId ||
    actor.orgId === row.handlingOrgId ||
    handles(actor, row));

/** Whether the actor may link a report named by hand to the registry: its reporting unit, or a handler. */
export const mayLinkEnterprise = (actor: Actor, row: ReportRow) =>
  row.enterpriseId === null && involved(actor, row);

/** Whether the actor may add attachments to the report and remove them. */
export const mayAttach = involved;
