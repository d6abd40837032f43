// What the studios' rooms may ask of the model workers register.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { newId } from '../../platform/ids';
import type { ModelWorkerLevel, ModelWorkerRef } from './contract';
import { modelWorkers } from './tables';

/** The model workers of `ids` as references, with the path of the unit keeping each record. */
export async function modelWorkerRefs(
  tx: Db,
  ids: readonly string[],
): Promise<Map<string, ModelWorkerRef & { orgPath: string; status: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({
      id: modelWorkers.id,
      name: modelWorkers.name,
      level: modelWorkers.level,
      year: modelWorkers.year,
      unitName: modelWorkers.unitName,
      orgPath: modelWorkers.orgPath,
      status: modelWorkers.status,
    })
    .from(modelWorkers)
    .where(inArray(modelWorkers.id, unique));
  return new Map(rows.map((r) => [r.id, { ...r, level: r.level as ModelWorkerLevel }]));
}

/** A new model worker's columns (the register's own writes and the studios' demo use this). */
export type NewModelWorker = Omit<
  typeof modelWorkers.$inferInsert,
  'id' | 'namePairs' | 'version' | 'createdAt' | 'updatedAt'
>;

/** Inserts model workers as they are (the caller has validated and audits); returns their ids. */
export async function insertModelWorkers(tx: Db, rows: readonly NewModelWorker[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const withIds = rows.map((r) => ({ ...r, id: newId() }));
  for (let i = 0; i < withIds.length; i += 500)
    await tx.insert(modelWorkers).values(withIds.slice(i, i + 500));
  return withIds.map((r) => r.id);
}
