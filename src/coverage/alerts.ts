// Due-date alerts (到期提醒) of an organisation's subtree: committee terms overdue for election,
// contracts and agreements expiring or expired, and unionised enterprises without this year's
// members' evaluation. Derived on every read from the registry, so a new fact clears an alert
// at once; the summary counts and the lists use the same conditions.
import { sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db, type Db } from '../platform/db/client';
import { loadOrg } from '../orgs/service';
import { enterpriseDueDates, presentEnterprisesByIds, today } from '../enterprises/service';
import {
  ALERT_KINDS,
  ALERT_KIND_LABELS,
  AlertListQuery,
  AlertSummaryQuery,
  isContractAlert,
  type AlertCount,
  type AlertKind,
  type AlertPage,
  type AlertState,
  type AlertSummary,
  type ContractAlertKind,
} from './alerts-contract';

/** The summary columns of each contract kind in enterpriseDueDates. */
const CONTRACT_COLUMNS: Record<ContractAlertKind, { to: string; renewed: string }> = {
  collectiveContract: { to: 'collective_contract_to', renewed: 'collective_contract_renewed' },
  wageAgreement: { to: 'wage_agreement_to', renewed: 'wage_agreement_renewed' },
  womenContract: { to: 'women_contract_to', renewed: 'women_contract_renewed' },
};

interface Window {
  today: string;
  withinDays: number;
}

/** The conditions over alias `d` (a row of enterpriseDueDates), one per kind and state. */
function condition(kind: AlertKind, state: AlertState | undefined, w: Window): SQL {
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
function dueColumn(kind: AlertKind): SQL {
  if (isContractAlert(kind)) return sql.raw(`d.${CONTRACT_COLUMNS[kind].to}`);
  switch (kind) {
    case 'electionOverdue':
      return sql`d.election_due`;
    case 'memberEvaluation':
      return sql`null::date`;
  }
}

/**
 * Runs `read` in one transaction on the organisation asked for (the actor's own by default; 404
 * outside the actor's scope), as of today.
 */
async function onNode<T>(
  actor: Actor,
  query: { orgId?: string | undefined; withinDays: number },
  read: (tx: Db, node: { id: string; name: string; path: string }, w: Window) => Promise<T>,
): Promise<T> {
  requireAccess(actor, 'coverage:read');
  return db.transaction(async (tx) => {
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    requireAccess(actor, 'coverage:read', node.path);
    return read(tx, node, { today: today(), withinDays: query.withinDays });
  });
}

function dueDates(node: { path: string }, w: Window): SQL {
  return sql`(${enterpriseDueDates(sql`e.org_path like ${node.path + '%'}`, w.today)}) d`;
}

/** How many enterprises of an organisation's subtree each alert holds, contracts split by state. */
export async function getAlertSummary(
  actor: Actor,
  query: ReturnType<typeof AlertSummaryQuery.parse>,
): Promise<AlertSummary> {
  return onNode(actor, query, async (tx, node, w) => {
    const counted = (name: string, cond: SQL) =>
      sql`count(*) filter (where ${cond})::int as ${sql.identifier(name)}`;
    const columns = ALERT_KINDS.flatMap((kind) =>
      isContractAlert(kind)
        ? [
            counted(`${kind}.expiring`, condition(kind, 'expiring', w)),
            counted(`${kind}.expired`, condition(kind, 'expired', w)),
          ]
        : [counted(kind, condition(kind, undefined, w))],
    );
    const [row] = await tx.execute<Record<string, number>>(
      sql`select ${sql.join(columns, sql`, `)} from ${dueDates(node, w)}`,
    );
    const n = (name: string) => row?.[name] ?? 0;
    const kinds: AlertCount[] = ALERT_KINDS.map((kind) => {
      if (!isContractAlert(kind)) return { kind, total: n(kind), expiring: null, expired: null };
      const expiring = n(`${kind}.expiring`);
      const expired = n(`${kind}.expired`);
      return { kind, total: expiring + expired, expiring, expired };
    });
    return { org: { id: node.id, name: node.name }, date: w.today, withinDays: w.withinDays, kinds };
  });
}

interface AlertRow extends Record<string, unknown> {
  id: string;
  due_on: string | null;
  days_left: number | null;
  union_founded_on: string | null;
  last_election_on: string | null;
  term_years: number | null;
  last_evaluation_year: number | null;
  total: number;
}

function reasonText(kind: AlertKind, r: AlertRow): string {
  if (isContractAlert(kind)) {
    const label = ALERT_KIND_LABELS[kind];
    const days = r.days_left ?? 0;
    if (days < 0) return `${label}已于 ${r.due_on} 到期`;
    return `${label}将于 ${r.due_on} 到期（${days === 0 ? '今天到期' : `还有 ${days} 天`}）`;
  }
  switch (kind) {
    case 'electionOverdue': {
      const since = r.last_election_on
        ? `上次换届 ${r.last_election_on}`
        : `建会于 ${r.union_founded_on}，未登记换届`;
      return `换届逾期：${since}，任期 ${r.term_years} 年（应于 ${r.due_on} 前换届）`;
    }
    case 'memberEvaluation':
      return r.last_evaluation_year
        ? `本年度未开展会员评家（最近一次为 ${r.last_evaluation_year} 年度）`
        : '本年度未开展会员评家（尚无评家记录）';
  }
}

/**
 * The enterprises of one alert in an organisation's subtree, most urgent first (longest overdue,
 * then soonest due; for the evaluation, never evaluated first, then the longest ago), with the
 * reason in Chinese.
 */
export async function listAlerts(
  actor: Actor,
  query: ReturnType<typeof AlertListQuery.parse>,
): Promise<AlertPage> {
  return onNode(actor, query, async (tx, node, w) => {
    const base = sql`from ${dueDates(node, w)} where ${condition(query.kind, query.state, w)}`;
    const due = dueColumn(query.kind);
    // One pass for the page and the total; a page past the end counts separately.
    const rows = await tx.execute<AlertRow>(sql`
      select d.id, ${due}::text as due_on, (${due} - ${w.today}::date)::int as days_left,
        d.union_founded_on::text as union_founded_on, d.last_election_on::text as last_election_on,
        d.term_years, d.last_evaluation_year, count(*) over ()::int as total
      ${base}
      order by ${due} asc nulls last, d.last_evaluation_year asc nulls first, d.employees desc nulls last, d.id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
    const total =
      rows[0]?.total ??
      (query.page > 1
        ? ((await tx.execute<{ n: number }>(sql`select count(*)::int as n ${base}`))[0]?.n ?? 0)
        : 0);
    const views = await presentEnterprisesByIds(
      tx,
      rows.map((r) => r.id),
    );
    return {
      total,
      items: rows.map((r, i) => ({
        enterprise: views[i]!,
        kind: query.kind,
        state: r.days_left === null ? null : r.days_left < 0 ? ('expired' as const) : ('expiring' as const),
        dueOn: r.due_on,
        daysLeft: r.days_left,
        reason: reasonText(query.kind, r),
      })),
    };
  });
}
