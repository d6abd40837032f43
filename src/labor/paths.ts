// Risk reports carry their enterprise's (or reporting unit's) organisation path: they follow an
// organisation that moves (a path rewriter) and an enterprise that moves to another township (a
// listener on the registry's tracked writes).
import { sql } from 'drizzle-orm';
import type { ChangeListener } from '../platform/change-tracking';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import { laborMediationCases, laborReports } from './tables';

export const rewriteLaborPaths: PathRewriter = async (tx, oldPrefix, newPrefix) => {
  await rewritePathColumns(tx, [laborReports, laborMediationCases], oldPrefix, newPrefix);
  await tx.execute(
    sql`update labor_reports set ack_path = ${newPrefix} || substr(ack_path, ${oldPrefix.length + 1}) where ack_path like ${oldPrefix + '%'}`,
  );
};

const follow = (where: ReturnType<typeof sql>) => sql`
  update labor_reports r set org_path = e.org_path
  from enterprises e
  where e.id = r.enterprise_id and r.org_path <> e.org_path and ${where}`;

/** Moves the reports of enterprises whose path changed with a registry write. */
export const laborEnterpriseListener: ChangeListener<null> = {
  name: '风险报告的所属组织',
  before: () => Promise.resolve(null),
  async after(tx, where) {
    await tx.execute(follow(where));
  },
  async rebuild(tx) {
    await tx.execute(follow(sql`true`));
  },
};
