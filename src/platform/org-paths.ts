import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db/client';

/**
 * Features whose rows carry an organisation path give a rewriter, registered where the app and
 * the command line are assembled (src/wiring.ts), so that moving a node rewrites every copy of
 * its path in the move's own transaction.
 */
export type PathRewriter = (tx: Db, oldPrefix: string, newPrefix: string) => Promise<void>;

const rewriters: PathRewriter[] = [];

export function registerPathRewriter(rewriter: PathRewriter) {
  if (!rewriters.includes(rewriter)) rewriters.push(rewriter);
}

export async function rewritePaths(tx: Db, oldPrefix: string, newPrefix: string) {
  for (const rewrite of rewriters) await rewrite(tx, oldPrefix, newPrefix);
}

/** Rewrites the `orgPath` column of each table under `oldPrefix` to lie under `newPrefix`. */
export async function rewritePathColumns(
  tx: Db,
  tables: (PgTable & { orgPath: AnyPgColumn })[],
  oldPrefix: string,
  newPrefix: string,
): Promise<void> {
  for (const table of tables)
    await tx
      .update(table)
      .set({ orgPath: sql`${newPrefix} || substr(${table.orgPath}, ${oldPrefix.length + 1})` })
      .where(sql`${table.orgPath} like ${oldPrefix + '%'}`);
}

/**
 * Features whose rows depend on an organisation staying in use give a check, registered in
 * src/wiring.ts: before a node is deactivated each says why it may not be (or null), so that
 * nothing goes on pointing at a unit that no longer works.
 */
export type OrgInUseCheck = (tx: Db, orgId: string) => Promise<string | null>;

const inUseChecks: OrgInUseCheck[] = [];

export function registerOrgInUseCheck(check: OrgInUseCheck) {
  if (!inUseChecks.includes(check)) inUseChecks.push(check);
}

/** Why the organisation may not be deactivated, or null. */
export async function orgInUse(tx: Db, orgId: string): Promise<string | null> {
  for (const check of inUseChecks) {
    const reason = await check(tx, orgId);
    if (reason) return reason;
  }
  return null;
}
