// Analysis of the early-warning reports (分析研判): for a unit and each unit below, over the 24
// months up to a month, how many reports in each grade, the workers and amounts involved and how
// many are still open; by kind of risk; and month by month. Each table is read once, grouped by
// path (then by the unit below) or by month.
import { sql } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { chinaDayStart, chinaToday } from '../platform/shared/dates';
import { childrenOf, loadOrg } from '../orgs/service';
import {
  GRADES,
  RISK_KINDS,
  type AnalysisCounts,
  type AnalysisQuery,
  type AnalysisView,
  type Grade,
} from './contract';

const empty = (): AnalysisCounts => ({
  reports: 0,
  grades: Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>,
  workers: 0,
  amountFen: 0,
  open: 0,
});

function add(
  into: AnalysisCounts,
  row: { grade: string; n: number; workers: number; amount: number; open: number },
) {
  const n = Number(row.n);
  into.reports += n;
  into.grades[row.grade as Grade] += n;
  into.workers += Number(row.workers);
  into.amountFen += Number(row.amount);
  into.open += Number(row.open);
}

/** `YYYY-MM` plus `k` months. */
function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export async function laborAnalysis(
  actor: Actor,
  query: ReturnType<typeof AnalysisQuery.parse>,
): Promise<AnalysisView> {
  requireAccess(actor, 'labor:report');
  return db.readTransaction(async (tx) => {
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    const path = node.path;
    const to = query.to ?? chinaToday().slice(0, 7);
    const from = addMonths(to, -23);
    const start = chinaDayStart(`${from}-01`);
    const end = chinaDayStart(`${addMonths(to, 1)}-01`);
    const inRange = sql`org_path like ${path + '%'} and reported_at >= ${start} and reported_at < ${end}`;
    const below = sql.raw(`split_part(substr(org_path, ${path.length + 1}), '/', 1)`);
    const sums = sql`count(*) as n, sum(workers) as workers, coalesce(sum(amount_fen), 0) as amount,
      count(*) filter (where state not in ('closed', 'followedUp')) as open`;
    const byUnit = await tx.execute<{
      k: string;
      grade: string;
      n: number;
      workers: number;
      amount: number;
      open: number;
    }>(sql`
      select ${below} as k, grade, sum(n) as n, sum(workers) as workers, sum(amount) as amount, sum(open) as open
      from (select org_path, grade, ${sums} from labor_reports where ${inRange} group by org_path, grade) g
      group by 1, 2`);
    const byMonth = await tx.execute<{
      month: string;
      grade: string;
      n: number;
      workers: number;
      amount: number;
      open: number;
    }>(sql`
      select to_char(reported_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, grade, ${sums}
      from labor_reports where ${inRange} group by 1, 2`);
    const byKind = await tx.execute<{ kind: string; n: number; workers: number }>(sql`
      select kind, count(*) as n, sum(workers) as workers
      from labor_reports, unnest(kinds) as kind where ${inRange} group by 1`);
    const units = new Map<string, AnalysisCounts>();
    for (const r of byUnit) {
      const at = units.get(String(r.k)) ?? empty();
      add(at, r);
      units.set(String(r.k), at);
    }
    const children = await childrenOf(tx, node.id);
    const rows: AnalysisView['rows'] = children.map((c) => ({
      org: { id: c.id, name: c.name },
      ...(units.get(c.path.slice(path.length, -1)) ?? empty()),
    }));
    const own = units.get('');
    if (own) rows.push({ org: null, ...own });
    const total = empty();
    for (const r of byUnit) add(total, r);
    const months = new Map<string, AnalysisCounts>();
    for (let k = 0; k < 24; k++) months.set(addMonths(from, k), empty());
    for (const r of byMonth) {
      const at = months.get(r.month);
      if (at) add(at, r);
    }
    return {
      org: { id: node.id, name: node.name },
      from,
      to,
      total,
      rows,
      kinds: RISK_KINDS.map((kind) => {
        const r = byKind.find((x) => x.kind === kind);
        return { kind, reports: Number(r?.n ?? 0), workers: Number(r?.workers ?? 0) };
      }),
      months: [...months].map(([month, counts]) => ({ month, ...counts })),
    };
  });
}
