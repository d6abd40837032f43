// Writing a list as an xlsx sheet, streamed: rows come a page at a time and are committed as
// they are written, so memory stays flat whatever the length of the list.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A column of a written sheet: its header, width and value from the item a row stands for. */
export interface SheetColumn<T> {
  header: string;
  width: number;
  value: (item: T) => string | number | null;
  /** Excel's number format, e.g. '@' to keep codes as text. */
  numFmt?: string;
}

/**
 * Writes one sheet (header row bold and frozen); returns the number of rows written. A title, when
 * given, stands merged above the header, as on a form reported upward.
 */
export async function writeSheet<T>(
  output: Writable,
  options: { sheetName: string; columns: SheetColumn<T>[]; title?: string },
  pages: AsyncIterable<T[]>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const headerRow = options.title ? 2 : 1;
  const sheet = workbook.addWorksheet(options.sheetName, {
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  sheet.columns = options.columns.map((c) => ({ width: c.width }));
  options.columns.forEach((c, i) => {
    if (c.numFmt) sheet.getColumn(i + 1).numFmt = c.numFmt;
  });
  if (options.title) {
    const title = sheet.addRow([options.title]);
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    sheet.mergeCells(1, 1, 1, options.columns.length);
    title.commit();
  }
  const header = sheet.addRow(options.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let written = 0;
  for await (const items of pages) {
    for (const item of items) sheet.addRow(options.columns.map((c) => c.value(item))).commit();
    written += items.length;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

/** The pages of a paged list function, from the first to the last. */
export async function* allPages<T>(
  page: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  pageSize = 500,
): AsyncGenerator<T[]> {
  for (let n = 1; ; n++) {
    const { items } = await page(n, pageSize);
    if (items.length) yield items;
    if (items.length < pageSize) return;
  }
}
