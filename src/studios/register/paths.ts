// Studios carry the path of the union that applied for them: they follow an organisation that moves.
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { studios } from './tables';

/** Moves the studios' paths with a moved organisation (wired in src/wiring.ts). */
export const rewriteStudioPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [studios], oldPrefix, newPrefix);
