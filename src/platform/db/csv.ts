import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * One line of CSV for COPY … WITH (FORMAT csv): null and undefined become NULL (an unquoted
 * empty field), text is always quoted so that '' stays an empty string, objects become JSON.
 */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans never need quotes; bulk loads write millions of them.
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}

/**
 * COPY column names and a line writer for a Drizzle table, so that the order of values can
 * never drift from the order of columns. `keys` limits it to the columns a load fills (the
 * others keep their defaults).
 */
export function copyShape<T extends PgTable, K extends keyof T['$inferInsert'] & string>(
  table: T,
  keys: readonly K[],
) {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return {
    table: getTableName(table),
    columns: keys.map((k) => columns[k]!.name),
    line: (row: Pick<T['$inferInsert'], K>) => csvLine(keys.map((k) => row[k])),
  };
}
