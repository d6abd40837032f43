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

/** A sheet to write: its name, columns, an optional title and its rows a page at a time. */
export interface SheetSpec<T> {
  sheetName: string;
  columns: SheetColumn<T>[];
  /** Stands merged above the header, as on a form reported upward. */
  title?: string;
  pages: AsyncIterable<T[]>;
}

type Workbook = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/** One sheet of a workbook being written, whatever the type of its rows. */
export type SheetWriter = (workbook: Workbook) => Promise<number>;

/** The writer of one sheet (header row bold and frozen); it resolves to the rows written. */
export function sheet<T>(spec: SheetSpec<T>): SheetWriter {
  return async (workbook) => {
    const headerRow = spec.title ? 2 : 1;
    const out = workbook.addWorksheet(spec.sheetName, {
      views: [{ state: 'frozen', ySplit: headerRow }],
    });
    out.columns = spec.columns.map((c) => ({ width: c.width }));
    spec.columns.forEach((c, i) => {
      if (c.numFmt) out.getColumn(i + 1).numFmt = c.numFmt;
    });
    if (spec.title) {
      const title = out.addRow([spec.title]);
      title.font = { bold: true, size: 14 };
      title.alignment = { horizontal: 'center' };
      out.mergeCells(1, 1, 1, spec.columns.length);
      title.commit();
    }
    const header = out.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    let written = 0;
    for await (const items of spec.pages) {
      for (const item of items) out.addRow(spec.columns.map((c) => c.value(item))).commit();
      written += items.length;
    }
    out.commit();
    return written;
  };
}

/** Writes the sheets into one workbook, in order; returns the rows written in each. */
export async function writeSheets(output: Writable, sheets: SheetWriter[]): Promise<number[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const written: number[] = [];
  for (const write of sheets) written.push(await write(workbook));
  await workbook.commit();
  return written;
}

/** Writes one sheet; returns the number of rows written. */
export async function writeSheet<T>(
  output: Writable,
  options: Omit<SheetSpec<T>, 'pages'>,
  pages: AsyncIterable<T[]>,
): Promise<number> {
  const [written] = await writeSheets(output, [sheet({ ...options, pages })]);
  return written!;
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
