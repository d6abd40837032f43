// Bulk loads into empty tables: indexes built once at the end instead of row by row.
import { sql } from 'drizzle-orm';
import { execute, type Db } from './client';

interface Deferred {
  table: string;
  indexes: { name: string; definition: string }[];
  foreignKeys: { name: string; definition: string }[];
}

/**
 * Runs `load`, which fills `tables` (by COPY, say) inside the transaction `tx`. When every one
 * of them is empty, their secondary indexes and foreign keys are dropped first and made again
 * from their own definitions once `load` is done, in the same transaction: one index build over
 * all the rows is several times faster than keeping the index up row by row, and a foreign key
 * is then checked by one join instead of once per row. A table that already holds rows is
 * loaded as it is. The tables are analysed afterwards either way. `onIndex` hears the name of
 * each index and foreign key as its build or check starts.
 */
export async function loadIntoEmptyTables<T>(
  tx: Db,
  tables: readonly string[],
  load: () => Promise<T>,
  onIndex?: (name: string, kind: 'index' | 'foreign key') => void,
): Promise<T> {
  let empty = true;
  for (const table of tables) {
    const [row] = await execute<{ found: boolean }>(
      tx,
      sql`select exists (select 1 from ${sql.identifier(table)}) as found`,
    );
    if (row?.found) empty = false;
  }
  const deferred: Deferred[] = [];
  if (empty) {
    for (const table of tables) {
      // Indexes that back no constraint (primary keys stay: other tables' keys may refer to them).
      const indexes = await execute<{ name: string; definition: string }>(
        tx,
        sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
              from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = ${table}::regclass
               and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
             order by c.relname`,
      );
      const foreignKeys = await execute<{ name: string; definition: string }>(
        tx,
        sql`select conname as name, pg_get_constraintdef(oid) as definition
              from pg_constraint where conrelid = ${table}::regclass and contype = 'f'
             order by conname`,
      );
      deferred.push({ table, indexes, foreignKeys });
    }
    for (const { table, indexes, foreignKeys } of deferred) {
      for (const fk of foreignKeys)
        await tx.execute(
          sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(fk.name)}`,
        );
      for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`);
    }
  }
  const result = await load();
  if (deferred.length) {
    // Sorting for an index build beyond this memory spills to temporary files.
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const { table, indexes, foreignKeys } of deferred) {
      for (const index of indexes) {
        onIndex?.(index.name, 'index');
        await tx.execute(sql.raw(index.definition));
      }
      for (const fk of foreignKeys) {
        onIndex?.(fk.name, 'foreign key');
        await tx.execute(
          sql`alter table ${sql.identifier(table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`,
        );
      }
    }
  }
  for (const table of tables) await tx.execute(sql`analyze ${sql.identifier(table)}`);
  return result;
}
