// Pictures attached to an item: the officers of the submitting unit add and remove them while the
// item is a draft or returned; whoever may read the item may see them. The bytes live under the
// uploads folder by a generated key; the type and size come from the bytes, never the name.
import { and, asc, count, eq } from 'drizzle-orm';
import { requireAccess, type Actor } from '../platform/access';
import { audit } from '../platform/audit';
import { db, type Db } from '../platform/db/client';
import { invalidField, notFound } from '../platform/errors';
import { actorOf, type HttpApp } from '../platform/http';
import {
  acceptPicture,
  discardPicture,
  pictureView,
  receivePicture,
  sendPicture,
} from '../platform/pictures';
import type { Upload } from '../platform/uploads';
import { ErrorBody, IdParams, OkBody } from '../platform/shared/api';
import { ImageParams, MAX_IMAGES, SubmissionImageView } from './contract';
import { loadSubmission, requireRead, requireSubmitter, type LoadedSubmission } from './submission-access';
import { submissionImages } from './tables';

type ImageRow = typeof submissionImages.$inferSelect;

const IMAGE_DIR = 'bulletin-images';

function present(row: ImageRow): SubmissionImageView {
  return pictureView(row, `/api/bulletin/submissions/${row.submissionId}/images/${row.id}`);
}

/** The pictures of an item, in the order they were added. */
export async function imagesOf(tx: Db, submissionId: string): Promise<SubmissionImageView[]> {
  const rows = await tx
    .select()
    .from(submissionImages)
    .where(eq(submissionImages.submissionId, submissionId))
    .orderBy(asc(submissionImages.position), asc(submissionImages.id));
  return rows.map(present);
}

/** Only the officers of the submitting unit change pictures, and only while they may change the text. */
function requireEditable(actor: Actor, item: LoadedSubmission) {
  requireSubmitter(actor, item);
  if (item.row.state !== 'draft' && item.row.state !== 'returned')
    throw invalidField('file', '只有草稿或退回修改的稿件可以修改图片');
}

/** Checks an uploaded file (already on disk) and records it as the item's next picture. */
export async function addImage(
  actor: Actor,
  submissionId: string,
  upload: Upload,
): Promise<SubmissionImageView> {
  requireAccess(actor, 'bulletin:submit');
  // Who may add is checked before the bytes are looked at, so a stranger learns nothing.
  await db.transaction(async (tx) => requireEditable(actor, await loadSubmission(tx, actor, submissionId)));
  return acceptPicture(upload, IMAGE_DIR, (picture) =>
    db.transaction(async (tx) => {
      const item = await loadSubmission(tx, actor, submissionId);
      requireEditable(actor, item);
      const [n] = await tx
        .select({ n: count() })
        .from(submissionImages)
        .where(eq(submissionImages.submissionId, submissionId));
      if ((n?.n ?? 0) >= MAX_IMAGES) throw invalidField('file', `每篇稿件最多 ${MAX_IMAGES} 张图片`);
      const [row] = await tx
        .insert(submissionImages)
        .values({ ...picture, submissionId, position: (n?.n ?? 0) + 1, createdBy: actor.id })
        .returning();
      await audit(tx, actor, {
        action: 'bulletin.addImage',
        entity: 'submission',
        entityId: submissionId,
        orgPath: item.row.orgPath,
        after: row,
      });
      return present(row!);
    }),
  );
}

async function loadImage(tx: Db, submissionId: string, imageId: string): Promise<ImageRow> {
  const [row] = await tx
    .select()
    .from(submissionImages)
    .where(and(eq(submissionImages.id, imageId), eq(submissionImages.submissionId, submissionId)));
  if (!row) throw notFound('图片');
  return row;
}

/** A picture's type and file, for whoever may read its item. */
export async function imageFile(
  actor: Actor,
  submissionId: string,
  imageId: string,
): Promise<{ mimeType: string; key: string; fileName: string }> {
  return db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, submissionId);
    requireRead(actor, item);
    const row = await loadImage(tx, submissionId, imageId);
    return { mimeType: row.mimeType, key: row.storageKey, fileName: row.fileName };
  });
}

/** Removes a picture from a draft or returned item; the file goes once the row is gone. */
export async function deleteImage(actor: Actor, submissionId: string, imageId: string): Promise<void> {
  const key = await db.transaction(async (tx) => {
    const item = await loadSubmission(tx, actor, submissionId);
    requireEditable(actor, item);
    const row = await loadImage(tx, submissionId, imageId);
    await tx.delete(submissionImages).where(eq(submissionImages.id, row.id));
    await audit(tx, actor, {
      action: 'bulletin.deleteImage',
      entity: 'submission',
      entityId: submissionId,
      orgPath: item.row.orgPath,
      before: row,
    });
    return row.storageKey;
  });
  await discardPicture(key);
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['bulletin'];

/** Upload, download and removal of an item's pictures. */
export function imageRoutes(app: HttpApp) {
  app.post(
    '/api/bulletin/submissions/:id/images',
    {
      schema: {
        tags,
        summary: '上传稿件图片（PNG、JPEG、GIF、WebP，每张不超过 10 MB）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: SubmissionImageView, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireAccess(actor, 'bulletin:submit');
      return receivePicture(request, (upload) => addImage(actor, request.params.id, upload));
    },
  );
  app.get(
    '/api/bulletin/submissions/:id/images/:imageId',
    {
      schema: { tags, summary: '稿件图片（原图）', params: ImageParams, response: errors },
    },
    async (request, reply) =>
      sendPicture(reply, await imageFile(actorOf(request), request.params.id, request.params.imageId)),
  );
  app.delete(
    '/api/bulletin/submissions/:id/images/:imageId',
    {
      schema: {
        tags,
        summary: '删除稿件图片（草稿或退回修改的稿件）',
        params: ImageParams,
        response: { 200: OkBody, ...errors },
      },
    },
    async (request) => {
      await deleteImage(actorOf(request), request.params.id, request.params.imageId);
      return { ok: true as const };
    },
  );
}
