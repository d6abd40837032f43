// Achievements carry their studio's organisation path: they follow an organisation that moves.
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { studioAchievements } from './tables';

/** Moves the achievements' paths with a moved organisation (wired in src/wiring.ts). */
export const rewriteAchievementPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [studioAchievements], oldPrefix, newPrefix);
