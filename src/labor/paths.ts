// Risk reports carry their enterprise's (or reporting unit's) organisation path: they follow an
// organisation that moves (a path rewriter) and an enterprise that moves to another township (a
// listener on the registry's tracked writes).
import { sql } from 'drizzle-orm';
import type { ChangeListener } from '../platform/change-tracking';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import { laborMediationCases, laborReportKinds, laborReportMonths, laborReports } from './tables';
import { rebuildReportSummary, refreshProfiles, refreshReportSummary } from './summary';

export const rewriteLaborPaths: PathRewriter = async (tx, oldPrefix, newPrefix) => {
  await rewritePathColumns(
    tx,
    [laborReports, laborMediationCases, laborReportMonths, laborReportKinds],
    oldPrefix,
    newPrefix,
  );
  await tx.execute(
    sql`update labor_reports set ack_path = ${newPrefix} || substr(ack_path, ${oldPrefix.length + 1}) where ack_path like ${oldPrefix + '%'}`,
  );
  // The profiles count by the unit under the city: both places are counted again.
  await refreshProfiles(tx, [oldPrefix, newPrefix]);
};

/** Moves the reports of the enterprises matching `where` to their paths; returns the paths touched. */
async function follow(tx: Parameters<ChangeListener<null>['after']>[0], where: ReturnType<typeof sql>) {
  const moved = await tx.execute<{ before: string; after: string }>(sql`
    with moved as (
      select r.id, r.org_path as before, e.org_path as after
      from labor_reports r join enterprises e on e.id = r.enterprise_id
      where r.org_path <> e.org_path and ${where})
    update labor_reports r set org_path = m.after from moved m where r.id = m.id
    returning m.before, m.after`);
  return moved.flatMap((m) => [m.before, m.after]);
}

/** Moves the reports of enterprises whose path changed with a registry write. */
export const laborEnterpriseListener: ChangeListener<null> = {
  name: '风险报告的所属组织',
  before: () => Promise.resolve(null),
  async after(tx, where) {
    await refreshReportSummary(tx, await follow(tx, where));
  },
  async rebuild(tx) {
    await follow(tx, sql`true`);
    await rebuildReportSummary(tx);
  },
};
