// The monthly summary of the risk reports that the analysis reads (labor_report_months by grade
// and open, labor_report_kinds by kind, labor_report_profiles by industry and size band), per organisation path and China month. Like the coverage
// series it is kept exact by the write path: every write that adds a report, changes whether it
// is open or moves it to another path refreshes the summary of the paths it touched, in its own
// transaction; rebuildReportSummary recomputes all of it; the tests hold it equal to the reports.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client';

/** The China month of a report, as the summary keys it. */
const MONTH = sql.raw(`to_char(reported_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')`);

/** Recomputes the summary rows of the reports whose path matches `where` (SQL over org_path). */
async function refreshWhere(tx: Db, where: SQL): Promise<void> {
  await tx.execute(sql`delete from labor_report_months where ${where}`);
  await tx.execute(sql`delete from labor_report_kinds where ${where}`);
  await tx.execute(sql`delete from labor_report_profiles where ${where}`);
  await tx.execute(sql`
    insert into labor_report_months (org_path, month, grade, open, n, workers, amount_fen)
    select org_path, ${MONTH}, grade, state not in ('closed', 'followedUp'), count(*), sum(workers), coalesce(sum(amount_fen), 0)
    from labor_reports where ${where} group by 1, 2, 3, 4`);
  await tx.execute(sql`
    insert into labor_report_kinds (org_path, month, kind, n, workers)
    select org_path, ${MONTH}, k, count(*), sum(workers)
    from labor_reports, unnest(kinds) as k where ${where} group by 1, 2, 3`);
  await tx.execute(sql`
    insert into labor_report_profiles (org_path, month, dimension, value, n, open, workers, amount_fen)
    select org_path, ${MONTH}, d, v, count(*), count(*) filter (where state not in ('closed', 'followedUp')),
      sum(workers), coalesce(sum(amount_fen), 0)
    from labor_reports,
      lateral (values ('industry', coalesce(industry, '')), ('size', coalesce(size_band, ''))) as p(d, v)
    where ${where} group by 1, 2, 3, 4`);
}

/** Refreshes the summary of these organisation paths (those a write touched). */
export async function refreshReportSummary(tx: Db, paths: string[]): Promise<void> {
  const unique = [...new Set(paths)];
  if (!unique.length) return;
  await refreshWhere(tx, sql`org_path in ${unique}`);
}

/** Recomputes the whole summary from the reports. */
export async function rebuildReportSummary(tx: Db): Promise<void> {
  await refreshWhere(tx, sql`true`);
}
