// Streams the rows of an uploaded spreadsheet (.xlsx or CSV) as trimmed text, one row at a
// time, so that a million-row file keeps memory flat.
//
// The .xlsx side reads the zip itself (central directory, inflate, CRC) and tokenises the sheet
// XML itself rather than using exceljs's streaming reader: that reader decodes every inflated
// chunk as UTF-8 on its own, so a Chinese character that straddles two chunks turns into U+FFFD
// (measured: 52 damaged rows of 20,000 with Chinese names). Reading the zip ourselves also lets
// us refuse zip bombs from the central directory before inflating anything, cap the bytes
// actually inflated, read the shared strings before the sheet whatever the zip order, and see
// the sheet's merged cells before its first row.

import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { AppError } from '../errors';
import {
  ZipError,
  entryBytes as zipEntryBytes,
  entryText as zipEntryText,
  findEntry,
  readZipDirectory as readZip,
  type ZipDirectory,
  type ZipEntry,
} from '../zip';
import { excelSerialToDate, trimText } from './cells';
import { decodeXmlEntities } from '../xml';

export type FileFormat = 'xlsx' | 'csv';

export type ImportFileErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_SPREADSHEET'
  | 'LEGACY_XLS'
  | 'ENCRYPTED'
  | 'HTML_TABLE'
  | 'CORRUPT_FILE'
  | 'ZIP_BOMB'
  | 'NO_SHEET'
  | 'TOO_MANY_ROWS'
  | 'CELL_TOO_LONG'
  | 'MERGED_HEADER'
  | 'ENCODING'
  | 'CSV_SYNTAX';

/** The whole file cannot be imported: a stable code and a message for the user in Chinese. */
export class ImportFileError extends AppError {
  constructor(
    override readonly code: ImportFileErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(400, code, message, details);
    this.name = 'ImportFileError';
  }
}

/** A cell whose value cannot be used (a formula without a result, an error value): 0-based column. */
export interface CellProblem {
  col: number;
  reason: string;
}

/** One non-empty row: its number as Excel shows it and every cell as trimmed text. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Cells that could not be read as values; pass them to validateRow. */
  problems?: CellProblem[];
}

export interface ReadRowsOptions {
  /** Most data rows (rows after the first non-empty one) accepted; default 1,000,000. */
  maxRows?: number;
  /** Longest cell accepted, in characters; default 10,000. */
  maxCellChars?: number;
  /** Most bytes an .xlsx may inflate to, by its directory and in fact; default 2 GiB. */
  maxUncompressedBytes?: number;
  /** Highest compression ratio accepted for an .xlsx part larger than 1 MiB; default 200. */
  maxCompressionRatio?: number;
  /** Characters of shared strings kept in memory before the rest go to a temporary file. */
  memoryStringChars?: number;
}

export const DEFAULT_MAX_ROWS = 1_000_000;
export const DEFAULT_MAX_CELL_CHARS = 10_000;
// A 1,000,000-row sheet with every column of the template filled inflates to about 1.5 GB of
// XML (measured: 1.47 GB as exceljs writes it); 2 GiB leaves room and still stops a bomb.
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 2 * 1024 ** 3;
// Real parts compress 7-40 times (measured: exceljs sheets 7-8, LibreOffice sheets 11-14 and
// shared strings 36, also with every row the same); a deflate bomb reaches ~1000.
export const DEFAULT_MAX_COMPRESSION_RATIO = 200;

const INSTRUCTION_SHEETS = new Set(['填写说明', '填表说明', '说明', '使用说明']);

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const corrupt = (detail?: string) =>
  new ImportFileError(
    'CORRUPT_FILE',
    '文件已损坏或不完整（可能没有上传完），请在 Excel 中重新打开并另存为 .xlsx 后再导入',
    detail ? { detail } : undefined,
  );

const notSpreadsheet = (what?: string) =>
  new ImportFileError(
    'NOT_SPREADSHEET',
    `${what ? `这是${what}，` : ''}不是有效的 Excel（.xlsx）或 CSV 文件，请上传用模板填写的 .xlsx 或 .csv 文件`,
  );

interface Limits {
  maxRows: number;
  maxCellChars: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  memoryStringChars: number;
}

function limitsOf(options: ReadRowsOptions = {}): Limits {
  return {
    maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
    maxCellChars: options.maxCellChars ?? DEFAULT_MAX_CELL_CHARS,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
    maxCompressionRatio: options.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO,
    memoryStringChars: options.memoryStringChars ?? DEFAULT_MEMORY_STRING_CHARS,
  };
}

function cellTooLong(row: number, col: number, limits: Limits): ImportFileError {
  const where = `${columnLetter(col + 1)}${row}`;
  return new ImportFileError(
    'CELL_TOO_LONG',
    `第 ${row} 行 ${columnLetter(col + 1)} 列（${where}）的内容超过 ${limits.maxCellChars} 个字符，请检查该单元格`,
    { row, column: columnLetter(col + 1) },
  );
}

function tooManyRows(limits: Limits): ImportFileError {
  return new ImportFileError('TOO_MANY_ROWS', `数据超过 ${limits.maxRows} 行的上限，请分成几个文件分别导入`, {
    maxRows: limits.maxRows,
  });
}

