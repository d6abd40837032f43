// The text of a legacy bulletin kept as a Word (.docx) file: one line per paragraph of
// word/document.xml, tabs and line breaks kept, so that parseLegacyBulletin reads it like the
// plain-text files. Text boxes (where mastheads often sit) are read once, not twice: Word
// stores a fallback copy of each for old readers.

import { open, stat } from 'node:fs/promises';
import { AppError } from '../../platform/errors';
import { ZipError, entryText, findEntry, readZipDirectory } from '../../platform/zip';
import { decodeXmlEntities } from '../../platform/xml';

export type LegacyFileErrorCode =
  'EMPTY_FILE' | 'NOT_DOCX' | 'LEGACY_DOC' | 'CORRUPT_FILE' | 'ENCRYPTED' | 'TOO_LARGE' | 'NOT_TEXT';

/** A legacy bulletin file that cannot be read at all: 400 with a Chinese message. */
export class LegacyFileError extends AppError {
  constructor(
    override readonly code: LegacyFileErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(400, code, message, details);
    this.name = 'LegacyFileError';
  }
}

// Real bulletins are a few pages: their document.xml is well under a megabyte.
const LIMITS = { maxUncompressedBytes: 256 * 1024 ** 2, maxCompressionRatio: 200 };
const MAX_DOCUMENT_CHARS = 64 * 1024 ** 2;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const legacyDoc = () =>
  new LegacyFileError(
    'LEGACY_DOC',
    '这是旧版 Word 文件（.doc），请在 Word 或 WPS 中打开，“另存为” .docx 或纯文本（.txt）后再导入',
  );

const notDocx = (what: string) =>
  new LegacyFileError(
    'NOT_DOCX',
    `${what}，不是 Word 文档（.docx），请上传 .docx 或纯文本（.txt）格式的简报`,
  );

function fromZipError(err: unknown): unknown {
  if (!(err instanceof ZipError)) return err;
  switch (err.zipCode) {
    case 'CORRUPT':
      return new LegacyFileError(
        'CORRUPT_FILE',
        'Word 文件已损坏或不完整（可能没有上传完），请在 Word 或 WPS 中打开后重新保存为 .docx 再导入',
        err.detail ? { detail: err.detail } : undefined,
      );
    case 'ENCRYPTED':
      return new LegacyFileError('ENCRYPTED', 'Word 文件设置了密码，无法读取，请取消密码后重新保存再导入');
    case 'TOO_MANY_ENTRIES':
    case 'TOO_LARGE':
      return new LegacyFileError('TOO_LARGE', err.message, err.details as Record<string, unknown>);
  }
}

/** Whether a file's first bytes are those of a zip (a .docx is one). */
export function looksLikeZip(head: Buffer): boolean {
  return head.subarray(0, 4).equals(ZIP_MAGIC);
}

/** The paragraphs of a .docx file as lines; throws LegacyFileError when it is not a readable .docx. */
export async function docxParagraphs(filePath: string): Promise<string[]> {
  const { size } = await stat(filePath);
  if (size === 0) throw new LegacyFileError('EMPTY_FILE', '文件是空的，请选择简报文件');
  const fh = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    if (head.equals(OLE_MAGIC)) throw legacyDoc();
    if (!looksLikeZip(head)) throw notDocx('文件格式无法识别');
    let xml = '';
    try {
      const zip = await readZipDirectory(fh, size, LIMITS);
      const entry = findEntry(zip, 'word/document.xml');
      if (!entry) {
        if (findEntry(zip, 'xl/workbook.xml')) throw notDocx('这是 Excel 文件');
        if (findEntry(zip, 'ppt/presentation.xml')) throw notDocx('这是 PowerPoint 文件');
        throw notDocx('这是 zip 压缩包');
      }
      for await (const text of entryText(filePath, fh, size, entry)) {
        xml += text;
        if (xml.length > MAX_DOCUMENT_CHARS) {
          throw new LegacyFileError('TOO_LARGE', 'Word 文件的正文过大，不像是一期简报，请检查文件');
        }
      }
    } catch (err) {
      throw fromZipError(err);
    }
    return documentParagraphs(xml);
  } finally {
    await fh.close();
  }
}

/** The text of a .docx file, one paragraph per line. */
export async function docxText(filePath: string): Promise<string> {
  return (await docxParagraphs(filePath)).join('\n');
}

const TOKEN =
  /<(\/?)(?:[\w.-]+:)?([\w.-]+)((?:"[^"]*"|'[^']*'|[^'">])*)>|([^<]+)|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|</g;

function decodeEntities(raw: string): string {
  return decodeXmlEntities(raw, () => '');
}

/**
 * The paragraphs of a WordprocessingML body: w:p → one line, w:t → text, w:tab → tab,
 * w:br and w:cr → a line break. Paragraphs nested in text boxes come out before the paragraph
 * that anchors them; fallback copies (mc:Fallback) and deleted text are skipped.
 */
export function documentParagraphs(xml: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let inText = false;
  let fallbackDepth = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    const [, slash, name, attrs, text, cdata] = m;
    if (name !== undefined) {
      const closing = slash === '/';
      const selfClosing = !closing && (attrs ?? '').trimEnd().endsWith('/');
      if (name === 'Fallback') {
        if (closing) fallbackDepth = Math.max(0, fallbackDepth - 1);
        else if (!selfClosing) fallbackDepth++;
        continue;
      }
      if (fallbackDepth > 0) continue;
      switch (name) {
        case 'p':
          if (closing) lines.push(open.pop() ?? '');
          else if (selfClosing) lines.push('');
          else open.push('');
          break;
        case 't':
          inText = !closing && !selfClosing;
          break;
        case 'tab':
          // w:tab inside w:tabs (paragraph properties) defines a tab stop, not a tab.
          if (open.length > 0 && !/\bw:pos=/.test(attrs ?? '')) open[open.length - 1] += '\t';
          break;
        case 'br':
        case 'cr':
          if (open.length > 0 && !closing) open[open.length - 1] += '\n';
          break;
        default:
          break;
      }
    } else if (fallbackDepth === 0 && open.length > 0 && inText) {
      open[open.length - 1] += text !== undefined ? decodeEntities(text) : (cdata ?? '');
    }
  }
  // A damaged body may leave paragraphs open: keep their text.
  lines.push(...open);
  return lines.flatMap((line) => line.split('\n'));
}
