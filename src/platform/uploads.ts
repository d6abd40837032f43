// Receiving an uploaded file: the request's one multipart file is written to a temporary file
// under the files folder, with its size bounded and its name made safe to show and store. A
// broken upload (truncated body, missing boundary, bad part header) answers 400, an oversize one
// 413, and the temporary file never outlives the work done with it.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, invalidField } from './errors';
import { filesDir } from './files';
import { newId } from './ids';
import { storable, UNSTORABLE_MESSAGE } from './shared/api';

export interface Upload {
  /** The temporary file holding the bytes. */
  path: string;
  /** The name the user's file had, cleaned of control characters and folders. */
  fileName: string;
  size: number;
}

export interface UploadOptions {
  maxBytes: number;
  /** What the user is asked to choose, e.g. 文件, 图片. */
  what?: string;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * The name as the user's file had it: percent-decoded (some clients encode it), without folders or
 * control characters; null when it holds a NUL or a lone surrogate, which no database can store.
 */
export function cleanFileName(raw: string): string | null {
  let name = raw;
  if (/%[0-9a-f]{2}/i.test(name)) {
    try {
      name = decodeURIComponent(name);
    } catch {
      // not percent-encoding after all
    }
  }
  if (!storable(name)) return null;
  name = [...name].filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f').join('');
  name = name.split(/[/\\]/).pop() ?? '';
  return [...name].slice(-200).join('').trim();
}

function brokenUpload(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status < 500) return err; // the framework's size and type errors
  return new AppError(400, 'BAD_UPLOAD', '上传的内容不完整或格式不正确，请重新上传', [
    { field: 'file', message: '上传的内容不完整或格式不正确' },
  ]);
}

/**
 * Writes the request's file to a temporary file and returns it; the caller removes it (or uses
 * `withUpload`, which does). 400 without a file or for a broken body, 413 beyond `maxBytes`.
 */
export async function receiveUpload(request: FastifyRequest, options: UploadOptions): Promise<Upload> {
  const what = options.what ?? '文件';
  let target: string | undefined;
  try {
    const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1 } });
    if (!part) throw invalidField('file', `请选择要上传的${what}`);
    const fileName = cleanFileName(part.filename);
    if (fileName === null) {
      part.file.resume();
      throw invalidField('file', `${what}的文件名${UNSTORABLE_MESSAGE}`);
    }
    const ext = path
      .extname(fileName)
      .replace(/[^.\w]/g, '')
      .slice(0, 10);
    target = path.join(filesDir('uploads'), `${newId()}${ext}`);
    await pipeline(part.file, createWriteStream(target));
    if (part.file.truncated)
      throw new AppError(413, 'TOO_LARGE', `${what}超过 ${mb(options.maxBytes)} 上限`, [
        { field: 'file', message: `${what}超过 ${mb(options.maxBytes)} 上限` },
      ]);
    return { path: target, fileName, size: part.file.bytesRead };
  } catch (err) {
    if (target) await rm(target, { force: true });
    throw brokenUpload(err);
  }
}

/** Receives the request's file, hands it to `work`, and removes the temporary file afterwards. */
export async function withUpload<T>(
  request: FastifyRequest,
  options: UploadOptions,
  work: (upload: Upload) => Promise<T>,
): Promise<T> {
  const upload = await receiveUpload(request, options);
  try {
    return await work(upload);
  } finally {
    await rm(upload.path, { force: true });
  }
}
