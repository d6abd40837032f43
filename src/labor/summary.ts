// The monthly summary of the risk reports that the analysis reads, per China month: by grade and
// whether open (labor_report_months) and by kind (labor_report_kinds), per organisation path; by
// the enterprise's industry and size band (labor_report_profiles), per unit directly under the
// city (a district, or a city-wide industry union), so that the city's analysis sums a few
// thousand rows rather than one per township, value and month. Like the coverage series it is
// kept exact by the write path: every write that adds a report, changes whether it is open or
// moves it to another path refreshes the summary of the paths it touched, in its own transaction;
// rebuildReportSummary recomputes all of it; the tests hold it equal to the reports.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client';

/** The China month of a report, as the summary keys it. */
const MONTH = sql.raw(`to_char(reported_at at time zone 'UTC' + interval '8 hours', 'YYYY-MM')`);

/** How many levels of the path the profiles keep: the city and the unit under it. */
export const PROFILE_DEPTH = 2;

/** The path the profiles count a report under: its unit at PROFILE_DEPTH, or itself when higher. */
export const profilePathOf = (path: string) => {
  const seqs = path.split('/').filter(Boolean);
  return seqs.length <= PROFILE_DEPTH ? path : `/${seqs.slice(0, PROFILE_DEPTH).join('/')}/`;
};

/** profilePathOf in SQL, over a report's org_path. */
export const PROFILE_PATH = sql.raw(`coalesce(substring(org_path from '^/[^/]+/[^/]+/'), org_path)`);

/** The per-report values the profiles count: the industry and the size band ('' when not known). */
const PROFILE_VALUES = sql.raw(
  `lateral (values ('industry', coalesce(industry, '')), ('size', coalesce(size_band, ''))) as p(d, v)`,
);

/** The sums of the reports matching `where` (over labor_reports) by dimension and value, as the profiles hold them. */
export const profileSums = (where: SQL) => sql`
  select d as dimension, v as value, count(*) as n,
    count(*) filter (where state not in ('closed', 'followedUp')) as open,
    sum(workers) as workers, coalesce(sum(amount_fen), 0) as amount
  from labor_reports, ${PROFILE_VALUES} where ${where} group by 1, 2`;

/** Recomputes the summary rows by month and kind of the reports whose path matches `where`. */
async function refreshWhere(tx: Db, where: SQL): Promise<void> {
  await tx.execute(sql`delete from labor_report_months where ${where}`);
  await tx.execute(sql`delete from labor_report_kinds where ${where}`);
  await tx.execute(sql`
    insert into labor_report_months (org_path, month, grade, open, n, workers, amount_fen)
    select org_path, ${MONTH}, grade, state not in ('closed', 'followedUp'), count(*), sum(workers), coalesce(sum(amount_fen), 0)
    from labor_reports where ${where} group by 1, 2, 3, 4`);
  await tx.execute(sql`
    insert into labor_report_kinds (org_path, month, kind, n, workers)
    select org_path, ${MONTH}, k, count(*), sum(workers)
    from labor_reports, unnest(kinds) as k where ${where} group by 1, 2, 3`);
}

/** Recomputes the profiles of the reports whose path matches `where` (whole units under the city). */
async function refreshProfilesWhere(tx: Db, where: SQL): Promise<void> {
  await tx.execute(sql`delete from labor_report_profiles where ${where}`);
  await tx.execute(sql`
    insert into labor_report_profiles (org_path, month, dimension, value, n, open, workers, amount_fen)
    select ${PROFILE_PATH}, ${MONTH}, d, v, count(*), count(*) filter (where state not in ('closed', 'followedUp')),
      sum(workers), coalesce(sum(amount_fen), 0)
    from labor_reports, ${PROFILE_VALUES}
    where ${where} group by 1, 2, 3, 4`);
}

/** Refreshes the summary of these organisation paths (those a write touched). */
export async function refreshReportSummary(tx: Db, paths: string[]): Promise<void> {
  const unique = [...new Set(paths)];
  if (!unique.length) return;
  await refreshWhere(tx, sql`org_path in ${unique}`);
  await refreshProfiles(tx, unique);
}

/**
 * Refreshes the profiles of the units under the city that hold these paths: every report of
 * such a unit is counted again (also after a unit moved, its old and new places).
 */
export async function refreshProfiles(tx: Db, paths: string[]): Promise<void> {
  const units = [...new Set(paths.map(profilePathOf))];
  if (!units.length) return;
  // A unit under the city holds its whole subtree; a path above (the city) only its own reports.
  const under = sql.join(
    units.map((u) =>
      u.split('/').filter(Boolean).length === PROFILE_DEPTH
        ? sql`org_path like ${`${u}%`}`
        : sql`org_path = ${u}`,
    ),
    sql` or `,
  );
  await refreshProfilesWhere(tx, sql`(${under})`);
}

/** Recomputes the whole summary from the reports. */
export async function rebuildReportSummary(tx: Db): Promise<void> {
  await refreshWhere(tx, sql`true`);
  await refreshProfilesWhere(tx, sql`true`);
}
