// The conditions of the due-date alerts over a row of due dates under alias `d` (the columns of
// enterpriseDueDates, which the worklist table repeats), shared by the alerts and the worklist
// store that keeps their counts.
import { sql, type SQL } from 'drizzle-orm';
import { isContractAlert, type AlertKind, type AlertState, type ContractAlertKind } from './alerts-contract';

/** The due-date columns of each contract kind. */
export const CONTRACT_COLUMNS: Record<ContractAlertKind, { to: string; renewed: string }> = {
  collectiveContract: { to: 'collective_contract_to', renewed: 'collective_contract_renewed' },
  wageAgreement: { to: 'wage_agreement_to', renewed: 'wage_agreement_renewed' },
  womenContract: { to: 'women_contract_to', renewed: 'women_contract_renewed' },
};

export interface AlertWindow {
  today: string;
  withinDays: number;
}

/** The condition of one kind (and state) over alias `d`. */
export function alertCondition(kind: AlertKind, state: AlertState | undefined, w: AlertWindow): SQL {
  const now = sql`${w.today}::date`;
  if (isContractAlert(kind)) {
    const to = sql.raw(`d.${CONTRACT_COLUMNS[kind].to}`);
    const renewed = sql.raw(`d.${CONTRACT_COLUMNS[kind].renewed}`);
    const expiring = sql`(d.has_union and ${to} between ${now} and ${now} + ${w.withinDays}::int and not ${renewed})`;
    const expired = sql`(d.has_union and ${to} < ${now})`;
    if (state === 'expiring') return expiring;
    if (state === 'expired') return expired;
    return sql`(${expiring} or ${expired})`;
  }
  switch (kind) {
    case 'electionOverdue':
      return sql`(d.election_due < ${now})`;
    case 'memberEvaluation':
      return sql`(d.has_union and coalesce(d.last_evaluation_year, 0) < ${Number(w.today.slice(0, 4))}::int)`;
  }
}

/** The day an alert of this kind falls due (null for the yearly evaluation). */
export function alertDueColumn(kind: AlertKind): SQL {
  if (isContractAlert(kind)) return sql.raw(`d.${CONTRACT_COLUMNS[kind].to}`);
  switch (kind) {
    case 'electionOverdue':
      return sql`d.election_due`;
    case 'memberEvaluation':
      return sql`null::date`;
  }
}