// =============================================================================================
// Sniffing

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BINARY_MAGICS: [Buffer, string][] = [
  [Buffer.from('%PDF'), ' PDF 文件'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), '图片（PNG）'],
  [Buffer.from([0xff, 0xd8, 0xff]), '图片（JPEG）'],
  [Buffer.from('GIF8'), '图片（GIF）'],
  [Buffer.from('RIFF'), '音视频或图片文件'],
  [Buffer.from('Rar!'), 'RAR 压缩包'],
  [Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), '7z 压缩包'],
  [Buffer.from([0x1f, 0x8b]), 'gzip 压缩包'],
];

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Strips a UTF-8/UTF-16 byte order mark and reports which one it was. */
function bomOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > head.length / 100;
}

/** A legacy .xls and a password-protected .xlsx are both OLE compound files; tell them apart. */
async function oleContainsEncryptedPackage(filePath: string): Promise<boolean> {
  const needle = Buffer.from('EncryptedPackage', 'utf16le');
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const buf = Buffer.concat([carry, chunk as Buffer]);
    if (buf.includes(needle)) return true;
    carry = buf.subarray(Math.max(0, buf.length - needle.length));
  }
  return false;
}

/**
 * Decides by content whether a file is an .xlsx or a CSV (the name can lie), and refuses with
 * a Chinese explanation what is neither: an empty file, a legacy .xls, an image, a web page.
 */
export async function sniffFormat(filePath: string, originalName?: string): Promise<FileFormat> {
  const { size } = await stat(filePath);
  if (size === 0) throw new ImportFileError('EMPTY_FILE', '文件是空的，请选择填好数据的文件');
  const head = await readHead(filePath, 64 * 1024);
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    const fh = await open(filePath, 'r');
    try {
      const zip = await readZipDirectory(fh, size, limitsOf());
      if (findWorkbookEntry(zip)) return 'xlsx';
      if (zip.has('word/document.xml')) throw notSpreadsheet(' Word 文件');
      if (zip.has('ppt/presentation.xml')) throw notSpreadsheet(' PowerPoint 文件');
      if (zip.has('content.xml')) {
        throw notSpreadsheet(
          ' WPS/LibreOffice 格式（.ods/.et）文件，请另存为 Excel 工作簿（.xlsx）后再导入；它',
        );
      }
      throw notSpreadsheet(' zip 压缩包');
    } finally {
      await fh.close();
    }
  }
  if (head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC)) throw notSpreadsheet('空的 zip 压缩包');
  if (head.subarray(0, 8).equals(OLE_MAGIC)) {
    if (await oleContainsEncryptedPackage(filePath)) {
      throw new ImportFileError(
        'ENCRYPTED',
        '文件设置了打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后保存为 .xlsx 再导入',
      );
    }
    throw new ImportFileError(
      'LEGACY_XLS',
      '这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中打开，选择“另存为” → “Excel 工作簿（*.xlsx）”后再导入',
    );
  }
  for (const [magic, what] of BINARY_MAGICS) {
    if (head.subarray(0, magic.length).equals(magic)) throw notSpreadsheet(what);
  }
  const bom = bomOf(head);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    // Excel's "Unicode text" (.txt): tab-separated UTF-16.
    if (head.length <= 2) throw new ImportFileError('EMPTY_FILE', '文件是空的，请选择填好数据的文件');
    return 'csv';
  }
  if (looksBinary(head)) {
    throw notSpreadsheet(originalName && /\.xlsx$/i.test(originalName) ? '改了扩展名的其他文件' : undefined);
  }
  const text = new TextDecoder('utf-8').decode(head).replace(/^\ufeff/, '');
  if (text.trim() === '') throw new ImportFileError('EMPTY_FILE', '文件是空的，请选择填好数据的文件');
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (start.startsWith('<?xml') && start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw new ImportFileError(
      'HTML_TABLE',
      '这是 XML 表格（Excel 2003 XML）格式，请在 Excel 中打开并“另存为” → “Excel 工作簿（*.xlsx）”后再导入',
    );
  }
  if (/^<(!doctype html|html|table|meta|head|body|\?xml)/.test(start) || /<table[\s>]/.test(start)) {
    throw new ImportFileError(
      'HTML_TABLE',
      '这是网页（HTML）格式的表格，常见于从其他系统导出的“.xls”。请在 Excel 中打开并“另存为” → “Excel 工作簿（*.xlsx）”后再导入',
    );
  }
  return 'csv';
}

// =============================================================================================
// Rows

/**
 * Streams the non-empty rows of the file as trimmed text. The first row yielded is the header
 * row (the caller maps it with mapHeaders); a file of only a header yields that row alone.
 * Throws ImportFileError for files that cannot be read as a whole.
 */
export async function* readRows(
  filePath: string,
  format: FileFormat,
  options?: ReadRowsOptions,
): AsyncGenerator<SheetRow> {
  const limits = limitsOf(options);
  const rows = format === 'xlsx' ? readXlsxRows(filePath, limits) : readCsvRows(filePath, limits);
  let count = 0;
  for await (const row of rows) {
    count++;
    // The first non-empty row is the header: up to maxRows data rows follow it.
    if (count > limits.maxRows + 1) throw tooManyRows(limits);
    yield row;
  }
}

