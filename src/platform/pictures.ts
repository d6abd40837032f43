// Pictures a feature attaches to its records, under the same rules everywhere: one file per
// request of at most MAX_IMAGE_BYTES, its type read from its bytes (PNG, JPEG, GIF or WebP, never
// the name), kept and served as attachments are (attachments.ts), with their pixel size. The
// feature keeps the rows and decides who may add, see and remove.
import { readFile } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { invalidField } from './errors';
import { withUpload, type Upload } from './uploads';
import { readImageHeader, type ImageHeader } from './image-header';
import { MAX_IMAGE_BYTES, type PictureView } from './shared/pictures-contract';
import {
  discardStoredFile,
  sendStoredFile,
  storedFilePath,
  storeFile,
  type AcceptedFile,
} from './attachments';

/** Where a stored picture's bytes are. */
export const picturePath = storedFilePath;

/** Receives the request's one picture and hands it to `use` (the temporary file goes after). */
export function receivePicture<T>(request: FastifyRequest, use: (upload: Upload) => Promise<T>): Promise<T> {
  return withUpload(request, { maxBytes: MAX_IMAGE_BYTES, what: '图片' }, use);
}

/** A checked picture, moved to its place: the columns a feature's picture row holds. */
export type AcceptedPicture = AcceptedFile<ImageHeader['mime']> & { width: number; height: number };

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
  return storeFile(
    { ...upload, fileName },
    dir,
    { mimeType: header.mime, extra: { width: header.width, height: header.height } },
    record,
  );
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
export const discardPicture = discardStoredFile;

/** Streams a stored picture with its own type; `nosniff` keeps browsers from guessing another. */
export const sendPicture = sendStoredFile;
