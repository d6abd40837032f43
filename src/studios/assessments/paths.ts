// Assessments carry their studio's path: they follow an organisation that moves.
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { studioAssessments } from './tables';

/** Moves the assessments' paths with a moved organisation (wired in src/wiring.ts). */
export const rewriteAssessmentPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [studioAssessments], oldPrefix, newPrefix);
