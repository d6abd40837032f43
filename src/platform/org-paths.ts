import type { Db } from './db/client';

/**
 * Features whose rows carry an organisation path register here, so that moving a node rewrites
 * every copy of its path in the move's own transaction.
 */
export type PathRewriter = (tx: Db, oldPrefix: string, newPrefix: string) => Promise<void>;

const rewriters: PathRewriter[] = [];

export function registerPathRewriter(rewriter: PathRewriter) {
  rewriters.push(rewriter);
}

export async function rewritePaths(tx: Db, oldPrefix: string, newPrefix: string) {
  for (const rewrite of rewriters) await rewrite(tx, oldPrefix, newPrefix);
}
