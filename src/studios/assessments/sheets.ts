// The score sheets (考核表) of the yearly assessment: one per year, set by the city's studio staff.
// A sheet can be changed until the first studio assessed with it is scored: after that a change
// would make the scores already given mean something else.
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireAccess, type Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { db, type Db } from '../../platform/db/client';
import { conflict, forbidden, notFound, staleVersion } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { actsForCity } from '../register/studios-service';
import type { SheetBody, SheetEditBody, SheetList, SheetView } from './contract';
import { assessmentSheets, studioAssessments } from './tables';

export type SheetRow = typeof assessmentSheets.$inferSelect;

/** Presents sheets with how many assessments use them and whether scoring began. */
export async function presentSheets(tx: Db, rows: SheetRow[]): Promise<SheetView[]> {
  if (!rows.length) return [];
  const usage = await tx
    .select({
      sheetId: studioAssessments.sheetId,
      n: sql<number>`count(*)::int`,
      scored: sql<number>`count(*) filter (where ${studioAssessments.state} <> 'open')::int`,
    })
    .from(studioAssessments)
    .where(
      sql`${studioAssessments.sheetId} in (${sql.join(
        rows.map((r) => sql`${r.id}`),
        sql`, `,
      )})`,
    )
    .groupBy(studioAssessments.sheetId);
  const bySheet = new Map(usage.map((u) => [u.sheetId, u]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    year: r.year,
    criteria: r.criteria.map((c) => ({ ...c, evidence: c.evidence ?? null })),
    excellentFrom: r.excellentFrom,
    passFrom: r.passFrom,
    failsToRevoke: r.failsToRevoke,
    assessments: Number(bySheet.get(r.id)?.n ?? 0),
    locked: Number(bySheet.get(r.id)?.scored ?? 0) > 0,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** The sheets, latest year first: for everyone who reads studios (the district scores by them). */
export async function listSheets(actor: Actor): Promise<SheetList> {
  requireAccess(actor, 'studio:read');
  return db.readTransaction(async (tx) => {
    const rows = await tx.select().from(assessmentSheets).orderBy(desc(assessmentSheets.year));
    return { items: await presentSheets(tx, rows) };
  });
}

/** The city's studio staff set the sheets. */
function requireCity(actor: Actor) {
  requireAccess(actor, 'studio:manage');
  if (!actsForCity(actor)) throw forbidden('考核表由市总工会制定');
}

async function yearTaken(tx: Db, year: number, except?: string) {
  const [other] = await tx
    .select({ id: assessmentSheets.id })
    .from(assessmentSheets)
    .where(and(eq(assessmentSheets.year, year), except ? ne(assessmentSheets.id, except) : undefined));
  if (other) throw conflict(`${year} 年度已有考核表，请修改该表`);
}

/** Creates the score sheet of a year. */
export async function createSheet(actor: Actor, input: z.output<typeof SheetBody>): Promise<SheetView> {
  requireCity(actor);
  return db.transaction(async (tx) => {
    await yearTaken(tx, input.year);
    const at = now();
    const [row] = await tx
      .insert(assessmentSheets)
      .values({ id: newId(), ...input, createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning();
    await audit(tx, actor, {
      action: 'studio.assessmentSheet.create',
      entity: 'assessmentSheet',
      entityId: row!.id,
      orgPath: actor.scopePath,
      after: row,
    });
    return (await presentSheets(tx, [row!]))[0]!;
  });
}

/** Changes a sheet no studio has yet been scored with. */
export async function updateSheet(
  actor: Actor,
  id: string,
  input: z.output<typeof SheetEditBody>,
): Promise<SheetView> {
  requireCity(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(assessmentSheets).where(eq(assessmentSheets.id, id)).for('update');
    if (!row) throw notFound('考核表');
    if (row.version !== input.version) throw staleVersion();
    const [current] = await presentSheets(tx, [row]);
    if (current!.locked) throw conflict('已有工作室按此表评分，考核表不能再修改');
    if (input.year !== row.year) {
      if (current!.assessments > 0) throw conflict('已按此表开展考核，不能改变年度');
      await yearTaken(tx, input.year, row.id);
    }
    const { version: _version, ...values } = input;
    const [after] = await tx
      .update(assessmentSheets)
      .set({ ...values, version: row.version + 1, updatedAt: now() })
      .where(and(eq(assessmentSheets.id, row.id), eq(assessmentSheets.version, row.version)))
      .returning();
    if (!after) throw staleVersion();
    await audit(tx, actor, {
      action: 'studio.assessmentSheet.update',
      entity: 'assessmentSheet',
      entityId: row.id,
      orgPath: actor.scopePath,
      before: row,
      after,
    });
    return (await presentSheets(tx, [after]))[0]!;
  });
}