function isEmptyRow(cells: string[]): boolean {
  for (const cell of cells) if (cell !== '') return false;
  return true;
}

// =============================================================================================
// CSV

const CSV_CHUNK = 64 * 1024;

/** Decodes a CSV's bytes: BOM first, else UTF-8 while it is valid, else GB18030 (GBK's superset). */
async function* decodeCsv(filePath: string): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  // While every byte so far was ASCII, a later invalid UTF-8 byte means GBK, not a broken file.
  let asciiSoFar = true;
  let utf8Seen = false;
  for await (const raw of createReadStream(filePath, { highWaterMark: CSV_CHUNK })) {
    const chunk = raw as Buffer;
    if (decoder === null) {
      const bom = bomOf(chunk);
      if (bom === 'utf-16le' || bom === 'utf-16be') decoder = new TextDecoder(bom);
      else if (bom === 'utf-8') decoder = new TextDecoder('utf-8', { fatal: true });
      else {
        const probe = new TextDecoder('utf-8', { fatal: true });
        try {
          probe.decode(chunk, { stream: true });
          decoder = new TextDecoder('utf-8', { fatal: true });
        } catch {
          decoder = new TextDecoder('gb18030');
        }
      }
    }
    if (decoder.encoding === 'utf-8' && decoder.fatal) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (asciiSoFar && !isAscii(chunk)) {
          asciiSoFar = false;
          utf8Seen = true;
        }
        yield text;
        continue;
      } catch {
        if (utf8Seen) {
          throw new ImportFileError(
            'ENCODING',
            '文件中混有不同的文字编码（前面是 UTF-8，后面不是），请在 Excel 中打开后另存为“CSV UTF-8”或 .xlsx 再导入',
          );
        }
        decoder = new TextDecoder('gb18030');
      }
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) {
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new ImportFileError(
        'ENCODING',
        '文件末尾有不完整的字符，文件可能没有上传完整，请重新保存后再导入',
      );
    }
  }
}

/** Tab when the first line has more tabs than commas (Excel's "Unicode text", .tsv), else comma. */
function delimiterOf(firstText: string): string {
  const firstLine = firstText.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

async function* readCsvRows(filePath: string, limits: Limits): AsyncGenerator<SheetRow> {
  const texts = decodeCsv(filePath);
  const first = await texts.next();
  if (first.done) return;
  const firstText = first.value.replace(/^\ufeff/, '');
  const delimiter = delimiterOf(firstText);
  async function* all(): AsyncGenerator<string> {
    yield firstText;
    yield* texts;
  }
  const parser = parseCsv({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // Bounds what one record may buffer, so that an unclosed quote cannot swallow the file.
    max_record_size: Math.max(limits.maxCellChars * 100, 4_000_000),
  });
  pipeline(Readable.from(all()), parser, () => {
    // Errors reach the loop below: pipeline destroys the parser with them.
  });
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      const cells = record.map((cell) => trimText(cell));
      if (isEmptyRow(cells)) continue;
      for (let col = 0; col < cells.length; col++) {
        if (cells[col]!.length > limits.maxCellChars) throw cellTooLong(row, col, limits);
      }
      yield { row, cells };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const code = (err as CsvError).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportFileError(
        'CSV_SYNTAX',
        `CSV 文件第 ${row + 1} 行起的引号没有闭合，请在 Excel 中打开检查后重新保存`,
        { row: row + 1 },
      );
    }
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportFileError(
        'CELL_TOO_LONG',
        `CSV 文件第 ${row + 1} 行的内容过长（超过 ${limits.maxCellChars} 个字符的单元格，或没有闭合的引号），请检查该行`,
        { row: row + 1 },
      );
    }
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new ImportFileError(
        'CSV_SYNTAX',
        `CSV 文件第 ${row + 1} 行格式有误，请在 Excel 中打开检查后重新保存`,
        {
          row: row + 1,
          detail: (err as Error).message,
        },
      );
    }
    throw err;
  } finally {
    parser.destroy();
  }
}

// =============================================================================================
// Zip

// The zip itself is read by platform/zip; its errors become this import's, naming Excel.

function importErrorOf(err: unknown): unknown {
  if (!(err instanceof ZipError)) return err;
  switch (err.zipCode) {
    case 'CORRUPT':
      return corrupt(err.detail);
    case 'TOO_MANY_ENTRIES':
      return new ImportFileError(
        'ZIP_BOMB',
        '文件内部结构异常（条目过多），系统拒绝读取。请在 Excel 中另存为新的 .xlsx 后再导入',
      );
    case 'TOO_LARGE':
      return new ImportFileError('ZIP_BOMB', err.message, err.details as Record<string, unknown>);
    case 'ENCRYPTED':
      return new ImportFileError('ENCRYPTED', '文件内容已加密，无法读取。请取消密码后另存为 .xlsx 再导入');
  }
}

async function readZipDirectory(fh: FileHandle, fileSize: number, limits: Limits): Promise<ZipDirectory> {
  try {
    return await readZip(fh, fileSize, limits);
  } catch (err) {
    throw importErrorOf(err);
  }
}

