import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { staleVersion } from '../errors';
import type { Db } from './client';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Updates one row only if it still has the version the user saw, bumping the version:
 * a stale edit gets 409 instead of silently overwriting someone else's change.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  id: string,
  version: number,
  values: PgUpdateSetSource<T>,
): Promise<T['$inferSelect']> {
  const set = {
    ...values,
    version: sql`${table.version} + 1`,
    updatedAt: new Date(),
  } as PgUpdateSetSource<T>;
  const rows = (await tx
    .update(table)
    .set(set)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()) as T['$inferSelect'][];
  const row = rows[0];
  if (!row) throw staleVersion();
  return row;
}
