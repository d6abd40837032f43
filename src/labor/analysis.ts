// Analysis of the early-warning reports (分析研判): for a unit and each unit below, over the 24
// months up to a month, how many reports in each grade, the workers and amounts involved and how
// many are still open; by kind of risk, by the enterprise's industry and size band; and month by
// month. Read from the monthly summary (summary.ts), grouped by the unit below or by month, never
// from the reports themselves.
import { sql } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { db } from '../platform/db/client';
import { chinaMonthStart, chinaToday, shiftMonth } from '../platform/shared/dates';
import { PROFILE_DEPTH, profileSums } from './summary';
import { childrenOf, loadOrg } from '../orgs/service';
import type { PreparedDownload } from '../platform/downloads';
import { allPages, sheet, writeSheets, type SheetColumn } from '../platform/spreadsheets/write-sheet';
import {
  GRADES,
  GRADE_LABELS,
  NO_INDUSTRY,
  RISK_KINDS,
  type AnalysisCounts,
  type AnalysisQuery,
  type AnalysisView,
  type Grade,
} from './contract';
import { SIZE_BAND_LABELS, SIZE_BANDS, type SizeBand } from '../enterprises/contract';

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

export async function laborAnalysis(
  actor: Actor,
  query: ReturnType<typeof AnalysisQuery.parse>,
): Promise<AnalysisView> {
  requireAccess(actor, 'labor:report');
  return db.readTransaction(async (tx) => {
    const node = await loadOrg(tx, actor, query.orgId ?? actor.orgId);
    const path = node.path;
    const to = query.to ?? chinaToday().slice(0, 7);
    const from = shiftMonth(to, -23);
    const inRange = sql`org_path like ${path + '%'} and month >= ${from} and month <= ${to}`;
    const below = sql.raw(`split_part(substr(org_path, ${path.length + 1}), '/', 1)`);
    const sums = sql`sum(n) as n, sum(workers) as workers, sum(amount_fen) as amount,
      coalesce(sum(n) filter (where open), 0) as open`;
    const byUnit = await tx.execute<{
      k: string;
      grade: string;
      n: number;
      workers: number;
      amount: number;
      open: number;
    }>(sql`select ${below} as k, grade, ${sums} from labor_report_months where ${inRange} group by 1, 2`);
    const byMonth = await tx.execute<{
      month: string;
      grade: string;
      n: number;
      workers: number;
      amount: number;
      open: number;
    }>(sql`select month, grade, ${sums} from labor_report_months where ${inRange} group by 1, 2`);
    const byKind = await tx.execute<{ kind: string; n: number; workers: number }>(sql`
      select kind, sum(n) as n, sum(workers) as workers from labor_report_kinds where ${inRange} group by 1`);
    // The profiles keep the units under the city; below them the reports themselves are few.
    const byProfile = await tx.execute<{
      dimension: string;
      value: string;
      n: number;
      open: number;
      workers: number;
      amount: number;
    }>(
      path.split('/').filter(Boolean).length <= PROFILE_DEPTH
        ? sql`
          select dimension, value, sum(n) as n, sum(open) as open, sum(workers) as workers,
            sum(amount_fen) as amount
          from labor_report_profiles where ${inRange} group by 1, 2`
        : profileSums(sql`org_path like ${path + '%'} and reported_at >= ${chinaMonthStart(from).toISOString()}::timestamptz
            and reported_at < ${chinaMonthStart(shiftMonth(to, 1)).toISOString()}::timestamptz`),
    );
    const profile = (r: (typeof byProfile)[number]) => ({
      reports: Number(r.n),
      open: Number(r.open),
      workers: Number(r.workers),
      amountFen: Number(r.amount),
    });
    const sizeOrder = (band: string) => (band ? SIZE_BANDS.indexOf(band as SizeBand) : SIZE_BANDS.length);
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
    for (let k = 0; k < 24; k++) months.set(shiftMonth(from, k), empty());
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
      industries: byProfile
        .filter((r) => r.dimension === 'industry')
        .map((r) => ({ industry: r.value || NO_INDUSTRY, ...profile(r) }))
        .sort((a, b) => b.reports - a.reports || a.industry.localeCompare(b.industry, 'zh')),
      sizes: byProfile
        .filter((r) => r.dimension === 'size')
        .sort((a, b) => sizeOrder(a.value) - sizeOrder(b.value))
        .map((r) => ({ sizeBand: (r.value || 'unknown') as SizeBand | 'unknown', ...profile(r) })),
    };
  });
}

