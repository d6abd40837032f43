// Reads an uploaded legacy bulletin file as text: a .docx by its paragraphs, a text file in
// whatever encoding it was saved in (UTF-8 with or without BOM, UTF-16 with BOM, or GBK, which
// is what Notepad wrote on Chinese Windows for years).

import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../platform/errors';
import { ARCHIVE_LIMITS } from '../contract';
import { LegacyFileError, OLE_MAGIC, docxText, legacyDoc, looksLikeZip } from './docx-text';
import { parseLegacyBulletin, type LegacyBulletin } from './parse';

/** Decodes a text file's bytes: BOM first, else UTF-8 when valid, else GB18030 (GBK's superset). */
export function decodeLegacyText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The text of a legacy bulletin file, .docx or plain text; throws LegacyFileError when unreadable. */
export async function readLegacyText(filePath: string): Promise<string> {
  const fh = await open(filePath, 'r');
  const head = Buffer.alloc(8);
  try {
    await fh.read(head, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (looksLikeZip(head)) return docxText(filePath);
  if (head.equals(OLE_MAGIC)) throw legacyDoc();
  const bytes = await readFile(filePath);
  if (bytes.length === 0) throw new LegacyFileError('EMPTY_FILE', '文件是空的，请选择简报文件');
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) {
    throw new LegacyFileError(
      'NOT_TEXT',
      '文件不是纯文本或 Word（.docx）文件，无法读取，请上传 .txt 或 .docx 格式的简报',
    );
  }
  return decodeLegacyText(bytes);
}

/**
 * Reads and parses one legacy bulletin file; a text longer than any real issue is refused (413)
 * before parsing. Runs in a worker thread when the app imports a file (see archive.ts).
 */
export async function parseLegacyFile(filePath: string, fileName?: string): Promise<LegacyBulletin> {
  const text = await readLegacyText(filePath);
  if (text.length > ARCHIVE_LIMITS.characters)
    throw new AppError(
      413,
      'TOO_LARGE',
      `文件的文字有 ${text.length.toLocaleString('zh-CN')} 字，超过一期简报 ${ARCHIVE_LIMITS.characters.toLocaleString('zh-CN')} 字的上限：请确认这是一期简报，或拆分后分别导入`,
      [{ field: 'file', message: '文字过多' }],
    );
  return parseLegacyBulletin(text, { fileName: fileName ?? path.basename(filePath) });
}
