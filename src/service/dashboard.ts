// The programme's dashboard for an organisation: pairing coverage of the three-category
// enterprises, visits due and overdue, visits made, needs open, overdue and settled, for the
// organisation and each unit below it (like the coverage figures), services by aspect and needs
// by kind. Each table is read once, grouped by the unit below that a row's path falls in.
import { sql, type SQL } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db, type Db } from '../platform/db/client';
import { addDays, chinaToday } from '../platform/shared/dates';
import { childrenOf, loadOrg } from '../orgs/service';
import { priorityCountsSource } from '../coverage/service';
import { priorityFlagsToToday } from './priority-flags';
import {
  DUE_SOON_DAYS,
  NEED_KINDS,
  SERVICE_ASPECTS,
  type DashboardCounts,
  type DashboardQuery,
  type DashboardView,
} from './contract';
import { loadProgramme } from './guards';

const ZERO: DashboardCounts = {
  priority: 0,
  pairedPriority: 0,
  pairings: 0,
  overdue: 0,
  dueSoon: 0,
  visits: 0,
  visited: 0,
  needsOpen: 0,
  needsOverdue: 0,
  needsResolved: 0,
  needsClosed: 0,
};

/** The unit below `path` that a row's `org_path` lies in: its path segment ('' at the unit itself). */
const below = (path: string) => sql.raw(`split_part(substr(org_path, ${path.length + 1}), '/', 1)`);

async function grouped(tx: Db, query: SQL): Promise<Map<string, Record<string, number>>> {
  const rows = await tx.execute<Record<string, string | number>>(query);
  return new Map(
    rows.map((r) => [
      String(r.k),
      Object.fromEntries(
        Object.entries(r)
          .filter(([key]) => key !== 'k')
          .map(([key, v]) => [key, Number(v)]),
      ),
    ]),
  );
}

/** The dashboard of a programme for the actor's unit or one below it. */
export async function getDashboard(
  actor: Actor,
  query: ReturnType<typeof DashboardQuery.parse>,
): Promise<DashboardView> {
  requireAccess(actor, 'service:read');
  await priorityFlagsToToday();
  return db.readTransaction(async (tx) => {
    const programme = await loadProgramme(tx, actor, query.programmeId);
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    const path = node.path;
    const today = chinaToday();
    const soon = addDays(today, DUE_SOON_DAYS);
    const k = below(path);
    const inTree = sql`org_path like ${path + '%'}`;
    // The three-category enterprises from coverage's kept counts; those paired, from the
    // pairings' own flags (priority-flags.ts).
    const priority = await grouped(
      tx,
      sql`select ${k} as k, sum(n) as priority from ${priorityCountsSource(path)} c group by 1`,
    );
    // Grouped by path first, then by the unit below: the unit of a path is worked out once per
    // path, not once per row.
    const pairings = await grouped(
      tx,
      sql`select ${k} as k, sum(pairings) as pairings, sum(overdue) as overdue, sum(soon) as "dueSoon",
            sum(paired) as "pairedPriority"
          from (select org_path, count(*) as pairings,
                  count(*) filter (where due_on < ${today}::date) as overdue,
                  count(*) filter (where due_on between ${today}::date and ${soon}::date) as soon,
                  count(*) filter (where priority) as paired
                from service_pairings where programme_id = ${programme.id} and ended_on is null and ${inTree}
                group by org_path) g
          group by 1`,
    );
    // Visits from the kept counts (service_counts), not the visits themselves.
    const visits = await grouped(
      tx,
      sql`select ${k} as k, sum(n) filter (where item = 'visits') as visits,
            sum(n) filter (where item = 'visited') as visited
          from service_counts where programme_id = ${programme.id} and ${inTree} and item in ('visits', 'visited')
          group by 1`,
    );
    // Needs by unit below and by kind, from one reading grouped by path and kind.
    const needRows = await tx.execute<{
      k: string;
      kind: string;
      open: number;
      late: number;
      done: number;
      closed: number;
    }>(
      sql`select ${k} as k, kind, sum(open) as open, sum(late) as late, sum(done) as done, sum(closed) as closed
          from (select org_path, kind,
                  count(*) filter (where state in ('open', 'inProgress')) as open,
                  count(*) filter (where state in ('open', 'inProgress') and due_on < ${today}::date) as late,
                  count(*) filter (where state = 'resolved') as done,
                  count(*) filter (where state = 'closed') as closed
                from service_needs where programme_id = ${programme.id} and ${inTree}
                group by org_path, kind) g
          group by 1, 2`,
    );
    const needs = new Map<string, Record<string, number>>();
    const kinds = new Map<string, { total: number; open: number }>();
    for (const r of needRows) {
      const [open, late, done, closed] = [r.open, r.late, r.done, r.closed].map(Number) as [
        number,
        number,
        number,
        number,
      ];
      const at = needs.get(String(r.k)) ?? {
        needsOpen: 0,
        needsOverdue: 0,
        needsResolved: 0,
        needsClosed: 0,
      };
      at.needsOpen! += open;
      at.needsOverdue! += late;
      at.needsResolved! += done;
      at.needsClosed! += closed;
      needs.set(String(r.k), at);
      const kind = kinds.get(r.kind) ?? { total: 0, open: 0 };
      kind.total += open + done + closed;
      kind.open += open;
      kinds.set(r.kind, kind);
    }
    const countsOf = (key: string): DashboardCounts => ({
      ...ZERO,
      ...priority.get(key),
      ...pairings.get(key),
      ...visits.get(key),
      ...needs.get(key),
    });
    const children = await childrenOf(tx, node.id);
    // Below a township stand its grassroots unions, which register no enterprises of their own:
    // only those with something to count are worth a row.
    const shown = (counts: DashboardCounts) =>
      node.kind !== 'townshipUnion' || Object.values(counts).some((n) => n > 0);
    const rows: DashboardView['rows'] = children
      .map((c) => ({ org: { id: c.id, name: c.name }, counts: countsOf(c.path.slice(path.length, -1)) }))
      .filter((c) => shown(c.counts))
      .map((c) => ({ org: c.org, ...c.counts }));
    const own = countsOf('');
    if (Object.values(own).some((n) => n > 0)) rows.push({ org: null, ...own });
    const total = { ...ZERO };
    for (const r of rows)
      for (const key of Object.keys(ZERO) as (keyof DashboardCounts)[]) total[key] += r[key];
    const aspects = await tx.execute<{ aspect: string; n: number }>(
      sql`select substr(item, 8) as aspect, sum(n) as n from service_counts
          where programme_id = ${programme.id} and ${inTree} and item like 'aspect:%' group by 1`,
    );
    return {
      programme: { id: programme.id, name: programme.name },
      org: { id: node.id, name: node.name },
      date: today,
      total,
      rows,
      aspects: SERVICE_ASPECTS.map((aspect) => ({
        aspect,
        visits: Number(aspects.find((a) => a.aspect === aspect)?.n ?? 0),
      })),
      needKinds: NEED_KINDS.map((kind) => ({ kind, ...(kinds.get(kind) ?? { total: 0, open: 0 }) })),
    };
  });
}
