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

/** Writes one sheet (header row bold and frozen); returns the number of rows written. */
export async function writeSheet<T>(
  output: Writable,
  options: { sheetName: string; columns: SheetColumn<T>[] },
  pages: AsyncIterable<T[]>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  options.columns.forEach((c, i) => {
    if (c.numFmt) sheet.getColumn(i + 1).numFmt = c.numFmt;
  });
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