async function* withImportErrors<T>(chunks: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* chunks;
  } catch (err) {
    throw importErrorOf(err);
  }
}

const entryBytes = (...args: Parameters<typeof zipEntryBytes>) => withImportErrors(zipEntryBytes(...args));
const entryText = (...args: Parameters<typeof zipEntryText>) => withImportErrors(zipEntryText(...args));

// =============================================================================================
// XML

interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags, entities not yet decoded; may arrive in pieces. */
  text(raw: string): void;
}

const MAX_PENDING_MARKUP = 1024 * 1024;

/**
 * A streaming tokenizer for the XML of spreadsheet parts: elements, attributes, text, comments,
 * CDATA and processing instructions. Namespace prefixes are dropped from element names.
 * A DOCTYPE is refused: spreadsheets never have one, and entity expansion is an attack.
 */
class XmlTokenizer {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = s.length;
    const h = this.handler;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt === -1) {
        h.text(s.slice(i));
        i = n;
        break;
      }
      if (lt > i) h.text(s.slice(i, lt));
      i = lt;
      if (lt + 1 >= n) break;
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (n - lt < 9) break;
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end === -1) break;
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) break;
          h.text(
            s
              .slice(lt + 9, end)
              .replace(/&/g, '&amp;')
              .replace(/</g, '&lt;'),
          );
          i = end + 3;
          continue;
        }
        throw corrupt('DOCTYPE or unknown markup in XML');
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) break;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt === -1) break;
      if (c === 47 /* / */) {
        let end = gt;
        while (end > lt + 2 && isXmlSpace(s.charCodeAt(end - 1))) end--;
        h.close(localName(s.slice(lt + 2, end)));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const end = selfClosing ? gt - 1 : gt;
        let k = lt + 1;
        while (k < end && !isXmlSpace(s.charCodeAt(k))) k++;
        const name = localName(s.slice(lt + 1, k));
        h.open(name, k < end ? s.slice(k, end) : '', selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    this.rest = i < n ? s.slice(i) : '';
    if (this.rest.length > MAX_PENDING_MARKUP) throw corrupt('unterminated XML markup');
  }

  end(): void {
    if (this.rest.trim() !== '') throw corrupt('XML ends inside markup');
  }
}

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The `>` that closes the tag starting at `from`, skipping quoted attribute values. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
  }
  return -1;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * One attribute's raw value (entities not decoded), by exact name, or undefined: the fast path
 * for the attributes of every row and cell (r, s, t), which never hold entities.
 */
