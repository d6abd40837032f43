// Adopted items of the bulletin as other features read them: an item's title, day, unit and the
// figures found in its printed text (by id), and a search of adopted items by text within a
// scope. Read-only: nothing here changes how the bulletin works.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import { chinaDay } from '../platform/shared/dates';
import { likeText, orgRefs } from '../orgs/service';
import { submissions, textFigures } from './tables';

/** States of an item that the editors adopted (then possibly printed in an issue). */
const ADOPTED = ['adopted', 'published'];

/** An adopted item with its figures: values normalised by their magnitude, exact as text. */
export interface AdoptedItem {
  id: string;
  title: string;
  /** The day it was adopted (China time). */
  adoptedOn: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  figures: { position: number; raw: string; value: string; unit: string; approximate: boolean }[];
}

const columns = {
  id: submissions.id,
  title: sql<string>`coalesce(${submissions.editedTitle}, ${submissions.title})`,
  adoptedAt: submissions.adoptedAt,
  orgId: submissions.orgId,
  orgPath: submissions.orgPath,
};

async function withFigures(
  tx: Db,
  rows: { id: string; title: string; adoptedAt: Date | null; orgId: string; orgPath: string }[],
): Promise<AdoptedItem[]> {
  if (!rows.length) return [];
  const units = await orgRefs(
    tx,
    rows.map((r) => r.orgId),
  );
  const figures = await tx
    .select()
    .from(textFigures)
    .where(
      and(
        eq(textFigures.source, 'submission'),
        inArray(
          textFigures.sourceId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(textFigures.position));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    adoptedOn: r.adoptedAt ? chinaDay(r.adoptedAt) : null,
    orgId: r.orgId,
    orgName: units.get(r.orgId)?.name ?? '',
    orgPath: r.orgPath,
    figures: figures
      .filter((f) => f.sourceId === r.id)
      .map((f) => ({
        position: f.position,
        raw: f.raw,
        value: f.value,
        unit: f.unit,
        approximate: f.approximate,
      })),
  }));
}

/** Adopted items by id, with their figures (items not adopted are left out). */
export async function adoptedItemsByIds(tx: Db, ids: string[]): Promise<Map<string, AdoptedItem>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select(columns)
    .from(submissions)
    .where(and(inArray(submissions.id, [...new Set(ids)]), inArray(submissions.state, ADOPTED)));
  return new Map((await withFigures(tx, rows)).map((i) => [i.id, i]));
}

/** Adopted items of units under `scopePath` whose title or text contains `q`, newest first. */
export async function searchAdoptedItems(
  tx: Db,
  scopePath: string,
  q: string | undefined,
  limit: number,
): Promise<AdoptedItem[]> {
  const conditions = [
    sql`${submissions.orgPath} like ${scopePath + '%'}`,
    inArray(submissions.state, ADOPTED),
  ];
  if (q) {
    const like = likeText(q);
    conditions.push(
      sql`(coalesce(${submissions.editedTitle}, ${submissions.title}) ilike ${like} or coalesce(${submissions.editedBody}, ${submissions.body}) ilike ${like})`,
    );
  }
  const rows = await tx
    .select(columns)
    .from(submissions)
    .where(and(...conditions))
    .orderBy(desc(submissions.adoptedAt), asc(submissions.id))
    .limit(limit);
  return withFigures(tx, rows);
}
