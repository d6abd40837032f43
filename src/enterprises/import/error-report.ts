import ExcelJS from 'exceljs';
import type { RowError } from './record';

/** Writes the rejected rows as an xlsx the user can open next to their file: row, column, value, reason. */
export async function writeErrorReport(filePath: string, errors: RowError[], title: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: true });
  const sheet = workbook.addWorksheet('错误明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [
    { key: 'row', width: 10 },
    { key: 'column', width: 24 },
    { key: 'value', width: 36 },
    { key: 'reason', width: 70 },
  ];
  sheet.addRow([title]).commit();
  const header = sheet.addRow(['行号', '列', '原值', '问题']);
  header.font = { bold: true };
  header.commit();
  for (const e of errors) {
    sheet
      .addRow([e.row, e.column, e.value.length > 500 ? `${e.value.slice(0, 500)}…` : e.value, e.reason])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
