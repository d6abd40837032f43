// The named batches of designation (命名批次, 2011年第一批): kept by the city, each at one level with
// its awarding body, plaque date and ceremony; the studios of the reader's scope designated in
// each, and for the city the approved applications of the batch's level waiting to enter it.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, scopeFilter, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, forbidden, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type {
  BatchBody,
  BatchDetail,
  BatchEditBody,
  BatchList,
  BatchQuery,
  BatchView,
  StudioLevel,
} from './contract';
import { mayAct, presentStudios } from './service';
import { actsForCity } from './studios-service';
import { studioBatches, studioDesignations, studios } from './tables';

type BatchRow = typeof studioBatches.$inferSelect;

const NAME_TAKEN = (name: string) =>
  conflict(`命名批次“${name}”已存在，请换一个名称`, [{ field: 'name', message: `命名批次“${name}”已存在` }]);

/** The count of each batch's studios within the actor's scope. */
async function countsOf(tx: Db, actor: Actor, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ batchId: studioDesignations.batchId, n: sql<number>`count(distinct ${studios.id})::int` })
    .from(studioDesignations)
    .innerJoin(studios, eq(studios.id, studioDesignations.studioId))
    .where(and(scopeFilter(actor, studios.orgPath), inArray(studioDesignations.batchId, ids)))
    .groupBy(studioDesignations.batchId);
  return new Map(rows.map((r) => [r.batchId, Number(r.n)]));
}

function present(row: BatchRow, count: number): BatchView {
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    level: row.level as StudioLevel,
    awardingBody: row.awardingBody,
    plaqueOn: row.plaqueOn,
    ceremony: row.ceremony,
    studioCount: count,
    version: row.version,
  };
}

/** Every batch (the latest first), with the count of the reader's studios designated in each. */
export async function listBatches(actor: Actor, query: z.output<typeof BatchQuery>): Promise<BatchList> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const rows = await tx
      .select()
      .from(studioBatches)
      .where(
        and(
          query.year !== undefined ? eq(studioBatches.year, query.year) : undefined,
          query.level ? eq(studioBatches.level, query.level) : undefined,
        ),
      )
      .orderBy(desc(studioBatches.plaqueOn), asc(studioBatches.name));
    const counts = await countsOf(
      tx,
      actor,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => present(r, counts.get(r.id) ?? 0)) };
  });
}

/** One batch with its studios and, for the city, the approved applications it may take. */
export async function getBatch(actor: Actor, id: string): Promise<BatchDetail> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => batchDetail(tx, actor, id));
}

async function batchDetail(tx: Db, actor: Actor, id: string): Promise<BatchDetail> {
  const [row] = await tx.select().from(studioBatches).where(eq(studioBatches.id, id));
  if (!row) throw notFound('命名批次');
  const designated = await tx
    .select()
    .from(studios)
    .where(
      and(
        scopeFilter(actor, studios.orgPath),
        sql`exists (select 1 from ${studioDesignations} d where d.studio_id = ${studios.id} and d.batch_id = ${id})`,
      ),
    )
    .orderBy(asc(studios.hostUnitName), asc(studios.name), asc(studios.id));
  const candidates = mayAct(actor, 'designate')
    ? await tx
        .select()
        .from(studios)
        .where(
          and(
            eq(studios.state, 'approved'),
            eq(studios.appliedLevel, row.level),
            scopeFilter(actor, studios.orgPath),
          ),
        )
        .orderBy(asc(studios.updatedAt), asc(studios.id))
        .limit(500)
    : [];
  return {
    ...present(row, designated.length),
    studios: await presentStudios(tx, designated),
    candidates: await presentStudios(tx, candidates),
  };
}

function requireCity(actor: Actor) {
  requireAccess(actor, 'studio:manage');
  if (!actsForCity(actor)) throw forbidden('命名批次由市总工会设立');
}

/** The city opens a batch of designation; its name is unique. */
export async function createBatch(actor: Actor, input: z.output<typeof BatchBody>): Promise<BatchDetail> {
  requireCity(actor);
  return db.transaction(async (tx) => {
    const [same] = await tx
      .select({ id: studioBatches.id })
      .from(studioBatches)
      .where(eq(studioBatches.name, input.name));
    if (same) throw NAME_TAKEN(input.name);
    const [row] = await tx
      .insert(studioBatches)
      .values({ id: newId(), ...input, createdBy: actor.id, createdAt: now() })
      .returning();
    await audit(tx, actor, {
      action: 'studio.batch.create',
      entity: 'studioBatch',
      entityId: row!.id,
      orgPath: actor.scopePath,
      after: row,
    });
    return batchDetail(tx, actor, row!.id);
  });
}

/**
 * The city changes a batch: a new plaque date moves its studios' plaque dates with it; its level
 * stays once studios are designated in it.
 */
export async function updateBatch(
  actor: Actor,
  id: string,
  input: z.output<typeof BatchEditBody>,
): Promise<BatchDetail> {
  requireCity(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(studioBatches).where(eq(studioBatches.id, id)).for('update');
    if (!row) throw notFound('命名批次');
    if (row.version !== input.version) throw staleVersion();
    const [same] = await tx
      .select({ id: studioBatches.id })
      .from(studioBatches)
      .where(and(eq(studioBatches.name, input.name), ne(studioBatches.id, id)));
    if (same) throw NAME_TAKEN(input.name);
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(studioDesignations)
      .where(eq(studioDesignations.batchId, id));
    const designations = Number(used?.n ?? 0);
    if (designations > 0 && input.level !== row.level)
      throw conflict(`该批次已命名 ${designations} 个工作室，不能再改变批次级别`, [
        { field: 'level', message: '已有工作室在该批次命名，级别不能修改' },
      ]);
    const { version, ...values } = input;
    const [updated] = await tx
      .update(studioBatches)
      .set({ ...values, version: version + 1 })
      .where(and(eq(studioBatches.id, id), eq(studioBatches.version, version)))
      .returning();
    if (!updated) throw staleVersion();
    if (updated.plaqueOn !== row.plaqueOn) {
      await tx
        .update(studioDesignations)
        .set({ plaqueOn: updated.plaqueOn })
        .where(eq(studioDesignations.batchId, id));
      await tx
        .update(studios)
        .set({ plaqueOn: updated.plaqueOn, designatedOn: updated.plaqueOn })
        .where(eq(studios.batchId, id));
    }
    await audit(tx, actor, {
      action: 'studio.batch.update',
      entity: 'studioBatch',
      entityId: id,
      orgPath: actor.scopePath,
      before: row,
      after: updated,
    });
    return batchDetail(tx, actor, id);
  });
}