function rawAttribute(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at === -1) return undefined;
    let eq = at + name.length;
    from = eq;
    if (at > 0 && !isXmlSpace(attrs.charCodeAt(at - 1))) continue;
    while (isXmlSpace(attrs.charCodeAt(eq))) eq++;
    if (attrs.charCodeAt(eq) !== 61 /* = */) continue;
    eq++;
    while (isXmlSpace(attrs.charCodeAt(eq))) eq++;
    const quote = attrs.charCodeAt(eq);
    if (quote !== 34 && quote !== 39) continue;
    const close = attrs.indexOf(quote === 34 ? '"' : "'", eq + 1);
    if (close === -1) return undefined;
    return attrs.slice(eq + 1, close);
  }
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by local name (r:id → id), values with entities decoded. */
function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw.length === 0) return out;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m !== null; m = ATTRIBUTE.exec(raw)) {
    out[localName(m[1]!)] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

function decodeEntities(raw: string): string {
  return decodeXmlEntities(raw);
}

/** Excel escapes control characters in strings as _xHHHH_ (_x000D_ for a carriage return). */
function decodeExcelEscapes(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function parseXml(source: AsyncIterable<string>, handler: XmlHandler): Promise<void> {
  const tokenizer = new XmlTokenizer(handler);
  for await (const text of source) tokenizer.write(text);
  tokenizer.end();
}

// =============================================================================================
// XLSX: workbook, relationships, shared strings, styles

interface Relationship {
  id: string;
  type: string;
  target: string;
}

interface SheetInfo {
  name: string;
  state: string;
  path: string | null;
  isWorksheet: boolean;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function resolvePath(base: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : base ? `${base}/${target}` : target;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function relsPathOf(partPath: string): string {
  const dir = dirname(partPath);
  const file = partPath.slice(dir.length ? dir.length + 1 : 0);
  return dir ? `${dir}/_rels/${file}.rels` : `_rels/${file}.rels`;
}

interface XlsxFile {
  filePath: string;
  fh: FileHandle;
  fileSize: number;
  zip: ZipDirectory;
}

async function readSmallPart(file: XlsxFile, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  await parseXml(entryText(file.filePath, file.fh, file.fileSize, entry), handler);
}

async function readRelationships(file: XlsxFile, partPath: string): Promise<Relationship[]> {
  const entry = findEntry(file.zip, relsPathOf(partPath));
  if (!entry) return [];
  const rels: Relationship[] = [];
  await readSmallPart(file, entry, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const a = attributes(attrs);
      if (a.Id && a.Target && a.TargetMode !== 'External') {
        rels.push({ id: a.Id, type: a.Type ?? '', target: resolvePath(dirname(partPath), a.Target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

function findWorkbookEntry(zip: ZipDirectory): ZipEntry | undefined {
  return (
    findEntry(zip, 'xl/workbook.xml') ??
    [...zip.values()].find((e) => /(^|\/)workbook\d*\.xml$/i.test(e.name))
  );
}

async function workbookPath(file: XlsxFile): Promise<string> {
  const rels = await readRelationships(file, '');
  const office = rels.find((r) => r.type.endsWith('/officeDocument'));
  if (office && findEntry(file.zip, office.target)) return findEntry(file.zip, office.target)!.name;
  const entry = findWorkbookEntry(file.zip);
  if (!entry) throw notSpreadsheet();
  return entry.name;
}

interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStrings: ZipEntry | undefined;
  styles: ZipEntry | undefined;
}

async function readWorkbook(file: XlsxFile): Promise<WorkbookInfo> {
  const path = await workbookPath(file);
  const rels = await readRelationships(file, path);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetInfo[] = [];
  let date1904 = false;
  await readSmallPart(file, findEntry(file.zip, path)!, {
    open(name, attrs) {
      if (name === 'workbookPr') {
        const v = attributes(attrs).date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const a = attributes(attrs);
        const rel = a.id ? relById.get(a.id) : undefined;
        sheets.push({
          name: a.name ?? '',
          state: a.state ?? 'visible',
          path: rel?.target ?? null,
          isWorksheet: rel ? rel.type.endsWith('/worksheet') : false,
        });
      }
    },
    close() {},
    text() {},
  });
  const byType = (suffix: string, fallback: string) => {
    const rel = rels.find((r) => r.type.endsWith(suffix));
    return (
      (rel && findEntry(file.zip, rel.target)) ?? findEntry(file.zip, resolvePath(dirname(path), fallback))
    );
  };
  return {
    sheets,
    date1904,
    sharedStrings: byType('/sharedStrings', 'sharedStrings.xml'),
    styles: byType('/styles', 'styles.xml'),
  };
}

/** The data sheet: the first visible worksheet that is not the instructions sheet. */
function chooseSheet(file: XlsxFile, workbook: WorkbookInfo): ZipEntry {
  const candidates = workbook.sheets.filter(
    (s) => s.isWorksheet && s.path !== null && !INSTRUCTION_SHEETS.has(s.name.normalize('NFKC').trim()),
  );
  const sheet = candidates.find((s) => s.state === 'visible') ?? candidates[0];
  const entry = sheet?.path ? findEntry(file.zip, sheet.path) : undefined;
  if (!entry) {
    if (workbook.sheets.length === 0) throw corrupt('workbook lists no sheets');
    throw new ImportFileError(
      'NO_SHEET',
      '文件中没有可导入的数据工作表（只有“填写说明”），请把数据填在“企业名单”工作表中',
    );
  }
  return entry;
}

/**
 * The shared strings table: every text of an .xlsx, referenced by index from the cells. Excel
 * writes each distinct text once, so a million-row sheet of distinct names and addresses has
 * millions of them. The first ones are kept as strings; past a budget the rest go to a temporary
 * file (UTF-8, with an offset per string) read back through a small block cache, so that memory
 * stays flat. Cells use strings roughly in the order they were written, so the cache mostly
 * reads forward.
 */
class SharedStrings {
  private readonly memory: string[] = [];
  private memoryChars = 0;
  private spill: {
    dir: string;
    fd: number;
    offsets: Float64Array;
    count: number;
    written: number;
    pending: Buffer[];
    pendingBytes: number;
  } | null = null;
  private readonly blocks = new Map<number, Buffer>();

  constructor(private readonly memoryBudgetChars: number) {}

  get length(): number {
    return this.memory.length + (this.spill?.count ?? 0);
  }

  add(text: string): void {
    if (this.spill === null && this.memoryChars + text.length <= this.memoryBudgetChars) {
      this.memory.push(detach(text));
      this.memoryChars += text.length;
      return;
    }
    const spill = (this.spill ??= this.openSpill());
    if (spill.count + 1 >= spill.offsets.length) {
      const grown = new Float64Array(spill.offsets.length * 2);
      grown.set(spill.offsets);
      spill.offsets = grown;
    }
    const bytes = Buffer.from(text, 'utf8');
    spill.pending.push(bytes);
    spill.pendingBytes += bytes.length;
    spill.written += bytes.length;
    spill.count++;
    spill.offsets[spill.count] = spill.written;
    if (spill.pendingBytes >= SPILL_WRITE_BYTES) this.flush();
  }

  /** Writes what is buffered; call once the table is complete, before get(). */
  flush(): void {
    const spill = this.spill;
    if (!spill || spill.pendingBytes === 0) return;
    writeSync(spill.fd, Buffer.concat(spill.pending, spill.pendingBytes));
    spill.pending = [];
    spill.pendingBytes = 0;
  }

  get(index: number): string | undefined {
    if (index < this.memory.length) return this.memory[index];
    const spill = this.spill;
    const j = index - this.memory.length;
    if (!spill || !(j < spill.count)) return undefined;
    const start = spill.offsets[j]!;
    const end = spill.offsets[j + 1]!;
    const block = Math.floor(start / SPILL_BLOCK_BYTES);
    if (Math.floor((end - 1) / SPILL_BLOCK_BYTES) !== block || end === start) {
      // Empty, or spanning two blocks: read it directly.
      if (end === start) return '';
      const buf = Buffer.alloc(end - start);
      readSync(spill.fd, buf, 0, buf.length, start);
      return buf.toString('utf8');
    }
    let data = this.blocks.get(block);
    if (data) {
      this.blocks.delete(block);
    } else {
      const buf = Buffer.alloc(SPILL_BLOCK_BYTES);
      const read = readSync(spill.fd, buf, 0, SPILL_BLOCK_BYTES, block * SPILL_BLOCK_BYTES);
      data = buf.subarray(0, read);
      if (this.blocks.size >= SPILL_CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    }
    this.blocks.set(block, data);
    const offset = block * SPILL_BLOCK_BYTES;
    return data.toString('utf8', start - offset, end - offset);
  }

  private openSpill() {
    const dir = mkdtempSync(path.join(tmpdir(), 'gonghui-shared-strings-'));
    const fd = openSync(path.join(dir, 'strings'), 'w+');
    return {
      dir,
      fd,
      offsets: new Float64Array(1 << 16),
      count: 0,
      written: 0,
      pending: [],
      pendingBytes: 0,
    };
  }

  close(): void {
    if (!this.spill) return;
    closeSync(this.spill.fd);
    rmSync(this.spill.dir, { recursive: true, force: true });
    this.spill = null;
    this.blocks.clear();
  }
}

// Characters of shared strings kept in memory before the table spills to disk. Measured on a
// 1,000,000-row sheet (73 MB of shared strings): 1 M characters peaked at 182 MB RSS and read
// 34k rows/s; everything in memory peaked at 786 MB and read 28k rows/s (more garbage collection).
const DEFAULT_MEMORY_STRING_CHARS = 1024 * 1024;
const SPILL_WRITE_BYTES = 1024 * 1024;
const SPILL_BLOCK_BYTES = 64 * 1024;
const SPILL_CACHED_BLOCKS = 128;

async function readSharedStrings(
  file: XlsxFile,
  entry: ZipEntry | undefined,
  limits: Limits,
  strings: SharedStrings,
): Promise<void> {
  if (!entry) return;
  let inItem = false;
  let inPhonetic = false;
  let capturing = false;
  let buf = '';
  // A string longer than any cell may be is kept just long enough to be refused when used.
  const keep = limits.maxCellChars * 10 + 1000;
  await readSmallPart(file, entry, {
    open(name) {
      if (name === 'si') {
        inItem = true;
        buf = '';
      } else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inItem && !inPhonetic) capturing = true;
    },
    close(name) {
      if (name === 't') capturing = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        inItem = false;
        strings.add(decodeExcelEscapes(decodeEntities(buf)));
        buf = '';
      }
    },
    text(raw) {
      if (capturing && buf.length < keep) buf += raw;
    },
  });
  strings.flush();
}

/** A copy that does not keep the decoded XML chunk it was sliced from alive. */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

// Built-in number formats that show dates or times: 14-22 everywhere, 27-36 and 50-58 in the
// Chinese, Japanese and Korean locales (yyyy"年"m"月"d"日" and kin), 45-47 times.
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

// Built-in number formats that show percentages: 0% and 0.00%.
const BUILTIN_PERCENT_FORMATS = new Set([9, 10]);

/** What a number with this format shows: a date, a percentage (value × 100 and %) or a number. */
type NumberShown = 'date' | 'percent' | 'number';

function shownByFormatCode(code: string): NumberShown {
  const section = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!
    .replace(/[_*]./g, '');
  if (/general/i.test(section)) return 'number';
  if (/[ymdhs]/i.test(section)) return 'date';
  return section.includes('%') ? 'percent' : 'number';
}

/** For each cell style (the `s` of a cell), whether its numbers show as dates or percentages. */
async function readNumberStyles(file: XlsxFile, entry: ZipEntry | undefined): Promise<NumberShown[]> {
  if (!entry) return [];
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await readSmallPart(file, entry, {
    open(name, attrs) {
      if (name === 'numFmt') {
        const a = attributes(attrs);
        if (a.numFmtId !== undefined) customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(attributes(attrs).numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return formatIds.map((id) => {
    const custom = customFormats.get(id);
    if (custom !== undefined) return shownByFormatCode(custom);
    return BUILTIN_DATE_FORMATS.has(id) ? 'date' : BUILTIN_PERCENT_FORMATS.has(id) ? 'percent' : 'number';
  });
}

// =============================================================================================
// XLSX: the sheet

interface Merge {
  ref: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function decodeColumn(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

const MERGE_CELL = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g;
const MAX_MERGES = 1_000_000;

/** First pass over the sheet: its merged ranges, and proof it inflates whole before any row is read. */
async function scanMerges(file: XlsxFile, entry: ZipEntry): Promise<Merge[]> {
  const merges: Merge[] = [];
  let carry = '';
  for await (const chunk of entryBytes(file.filePath, file.fh, file.fileSize, entry)) {
    // Refs are ASCII, so latin1 is enough and never fails; tags are never split between passes.
    const s = carry + chunk.toString('latin1');
    const lastLt = s.lastIndexOf('<');
    const cut = lastLt !== -1 && s.indexOf('>', lastLt) === -1 ? lastLt : s.length;
    carry = s.length - cut > 4096 ? '' : s.slice(cut);
    if (s.indexOf('mergeCell', 0) === -1) continue;
    const complete = s.slice(0, cut);
    MERGE_CELL.lastIndex = 0;
    for (let m = MERGE_CELL.exec(complete); m !== null; m = MERGE_CELL.exec(complete)) {
      const [a, b] = m[1]!.split(':');
      const start = decodeRef(a ?? '');
      const end = decodeRef(b ?? a ?? '');
      if (start && end && merges.length < MAX_MERGES) {
        merges.push({
          ref: m[1]!.toUpperCase(),
          r1: Math.min(start.row, end.row),
          c1: Math.min(start.col, end.col),
          r2: Math.max(start.row, end.row),
          c2: Math.max(start.col, end.col),
        });
      }
    }
  }
  return merges;
}

interface CellState {
  col: number;
  type: string;
  style: number;
  formula: string | null;
  value: string | null;
  inline: string | null;
}

const MAX_COLUMNS = 16_384;

/** Numbers as Excel shows them in General format: at most 15 significant digits, no exponent. */
export function formatExcelNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return plainDecimal(n.toPrecision(15));
}

function plainDecimal(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  let out: string;
  if (!m) out = text;
  else {
    const [, sign, lead, frac = '', expText] = m;
    const exp = Number(expText);
    const digits = lead! + frac;
    if (exp >= 0) {
      out =
        digits.length > exp + 1
          ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
          : digits.padEnd(exp + 1, '0');
    } else out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    out = sign + out;
  }
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return out;
}

async function* readXlsxRows(filePath: string, limits: Limits): AsyncGenerator<SheetRow> {
  const { size: fileSize } = await stat(filePath);
  if (fileSize === 0) throw new ImportFileError('EMPTY_FILE', '文件是空的，请选择填好数据的文件');
  const fh = await open(filePath, 'r');
  const sharedStrings = new SharedStrings(limits.memoryStringChars);
  try {
    const zip = await readZipDirectory(fh, fileSize, limits);
    const file: XlsxFile = { filePath, fh, fileSize, zip };
    const workbook = await readWorkbook(file);
    const sheet = chooseSheet(file, workbook);
    const merges = await scanMerges(file, sheet);
    await readSharedStrings(file, workbook.sharedStrings, limits, sharedStrings);
    const numberStyles = await readNumberStyles(file, workbook.styles);
    yield* sheetRows(
      file,
      sheet,
      { merges, sharedStrings, numberStyles, date1904: workbook.date1904 },
      limits,
    );
  } finally {
    sharedStrings.close();
    await fh.close();
  }
}

interface SheetContext {
  merges: Merge[];
  sharedStrings: SharedStrings;
  numberStyles: NumberShown[];
  date1904: boolean;
}

function mergedHeaderError(merge: Merge, headerRow: number, titleOnly: boolean): ImportFileError {
  if (titleOnly) {
    return new ImportFileError(
      'MERGED_HEADER',
      `第 ${headerRow} 行是合并单元格的标题（${merge.ref}），请删除标题行，让第一行就是列标题（每列一个标题）`,
      { range: merge.ref },
    );
  }
  return new ImportFileError('MERGED_HEADER', `表头有合并单元格（${merge.ref}），请取消合并后每列一个标题`, {
    range: merge.ref,
  });
}

async function* sheetRows(
  file: XlsxFile,
  entry: ZipEntry,
  ctx: SheetContext,
  limits: Limits,
): AsyncGenerator<SheetRow> {
  const { sharedStrings, numberStyles, date1904 } = ctx;
  // Vertical merges below the header: Excel shows the top cell's value on every row of the
  // range (a township merged over its enterprises), so each of those rows gets it.
  const fills = ctx.merges.filter((m) => m.r2 > m.r1).sort((a, b) => a.r1 - b.r1);
  let nextFill = 0;
  let activeFills: { merge: Merge; value: string }[] = [];
  let headerRow = 0;
  const captureLimit = limits.maxCellChars * 10 + 1000;

  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let problems: CellProblem[] | undefined;
  let inSheetData = false;
  let done = false;
  let cell: CellState | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let inInline = false;
  let inPhonetic = false;
  let lastCol = 0;

  const finishCell = (c: CellState) => {
    const col = c.col - 1;
    let text = '';
    let problem: string | undefined;
    const raw = c.value === null ? null : decodeEntities(c.value);
    if (c.formula !== null && (raw === null || raw === '') && c.type !== 'inlineStr') {
      problem = '单元格是公式且没有计算结果，请粘贴为数值';
      text = c.formula ? `=${decodeEntities(c.formula)}` : '';
    } else {
      switch (c.type) {
        case 's': {
          const index = Number(raw);
          const found = Number.isInteger(index) && index >= 0 ? sharedStrings.get(index) : undefined;
          if (found === undefined) throw corrupt(`shared string ${raw} missing`);
          text = found;
          break;
        }
        case 'inlineStr':
          text = decodeExcelEscapes(decodeEntities(c.inline ?? ''));
          break;
        case 'str':
          text = decodeExcelEscapes(raw ?? '');
          break;
        case 'b':
          text = raw === null || raw === '' ? '' : raw === '1' || raw === 'true' ? '是' : '否';
          break;
        case 'e':
          text = raw ?? '';
          problem = `单元格的值是错误“${text}”，请修正后再导入`;
          break;
        case 'd':
          text = /^\d{4}-\d{2}-\d{2}/.test(raw ?? '') ? raw!.slice(0, 10) : (raw ?? '');
          break;
        default: {
          if (raw === null || raw.trim() === '') break;
          const n = Number(raw);
          if (!Number.isFinite(n)) text = raw;
          // Dates from year 0 to 9999 only: anything else is a number with a date format by mistake.
          else if (numberStyles[c.style] === 'date' && n >= 0 && n < 2_958_466)
            text = excelSerialToDate(n, date1904);
          // 0.9 shown as 90% is read as the user sees it, "90%".
          else if (numberStyles[c.style] === 'percent') text = `${formatExcelNumber(n * 100)}%`;
          else text = formatExcelNumber(n);
        }
      }
    }
    text = trimText(text);
    if (text.length > limits.maxCellChars) throw cellTooLong(rowNumber, col, limits);
    if (col >= 0 && col < MAX_COLUMNS) {
      while (cells.length < col) cells.push('');
      cells[col] = text;
      if (problem) (problems ??= []).push({ col, reason: problem });
    }
  };

  const finishRow = () => {
    if (isEmptyRow(cells)) return;
    if (headerRow === 0) {
      headerRow = rowNumber;
      const merged = ctx.merges.find((m) => m.r1 <= headerRow && headerRow <= m.r2);
      if (merged) {
        const filled = cells.filter((c) => c !== '').length;
        throw mergedHeaderError(merged, headerRow, filled === 1 && merged.c2 > merged.c1);
      }
    } else {
      activeFills = activeFills.filter((f) => f.merge.r2 >= rowNumber);
      while (nextFill < fills.length && fills[nextFill]!.r1 <= rowNumber) {
        const merge = fills[nextFill++]!;
        if (merge.r1 === rowNumber && merge.r1 > headerRow) {
          const value = cells[merge.c1 - 1] ?? '';
          if (value !== '') activeFills.push({ merge, value });
        }
      }
      for (const { merge, value } of activeFills) {
        if (merge.r1 < rowNumber) {
          const col = merge.c1 - 1;
          while (cells.length <= col) cells.push('');
          if (cells[col] === '') cells[col] = value;
        }
      }
    }
    ready.push(problems ? { row: rowNumber, cells, problems } : { row: rowNumber, cells });
  };

  const handler: XmlHandler = {
    open(name, attrs) {
      if (done) return;
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = true;
        return;
      }
      switch (name) {
        case 'row': {
          const r = rawAttribute(attrs, 'r');
          rowNumber = r ? Number(r) : rowNumber + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1) throw corrupt(`bad row number ${r}`);
          cells = [];
          problems = undefined;
          lastCol = 0;
          break;
        }
        case 'c': {
          const r = rawAttribute(attrs, 'r');
          const col = r ? decodeColumn(r) : lastCol + 1;
          lastCol = col;
          const style = rawAttribute(attrs, 's');
          cell = {
            col,
            type: rawAttribute(attrs, 't') ?? 'n',
            style: style ? Number(style) : 0,
            formula: null,
            value: null,
            inline: null,
          };
          break;
        }
        case 'v':
          if (cell) {
            cell.value = '';
            capture = 'v';
          }
          break;
        case 'f':
          if (cell) {
            cell.formula = '';
            capture = 'f';
          }
          break;
        case 'is':
          if (cell) {
            inInline = true;
            cell.inline = '';
          }
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (cell && inInline && !inPhonetic) capture = 't';
          break;
        default:
          break;
      }
    },
    close(name) {
      if (done || !inSheetData) return;
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          capture = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c':
          if (cell) finishCell(cell);
          cell = null;
          break;
        case 'row':
          finishRow();
          break;
        case 'sheetData':
          done = true;
          break;
        default:
          break;
      }
    },
    text(raw) {
      if (capture === null || cell === null) return;
      if (capture === 'v') cell.value += raw;
      else if (capture === 'f') cell.formula += raw;
      else cell.inline += raw;
      const length = (cell.value?.length ?? 0) + (cell.inline?.length ?? 0) + (cell.formula?.length ?? 0);
      if (length > captureLimit) throw cellTooLong(rowNumber, cell.col - 1, limits);
    },
  };

  const tokenizer = new XmlTokenizer(handler);
  for await (const text of entryText(file.filePath, file.fh, file.fileSize, entry)) {
    tokenizer.write(text);
    for (const row of ready) yield row;
    ready.length = 0;
    if (done) return;
  }
  tokenizer.end();
  for (const row of ready) yield row;
}
