// Pictures of a visit (走访照片), under the platform's picture rules (platform/pictures.ts): whoever
// may record services for the enterprise adds and removes them, whoever sees the visit sees them.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { invalidField, notFound } from '../platform/errors';
import { acceptPicture, discardPicture, pictureView } from '../platform/pictures';
import type { Upload } from '../platform/uploads';
import type { PictureView } from '../platform/shared/pictures-contract';
import { MAX_VISIT_IMAGES } from './contract';
import { serviceVisitImages, serviceVisits } from './tables';

type ImageRow = typeof serviceVisitImages.$inferSelect;

const IMAGE_DIR = 'service-visit-images';

const present = (row: ImageRow): PictureView =>
  pictureView(row, `/api/service/visits/${row.visitId}/images/${row.id}`);

/** The pictures of each of the visits, in the order they were added. */
export async function picturesOf(tx: Db, visitIds: string[]): Promise<Map<string, PictureView[]>> {
  const out = new Map<string, PictureView[]>();
  if (!visitIds.length) return out;
  const rows = await tx
    .select()
    .from(serviceVisitImages)
    .where(inArray(serviceVisitImages.visitId, visitIds))
    .orderBy(asc(serviceVisitImages.position), asc(serviceVisitImages.id));
  for (const row of rows) out.set(row.visitId, [...(out.get(row.visitId) ?? []), present(row)]);
  return out;
}

/** A visit of the actor's scope (404 otherwise). */
async function loadVisit(tx: Db, actor: Actor, id: string) {
  const [row] = await tx
    .select({ id: serviceVisits.id, orgPath: serviceVisits.orgPath })
    .from(serviceVisits)
    .where(eq(serviceVisits.id, id));
  if (!row || !row.orgPath.startsWith(actor.scopePath)) throw notFound('走访记录');
  return row;
}

/** Checks an uploaded file and records it as the visit's next picture. */
export async function addVisitPicture(actor: Actor, visitId: string, upload: Upload): Promise<PictureView> {
  requireAccess(actor, 'service:record');
  // Who may add is checked before the bytes are looked at, so a stranger learns nothing.
  await db.readTransaction((tx) => loadVisit(tx, actor, visitId));
  return acceptPicture(upload, IMAGE_DIR, (picture) =>
    db.transaction(async (tx) => {
      const visit = await loadVisit(tx, actor, visitId);
      const [n] = await tx
        .select({ n: count() })
        .from(serviceVisitImages)
        .where(eq(serviceVisitImages.visitId, visitId));
      if ((n?.n ?? 0) >= MAX_VISIT_IMAGES)
        throw invalidField('file', `每次走访最多 ${MAX_VISIT_IMAGES} 张照片`);
      const [row] = await tx
        .insert(serviceVisitImages)
        .values({ ...picture, visitId, position: (n?.n ?? 0) + 1, createdBy: actor.id })
        .returning();
      await audit(tx, actor, {
        action: 'service.addVisitImage',
        entity: 'serviceVisit',
        entityId: visitId,
        orgPath: visit.orgPath,
        after: row,
      });
      return present(row!);
    }),
  );
}

async function loadImage(tx: Db, visitId: string, imageId: string): Promise<ImageRow> {
  const [row] = await tx
    .select()
    .from(serviceVisitImages)
    .where(and(eq(serviceVisitImages.id, imageId), eq(serviceVisitImages.visitId, visitId)));
  if (!row) throw notFound('照片');
  return row;
}

/** A picture's type and stored key, for whoever sees the visit. */
export async function visitPictureFile(
  actor: Actor,
  visitId: string,
  imageId: string,
): Promise<{ mimeType: string; key: string; fileName: string }> {
  requireAccess(actor, 'service:read');
  return db.readTransaction(async (tx) => {
    await loadVisit(tx, actor, visitId);
    const row = await loadImage(tx, visitId, imageId);
    return { mimeType: row.mimeType, key: row.storageKey, fileName: row.fileName };
  });
}

/** Removes a picture of a visit; the file goes once the row is gone. */
export async function deleteVisitPicture(actor: Actor, visitId: string, imageId: string): Promise<void> {
  requireAccess(actor, 'service:record');
  const key = await db.transaction(async (tx) => {
    const visit = await loadVisit(tx, actor, visitId);
    const row = await loadImage(tx, visitId, imageId);
    await tx.delete(serviceVisitImages).where(eq(serviceVisitImages.id, row.id));
    await audit(tx, actor, {
      action: 'service.deleteVisitImage',
      entity: 'serviceVisit',
      entityId: visitId,
      orgPath: visit.orgPath,
      before: row,
    });
    return row.storageKey;
  });
  await discardPicture(key);
}
