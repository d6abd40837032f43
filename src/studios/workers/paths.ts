// Model workers carry the path of the unit keeping the record: they follow an organisation that
// moves (a path rewriter, wired in src/wiring.ts).
import { rewritePathColumns, type PathRewriter } from '../../platform/org-paths';
import { modelWorkers } from './tables';

/** Moves the model workers' paths with a moved organisation. */
export const rewriteModelWorkerPaths: PathRewriter = (tx, oldPrefix, newPrefix) =>
  rewritePathColumns(tx, [modelWorkers], oldPrefix, newPrefix);
