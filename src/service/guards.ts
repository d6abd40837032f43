// What every part of the service programme checks and lists by: who sees a programme, who runs
// it, the scope conditions a list starts with, and one page of rows with its total.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { requireAccess, scopeFilter, type Actor } from '../platform/access';
import type { Db } from '../platform/db/client';
import { notFound } from '../platform/errors';
import { loadOrg } from '../orgs/service';
import { enterpriseRefs } from '../enterprises/service';
import { serviceProgrammes } from './tables';

export type ProgrammeRow = typeof serviceProgrammes.$inferSelect;

/** Whether the actor sees the programme: one of their subtree, or one run above them. */
export const sees = (actor: Actor, p: { orgPath: string }) =>
  p.orgPath.startsWith(actor.scopePath) || actor.scopePath.startsWith(p.orgPath);

/** Whether the actor may change the programme: it is run in their subtree. */
export const runs = (actor: Actor, p: { orgPath: string }) =>
  actor.permissions.has('service:record') && p.orgPath.startsWith(actor.scopePath);

/** A programme the actor may see (404 otherwise), after the read permission. */
export async function loadProgramme(tx: Db, actor: Actor, id: string): Promise<ProgrammeRow> {
  requireAccess(actor, 'service:read');
  const [row] = await tx.select().from(serviceProgrammes).where(eq(serviceProgrammes.id, id));
  if (!row || !sees(actor, row)) throw notFound('服务活动');
  return row;
}

/** An enterprise the actor may serve (404 outside the scope), as a reference. */
export async function servedEnterprise(tx: Db, actor: Actor, id: string) {
  const e = (await enterpriseRefs(tx, [id])).get(id);
  // Outside the scope it answers as a record that does not exist, wherever the id was named.
  if (!e || !e.orgPath.startsWith(actor.scopePath)) throw notFound('企业');
  return e;
}

/** Names of programmes by id. */
export async function programmeNames(tx: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({ id: serviceProgrammes.id, name: serviceProgrammes.name })
    .from(serviceProgrammes)
    .where(inArray(serviceProgrammes.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

type ScopedTable = PgTable & { orgPath: PgColumn; programmeId: PgColumn };

/**
 * The conditions a list of service rows starts with: the actor's subtree, and the programme and
 * organisation asked for (each 404 when the actor may not see it).
 */
export async function listScope(
  tx: Db,
  actor: Actor,
  table: ScopedTable,
  query: { programmeId?: string | undefined; orgId?: string | undefined },
): Promise<SQL[]> {
  const where: SQL[] = [scopeFilter(actor, table.orgPath)];
  if (query.programmeId) {
    await loadProgramme(tx, actor, query.programmeId);
    where.push(eq(table.programmeId, query.programmeId));
  }
  if (query.orgId) {
    const org = await loadOrg(tx, actor, query.orgId);
    where.push(sql`${table.orgPath} like ${org.path + '%'}`);
  }
  return where;
}

/**
 * One page of a table's rows matching `where`, in `order`, and how many match (`known` when the
 * caller has it from kept counts). A page size of 0 asks for the count alone (the home page).
 */
export async function pageRows<T extends PgTable>(
  tx: Db,
  table: T,
  where: SQL[],
  order: SQL[],
  page: { page: number; pageSize: number },
  known?: number,
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const condition = and(...where);
  const from: PgTable = table;
  const [total] =
    known === undefined
      ? await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(from)
          .where(condition)
      : [{ n: known }];
  if (page.pageSize === 0) return { rows: [], total: Number(total?.n ?? 0) };
  const rows = (await tx
    .select()
    .from(from)
    .where(condition)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)) as T['$inferSelect'][];
  return { rows, total: Number(total?.n ?? 0) };
}
