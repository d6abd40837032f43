// Due-date alerts (到期提醒) of an organisation's subtree: committee terms overdue for election,
// contracts and agreements expiring or expired, and unionised enterprises without this year's
// members' evaluation. Read from the kept worklists (worklist-store.ts), which every write keeps
// exact and which are brought to today before a read, so a new fact clears an alert at once; the
// summary counts and the lists use the same conditions (alert-conditions.ts).
import { sql } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db, type Db } from '../platform/db/client';
import { loadOrg } from '../orgs/service';
import { presentEnterprisesByIds } from '../enterprises/service';
import {
  ALERT_KINDS,
  ALERT_KIND_LABELS,
  AlertListQuery,
  AlertSummaryQuery,
  DEFAULT_WITHIN_DAYS,
  isContractAlert,
  type AlertCount,
  type AlertKind,
  type AlertPage,
  type AlertState,
  type AlertSummary,
} from './alerts-contract';
import { alertCondition, alertDueColumn, type AlertWindow } from './alert-conditions';
import {
  contractsEnding,
  countKey,
  unevaluatedCount,
  worklistCounts,
  worklistOf,
  worklistToday,
} from './worklist-store';

/**
 * Runs `read` in one transaction on the organisation asked for (the actor's own by default; 404
 * outside the actor's scope), as of today.
 */
async function onNode<T>(
  actor: Actor,
  query: { orgId?: string | undefined; withinDays: number },
  read: (tx: Db, node: { id: string; name: string; path: string }, w: AlertWindow) => Promise<T>,
): Promise<T> {
  requireAccess(actor, 'coverage:read');
  const today = await worklistToday();
  return db.readTransaction(async (tx) => {
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    requireAccess(actor, 'coverage:read', node.path);
    return read(tx, node, { today, withinDays: query.withinDays });
  });
}

/**
 * How many enterprises of an organisation's subtree each alert holds, contracts split by state:
 * from the worklist's counts (those of another reminder window summed over the days it spans).
 */
export async function getAlertSummary(
  actor: Actor,
  query: ReturnType<typeof AlertSummaryQuery.parse>,
): Promise<AlertSummary> {
  return onNode(actor, query, async (tx, node, w) => {
    const kinds: AlertCount[] = [];
    for (const kind of ALERT_KINDS) {
      if (!isContractAlert(kind)) {
        const total = await alertTotal(tx, node.path, kind, undefined, w);
        kinds.push({ kind, total, expiring: null, expired: null });
        continue;
      }
      const expiring = await alertTotal(tx, node.path, kind, 'expiring', w);
      const expired = await alertTotal(tx, node.path, kind, 'expired', w);
      kinds.push({ kind, total: expiring + expired, expiring, expired });
    }
    return { org: { id: node.id, name: node.name }, date: w.today, withinDays: w.withinDays, kinds };
  });
}

/** How many enterprises of the subtree one alert (and state) holds. */
async function alertTotal(
  tx: Db,
  pathPrefix: string,
  kind: AlertKind,
  state: AlertState | undefined,
  w: AlertWindow,
): Promise<number> {
  if (kind === 'memberEvaluation') return unevaluatedCount(tx, pathPrefix, Number(w.today.slice(0, 4)));
  if (isContractAlert(kind) && state === undefined) {
    return (
      (await alertTotal(tx, pathPrefix, kind, 'expiring', w)) +
      (await alertTotal(tx, pathPrefix, kind, 'expired', w))
    );
  }
  if (isContractAlert(kind) && state === 'expiring' && w.withinDays !== DEFAULT_WITHIN_DAYS) {
    // Another window: the keys of the days it spans.
    return contractsEnding(tx, pathPrefix, kind, w.today, w.withinDays);
  }
  const key = countKey.alert(kind, state);
  return (await worklistCounts(tx, pathPrefix, [key])).get(key) ?? 0;
}

interface AlertRow extends Record<string, unknown> {
  id: string;
  due_on: string | null;
  days_left: number | null;
  union_founded_on: string | null;
  last_election_on: string | null;
  term_years: number | null;
  last_evaluation_year: number | null;
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
 * reason in Chinese: the page by index, the total from the counts.
 */
export async function listAlerts(
  actor: Actor,
  query: ReturnType<typeof AlertListQuery.parse>,
): Promise<AlertPage> {
  return onNode(actor, query, async (tx, node, w) => {
    const due = alertDueColumn(query.kind);
    const rows = await tx.execute<AlertRow>(sql`
      select d.id, ${due}::text as due_on, (${due} - ${w.today}::date)::int as days_left,
        d.union_founded_on::text as union_founded_on, d.last_election_on::text as last_election_on,
        d.term_years, d.last_evaluation_year
      from ${worklistOf(node.path)}
      where ${alertCondition(query.kind, query.state, w)}
      order by ${due} asc nulls last, d.last_evaluation_year asc nulls first, d.employees desc nulls last, d.id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
    const total = await alertTotal(tx, node.path, query.kind, query.state, w);
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
