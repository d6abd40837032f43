// Pictures a feature attaches to its records, under the same rules everywhere: one file per
// request of at most MAX_IMAGE_BYTES, its type read from its bytes (PNG, JPEG, GIF or WebP, never
// the name), kept under the uploads folder by a generated key, served with its own type and
// `nosniff`. The feature keeps the rows and decides who may add, see and remove.
import { createReadStream, mkdirSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from './errors';
import { filesDir } from './files';
import { newId } from './ids';
import { disposition } from './downloads';
import { withUpload, type Upload } from './uploads';
import { readImageHeader, type ImageHeader } from './image-header';
import { MAX_IMAGE_BYTES, type PictureView } from './shared/pictures-contract';

const EXTENSIONS: Record<ImageHeader['mime'], string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/** Where a stored picture's bytes are. */
export const picturePath = (key: string) => path.join(filesDir('uploads'), key);

/** Receives the request's one picture and hands it to `use` (the temporary file goes after). */
export function receivePicture<T>(request: FastifyRequest, use: (upload: Upload) => Promise<T>): Promise<T> {
  return withUpload(request, { maxBytes: MAX_IMAGE_BYTES, what: '图片' }, use);
}

/** A checked picture, moved to its place: the columns a feature's picture row holds. */
export interface AcceptedPicture {
  id: string;
  fileName: string;
  mimeType: ImageHeader['mime'];
  size: number;
  width: number;
  height: number;
  storageKey: string;
}

/**
 * Checks that an uploaded file is a picture (400 on `file` otherwise), moves it into `dir` under
 * a new id and lets `record` keep it; if `record` fails, the file goes and the error stands.
 */
export async function acceptPicture<T>(
  upload: Upload,
  dir: string,
  record: (picture: AcceptedPicture) => Promise<T>,
): Promise<T> {
  const fileName = upload.fileName || '图片';
  const header = readImageHeader(await readFile(upload.path));
  if (!header)
    throw invalidField('file', `“${fileName}”不是可识别的图片，只接受 PNG、JPEG、GIF 或 WebP 格式`);
  mkdirSync(path.join(filesDir('uploads'), dir), { recursive: true });
  const id = newId();
  const storageKey = `${dir}/${id}${EXTENSIONS[header.mime]}`;
  await rename(upload.path, picturePath(storageKey));
  try {
    return await record({
      id,
      fileName: fileName.slice(0, 200),
      mimeType: header.mime,
      size: upload.size,
      width: header.width,
      height: header.height,
      storageKey,
    });
  } catch (error) {
    await discardPicture(storageKey);
    throw error;
  }
}

/** How a stored picture row is described to the web app, served at `url`. */
export function pictureView(
  row: Omit<AcceptedPicture, 'storageKey' | 'mimeType'> & { mimeType: string; createdAt: Date },
  url: string,
): PictureView {
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    width: row.width,
    height: row.height,
    url,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Removes a stored picture's bytes (after its row is gone, or when recording it failed). */
export async function discardPicture(key: string): Promise<void> {
  await rm(picturePath(key), { force: true });
}

/** Streams a stored picture with its own type; `nosniff` keeps browsers from guessing another. */
export function sendPicture(reply: FastifyReply, file: { mimeType: string; key: string; fileName: string }) {
  void reply
    .type(file.mimeType)
    .header('cache-control', 'private, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', disposition(file.fileName, true))
    .send(createReadStream(picturePath(file.key)));
  return reply;
}
