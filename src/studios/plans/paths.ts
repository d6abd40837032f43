// Milestones carry their studio's path: they follow an organisation that moves.
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { studioMilestones } from './tables';

/** Moves the milestones' paths with a moved organisation (wired in src/wiring.ts). */
export const rewritePlanPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [studioMilestones], oldPrefix, newPrefix);
