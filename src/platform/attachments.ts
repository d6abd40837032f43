// Files a feature attaches to its records (a risk report's supporting documents), under the same
// rules as pictures (pictures.ts stands on this): one file per request of at most
// MAX_ATTACHMENT_BYTES, its type read from its bytes, never its name — a picture (PNG, JPEG, GIF,
// WebP), a PDF, a Word or Excel file (.docx/.xlsx: a zip holding the part that says so; the older
// .doc/.xls: an OLE compound file, told apart by its name) — kept under the uploads folder by a
// generated key, served with its own type and `nosniff`. The feature keeps the rows and decides who
// may add, see and remove.
import { createReadStream, mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from './errors';
import { filesDir } from './files';
import { newId } from './ids';
import { disposition } from './downloads';
import { withUpload, type Upload } from './uploads';
import { readImageHeader } from './image-header';
import { readZipDirectory } from './zip';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  type AttachmentType,
  type AttachmentView,
} from './shared/attachments-contract';

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Where a stored file's bytes are. */
export const storedFilePath = (key: string) => path.join(filesDir('uploads'), key);

/** What a file is, from its bytes (and, for an OLE compound file, its name); null when none of the kinds. */
export async function readFileType(file: string, fileName: string): Promise<AttachmentType | null> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    const image = readImageHeader(head);
    if (image) return image.mime;
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
    if (head.subarray(0, 8).equals(OLE_SIGNATURE)) {
      const ext = path.extname(fileName).toLowerCase();
      if (ext === '.doc') return 'application/msword';
      if (ext === '.xls') return 'application/vnd.ms-excel';
      return null;
    }
    if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
      const zip = await readZipDirectory(fh, size, {
        maxUncompressedBytes: 512 * 2 ** 20,
        maxCompressionRatio: 1000,
      }).catch(() => null);
      if (!zip?.has('[Content_Types].xml')) return null;
      if (zip.has('word/document.xml'))
        return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      if (zip.has('xl/workbook.xml'))
        return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
    return null;
  } finally {
    await fh.close();
  }
}

/** Receives the request's one file and hands it to `use` (the temporary file goes after). */
export function receiveAttachment<T>(
  request: FastifyRequest,
  use: (upload: Upload) => Promise<T>,
): Promise<T> {
  return withUpload(request, { maxBytes: MAX_ATTACHMENT_BYTES, what: '文件' }, use);
}

/** A checked file, moved to its place: the columns a feature's attachment row holds. */
export interface AcceptedFile<M extends string = AttachmentType> {
  id: string;
  fileName: string;
  mimeType: M;
  size: number;
  storageKey: string;
}

/**
 * Moves an uploaded file whose type `check` accepted into `dir` under a new id and lets `record`
 * keep it; if `record` fails, the file goes and the error stands.
 */
export async function storeFile<M extends string, E, T>(
  upload: Upload,
  dir: string,
  found: { mimeType: M; extra: E },
  record: (file: AcceptedFile<M> & E) => Promise<T>,
): Promise<T> {
  mkdirSync(path.join(filesDir('uploads'), dir), { recursive: true });
  const id = newId();
  const storageKey = `${dir}/${id}${ATTACHMENT_TYPES[found.mimeType as AttachmentType] ?? ''}`;
  await rename(upload.path, storedFilePath(storageKey));
  try {
    return await record({
      id,
      fileName: (upload.fileName || '文件').slice(0, 200),
      mimeType: found.mimeType,
      size: upload.size,
      storageKey,
      ...found.extra,
    });
  } catch (error) {
    await discardStoredFile(storageKey);
    throw error;
  }
}

/**
 * Checks that an uploaded file is of a kind attachments take (400 on `file` otherwise) and stores
 * it as storeFile does.
 */
export async function acceptAttachment<T>(
  upload: Upload,
  dir: string,
  record: (file: AcceptedFile) => Promise<T>,
): Promise<T> {
  const mimeType = await readFileType(upload.path, upload.fileName);
  if (!mimeType)
    throw invalidField(
      'file',
      `“${upload.fileName || '文件'}”不是可接受的文件，只接受 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（PNG、JPEG、GIF、WebP）`,
    );
  return storeFile(upload, dir, { mimeType, extra: {} }, record);
}

/** How a stored attachment row is described to the web app, served at `url`. */
export function attachmentView(
  row: Omit<AcceptedFile, 'storageKey' | 'mimeType'> & { mimeType: string; createdAt: Date },
  url: string,
): AttachmentView {
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    url,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Removes a stored file's bytes (after its row is gone, or when recording it failed). */
export async function discardStoredFile(key: string): Promise<void> {
  await rm(storedFilePath(key), { force: true });
}

/**
 * Streams a stored file with its own type; `nosniff` keeps browsers from guessing another. Pictures
 * and PDFs open in the browser, Word and Excel files download.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mimeType: string; key: string; fileName: string },
) {
  const inline = file.mimeType.startsWith('image/') || file.mimeType === 'application/pdf';
  void reply
    .type(file.mimeType)
    .header('cache-control', 'private, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', disposition(file.fileName, inline))
    .send(createReadStream(storedFilePath(file.key)));
  return reply;
}

/** The bytes of a stored file (for a feature that reads one back, e.g. into a document). */
export const readStoredFile = (key: string) => readFile(storedFilePath(key));
