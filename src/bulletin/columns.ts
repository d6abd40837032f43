import { asc, eq, inArray } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { invalidField } from '../platform/errors';
import { newId } from '../platform/ids';
import type { ColumnList, ColumnView, ColumnsBody } from './contract';
import { bulletinColumns } from './tables';

type ColumnRow = typeof bulletinColumns.$inferSelect;
type ColumnsInput = ReturnType<typeof ColumnsBody.parse>;

function present(row: ColumnRow): ColumnView {
  return { id: row.id, name: row.name, sortOrder: row.sortOrder, active: row.active };
}

/** Every column, in display order, keyed by id (the table is small). */
export async function columnsById(tx: Db): Promise<Map<string, ColumnRow>> {
  const rows = await tx.select().from(bulletinColumns);
  return new Map(rows.map((r) => [r.id, r]));
}

/** An active column for `field`, or 400 naming the field. */
export async function activeColumn(tx: Db, id: string, field: string): Promise<ColumnRow> {
  const [row] = await tx.select().from(bulletinColumns).where(eq(bulletinColumns.id, id));
  if (!row || !row.active) throw invalidField(field, '栏目不存在或已停用');
  return row;
}

/** The bulletin's columns, in display order (officers choose a suggested column from them). */
export async function listColumns(actor: Actor): Promise<ColumnList> {
  requireAccess(actor, ['bulletin:submit', 'bulletin:edit']);
  const rows = await db.transaction((tx) =>
    tx.select().from(bulletinColumns).orderBy(asc(bulletinColumns.sortOrder), asc(bulletinColumns.name)),
  );
  return { items: rows.map(present) };
}

/**
 * Replaces the column configuration: listed columns in the given order, new ones created, the
 * rest deactivated (never deleted: adopted items keep their column).
 */
export async function setColumns(actor: Actor, input: ColumnsInput): Promise<ColumnList> {
  requireAccess(actor, 'bulletin:edit');
  return db.transaction(async (tx) => {
    const before = await tx.select().from(bulletinColumns);
    const byId = new Map(before.map((r) => [r.id, r]));
    const seen = new Set<string>();
    input.columns.forEach((c, i) => {
      if (c.id && !byId.has(c.id)) throw invalidField(`columns.${i}.id`, '栏目不存在');
      if (seen.has(c.name)) throw invalidField(`columns.${i}.name`, `栏目名称“${c.name}”重复`);
      seen.add(c.name);
    });
    const listed = new Set(input.columns.map((c) => c.id).filter((id): id is string => !!id));
    for (const row of before) {
      if (!listed.has(row.id) && seen.has(row.name)) {
        const i = input.columns.findIndex((c) => c.name === row.name);
        throw invalidField(`columns.${i}.name`, `已有同名栏目“${row.name}”，请直接启用它`);
      }
    }
    if (!input.columns.some((c) => c.active)) throw invalidField('columns', '至少启用一个栏目');
    const dropped = before.filter((r) => !listed.has(r.id)).map((r) => r.id);
    if (dropped.length)
      await tx
        .update(bulletinColumns)
        .set({ active: false, updatedAt: new Date() })
        .where(inArray(bulletinColumns.id, dropped));
    // Free the names first so that two columns may swap names within one save.
    for (const c of input.columns)
      if (c.id)
        await tx
          .update(bulletinColumns)
          .set({ name: `~${c.id}` })
          .where(eq(bulletinColumns.id, c.id));
    for (const [i, c] of input.columns.entries()) {
      if (c.id)
        await tx
          .update(bulletinColumns)
          .set({ name: c.name, sortOrder: i + 1, active: c.active, updatedAt: new Date() })
          .where(eq(bulletinColumns.id, c.id));
      else
        await tx
          .insert(bulletinColumns)
          .values({ id: newId(), name: c.name, sortOrder: i + 1, active: c.active });
    }
    const after = await tx
      .select()
      .from(bulletinColumns)
      .orderBy(asc(bulletinColumns.sortOrder), asc(bulletinColumns.name));
    await audit(tx, actor, {
      action: 'bulletin.setColumns',
      entity: 'bulletinColumns',
      entityId: 'bulletin',
      orgPath: actor.scopePath,
      before: before.map(present),
      after: after.map(present),
    });
    return { items: after.map(present) };
  });
}
