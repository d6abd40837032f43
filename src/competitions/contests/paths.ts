// Contests follow their organisation when it moves in the tree.
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { contests } from './tables';

export const rewriteContestPaths: PathRewriter = async (tx, oldPrefix, newPrefix) => {
  await rewritePathColumns(tx, [contests], oldPrefix, newPrefix);
};