type UnitRow = AnalysisCounts & { unit: string };
const wan = (fen: number) => Math.round(fen / 100) / 10_000;

const UNIT_COLUMNS: SheetColumn<UnitRow>[] = [
  { header: '单位', width: 24, value: (r) => r.unit },
  { header: '风险报告（件）', width: 12, value: (r) => r.reports },
  ...GRADES.map((g): SheetColumn<UnitRow> => ({
    header: `其中：${GRADE_LABELS[g]}`,
    width: 10,
    value: (r) => r.grades[g],
  })),
  { header: '未销号（件）', width: 12, value: (r) => r.open },
  { header: '涉及职工（人）', width: 12, value: (r) => r.workers },
  { header: '涉及金额（万元）', width: 14, numFmt: '#,##0.00', value: (r) => wan(r.amountFen) },
];

type ProfileRow = Pick<AnalysisCounts, 'reports' | 'open' | 'workers' | 'amountFen'> & { label: string };

const PROFILE_COLUMNS = (first: string): SheetColumn<ProfileRow>[] => [
  { header: first, width: 24, value: (r) => r.label },
  { header: '风险报告（件）', width: 12, value: (r) => r.reports },
  { header: '未销号（件）', width: 12, value: (r) => r.open },
  { header: '涉及职工（人）', width: 12, value: (r) => r.workers },
  { header: '涉及金额（万元）', width: 14, numFmt: '#,##0.00', value: (r) => wan(r.amountFen) },
];

const rowsOf = <T>(rows: T[]) =>
  allPages(() => Promise.resolve({ items: rows, total: rows.length }), rows.length + 1);

/**
 * The analysis as the monthly form a federation sends up (分析研判): a title naming the months and
 * the unit, one row per unit below, the unit's own reports and a 合计 row; then the same months by
 * the enterprises' industry and by their size band, each with its 合计.
 */
export async function prepareAnalysisExport(
  actor: Actor,
  query: ReturnType<typeof AnalysisQuery.parse>,
): Promise<PreparedDownload> {
  const view = await laborAnalysis(actor, query);
  const title = `劳动关系矛盾预警分析研判表（${view.from} 至 ${view.to}）`;
  const rows: UnitRow[] = [
    ...view.rows.map((r) => ({ ...r, unit: r.org?.name ?? `${view.org.name}（本级）` })),
    { ...view.total, unit: '合计' },
  ];
  const total: ProfileRow = { ...view.total, label: '合计' };
  const industries: ProfileRow[] = [
    ...view.industries.map((r) => ({ ...r, label: r.industry === NO_INDUSTRY ? '未填写行业' : r.industry })),
    total,
  ];
  const sizes: ProfileRow[] = [
    ...view.sizes.map((r) => ({
      ...r,
      label: r.sizeBand === 'unknown' ? '人数不详' : SIZE_BAND_LABELS[r.sizeBand],
    })),
    total,
  ];
  const unitTitle = `（填报单位：${view.org.name}）`;
  return {
    filename: `${title}（${view.org.name}）.xlsx`,
    write: (output) =>
      writeSheets(output, [
        sheet({
          sheetName: '分析研判',
          title: `${title}${unitTitle}`,
          columns: UNIT_COLUMNS,
          pages: rowsOf(rows),
        }),
        sheet({
          sheetName: '按行业',
          title: `按行业分析（${view.from} 至 ${view.to}）${unitTitle}`,
          columns: PROFILE_COLUMNS('行业'),
          pages: rowsOf(industries),
        }),
        sheet({
          sheetName: '按企业规模',
          title: `按企业规模分析（${view.from} 至 ${view.to}）${unitTitle}`,
          columns: PROFILE_COLUMNS('企业规模'),
          pages: rowsOf(sizes),
        }),
      ]),
  };
}
