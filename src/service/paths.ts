// The service rows carry their enterprise's (or programme's) organisation path: they follow an
// organisation that moves (a path rewriter) and an enterprise that moves to another township (a
// listener on the registry's tracked writes).
import { sql } from 'drizzle-orm';
import type { ChangeListener } from '../platform/change-tracking';
import { rewritePathColumns, type PathRewriter } from '../platform/org-paths';
import {
  serviceCampaigns,
  serviceCampaignVisits,
  serviceCounts,
  serviceNeeds,
  servicePairings,
  serviceProgrammes,
  serviceVisits,
} from './tables';
import { moveVisitCounts, rebuildServiceCounts } from './counts';
import { refreshAllPriorityFlags, refreshPriorityFlags } from './priority-flags';

export const rewriteServicePaths: PathRewriter = async (tx, oldPrefix, newPrefix) => {
  await rewritePathColumns(
    tx,
    [
      serviceProgrammes,
      servicePairings,
      serviceVisits,
      serviceNeeds,
      serviceCounts,
      serviceCampaigns,
      serviceCampaignVisits,
    ],
    oldPrefix,
    newPrefix,
  );
};

const BY_ENTERPRISE = [
  'service_pairings',
  'service_visits',
  'service_needs',
  'service_campaign_visits',
] as const;

/** Moves the rows of enterprises whose path changed with a registry write. */
export const serviceEnterpriseListener: ChangeListener<null> = {
  name: '服务记录的所属组织、走访计数与挂钩企业的三类标记',
  before: () => Promise.resolve(null),
  async after(tx, where) {
    await moveVisitCounts(tx, where);
    for (const table of BY_ENTERPRISE) {
      await tx.execute(sql`
        update ${sql.identifier(table)} s set org_path = e.org_path
        from enterprises e
        where e.id = s.enterprise_id and s.org_path <> e.org_path and ${where}`);
    }
    // Coverage's listener has run: the worklist rows of these enterprises are current.
    await refreshPriorityFlags(tx, sql`s.enterprise_id in (select e.id from enterprises e where ${where})`);
  },
  async rebuild(tx) {
    for (const table of BY_ENTERPRISE) {
      await tx.execute(sql`
        update ${sql.identifier(table)} s set org_path = e.org_path
        from enterprises e where e.id = s.enterprise_id and s.org_path <> e.org_path`);
    }
    await rebuildServiceCounts(tx);
    await refreshAllPriorityFlags(tx);
  },
};
