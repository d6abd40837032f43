// Reads zip archives (.xlsx, .docx) from a file: the central directory with zip bombs refused
// by their declared sizes before anything is inflated, and each entry streamed, never inflated
// past its declared size, with its CRC checked. Errors are ZipError (400) with a stable code;
// a feature maps them to its own message when it needs to name its file type.

import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from './errors';

export type ZipErrorCode = 'CORRUPT' | 'TOO_MANY_ENTRIES' | 'TOO_LARGE' | 'ENCRYPTED';

/** The archive cannot be read: a stable code, a message for the user in Chinese, details for logs. */
export class ZipError extends AppError {
  constructor(
    readonly zipCode: ZipErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(400, `ZIP_${zipCode}`, message, details);
    this.name = 'ZipError';
  }

  /** What went wrong inside the archive, for logs (not for the user). */
  get detail(): string | undefined {
    const d = this.details as Record<string, unknown> | undefined;
    return typeof d?.detail === 'string' ? d.detail : undefined;
  }
}

/** Limits checked against the central directory before anything is inflated. */
export interface ZipLimits {
  /** Most bytes all entries together may inflate to. */
  maxUncompressedBytes: number;
  /** Highest compression ratio accepted for an entry larger than 1 MiB. */
  maxCompressionRatio: number;
}

const corrupt = (detail?: string) =>
  new ZipError(
    'CORRUPT',
    '文件已损坏或不完整（可能没有上传完），请重新保存后再上传',
    detail ? { detail } : undefined,
  );

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export type ZipDirectory = Map<string, ZipEntry>;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const RATIO_CHECK_FROM = 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw corrupt('short read');
  return buf;
}

/** Reads the zip's central directory and refuses bombs by their declared sizes. */
export async function readZipDirectory(
  fh: FileHandle,
  fileSize: number,
  limits: ZipLimits,
): Promise<ZipDirectory> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(fh, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  // A truncated upload loses the end of the zip first: its directory.
  if (eocd < 0) throw corrupt('no end of central directory');
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  const eocdPosition = fileSize - tailLength + eocd;
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    if (eocdPosition < 20) throw corrupt('zip64 locator missing');
    const locator = await readAt(fh, eocdPosition - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) throw corrupt('zip64 locator missing');
    const zip64Position = Number(locator.readBigUInt64LE(8));
    if (zip64Position + 56 > fileSize) throw corrupt('zip64 record outside the file');
    const record = await readAt(fh, zip64Position, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw corrupt('zip64 record missing');
    count = Number(record.readBigUInt64LE(32));
    dirSize = Number(record.readBigUInt64LE(40));
    dirOffset = Number(record.readBigUInt64LE(48));
  }
  if (dirOffset + dirSize > fileSize) throw corrupt('directory outside the file');
  if (dirSize > MAX_DIRECTORY_BYTES) {
    throw new ZipError('TOO_MANY_ENTRIES', '文件内部结构异常（条目过多），系统拒绝读取', { dirSize });
  }
  const dir = await readAt(fh, dirOffset, dirSize);
  const entries: ZipDirectory = new Map();
  let p = 0;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE)
      throw corrupt('bad directory entry');
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const crc = dir.readUInt32LE(p + 16);
    let compressedSize = dir.readUInt32LE(p + 20);
    let size = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    let localOffset = dir.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > dir.length) throw corrupt('bad directory entry');
    // Some Windows tools write backslashes; names are UTF-8 or CP437, and ours are ASCII.
    const name = dir.toString('utf8', p + 46, nameEnd).replace(/\\/g, '/');
    let e = nameEnd;
    const extraEnd = nameEnd + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dir.readUInt16LE(e);
      const length = dir.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          if (q + 8 > e + 4 + length) throw corrupt('bad zip64 extra field');
          const value = Number(dir.readBigUInt64LE(q));
          q += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + length;
    }
    p = extraEnd + commentLength;
    if (localOffset + 30 > fileSize) throw corrupt('entry outside the file');
    total += size;
    const ratio = size / Math.max(compressedSize, 1);
    if (
      total > limits.maxUncompressedBytes ||
      (size > RATIO_CHECK_FROM && ratio > limits.maxCompressionRatio)
    ) {
      throw new ZipError(
        'TOO_LARGE',
        `文件解压后过大（声明 ${formatBytes(size > limits.maxUncompressedBytes ? size : total)}，压缩比 ${Math.round(ratio)}），可能是恶意构造的压缩文件，系统拒绝读取`,
        { entry: name, size, compressedSize },
      );
    }
    if (!name.endsWith('/'))
      entries.set(name, { name, method, flags, crc, compressedSize, size, localOffset });
  }
  return entries;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

export function findEntry(zip: ZipDirectory, name: string): ZipEntry | undefined {
  const exact = zip.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, entry] of zip) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

/** Streams an entry's inflated bytes, never more than its declared size, and checks its CRC. */
export async function* entryBytes(
  filePath: string,
  fh: FileHandle,
  fileSize: number,
  entry: ZipEntry,
): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) {
    throw new ZipError('ENCRYPTED', '文件内容已加密，无法读取，请取消密码后重新保存', { entry: entry.name });
  }
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`compression method ${entry.method}`);
  const local = await readAt(fh, entry.localOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt('bad local header');
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + entry.compressedSize > fileSize) throw corrupt('entry data outside the file');
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw corrupt('empty data for a non-empty entry');
    return;
  }
  const source = createReadStream(filePath, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: 64 * 1024,
  });
  const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: 64 * 1024 }) : null;
  const output: AsyncIterable<Buffer> = inflate ? source.pipe(inflate) : source;
  source.on('error', (err) => inflate?.destroy(err));
  let produced = 0;
  let crc = 0;
  try {
    for await (const chunk of output) {
      produced += chunk.length;
      // More bytes than declared: a lying directory, the classic way around size checks.
      if (produced > entry.size) throw corrupt(`${entry.name} inflates beyond its declared size`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw corrupt(`${entry.name}: ${(err as Error).message}`);
  } finally {
    source.destroy();
    inflate?.destroy();
  }
  if (produced !== entry.size || crc >>> 0 !== entry.crc >>> 0)
    throw corrupt(`${entry.name}: size or CRC mismatch`);
}

/** An entry decoded as UTF-8, chunk by chunk, with characters split across chunks kept whole. */
export async function* entryText(
  filePath: string,
  fh: FileHandle,
  fileSize: number,
  entry: ZipEntry,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of entryBytes(filePath, fh, fileSize, entry))
      yield decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw corrupt(`${entry.name}: not UTF-8`);
  }
}
