// The import template users download: a data sheet 企业名单 with the canonical headers and one
// example row, and an instructions sheet 填写说明 that readRows skips.

import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ColumnKind } from './headers';
import { OWNERSHIP_LABELS, OWNERSHIPS } from './record';
import { OWNERSHIP_ACCEPTED } from './values';

export const TEMPLATE_DATA_SHEET = '企业名单';
export const TEMPLATE_INSTRUCTIONS_SHEET = '填写说明';

/** Rows of the data sheet that get drop-down lists and formats (Excel applies them as typed). */
const FORMATTED_ROWS = 10_000;

const ACCEPTED: Record<ColumnKind, string> = {
  code: '18 位数字或大写字母，设为文本格式',
  text: '文字',
  date: '2011-06-30、2011/6/30、2011年6月30日、20110630，或 Excel 日期',
  count: '不小于 0 的整数，例如 120',
  bool: '是 / 否（也接受 Y/N、√/×、有/无、1/0）',
  ownership: OWNERSHIPS.map(
    (o) =>
      `${OWNERSHIP_LABELS[o]}（${OWNERSHIP_ACCEPTED[o]
        .filter((w) => w !== OWNERSHIP_LABELS[o])
        .slice(0, 5)
        .join('、')}）`,
  ).join('；'),
  status: '在营 / 注销（也接受 存续、正常、开业 / 关闭、吊销、停业、歇业）；留空为在营',
  haveOrDate: '是 / 否，或建立日期',
};

const WIDTH: Record<ColumnKind, number> = {
  code: 24,
  text: 18,
  date: 14,
  count: 12,
  bool: 10,
  ownership: 12,
  status: 10,
  haveOrDate: 12,
};

/** Writes the import template (.xlsx) to `stream` and ends it. */
export async function writeTemplate(stream: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gonghui 工会工作平台';

  const data = workbook.addWorksheet(TEMPLATE_DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(WIDTH[c.kind], c.header.length * 2 + 4),
    // A USCC typed into a General cell becomes 9.13205E+17 and loses digits: text from the start.
    style: c.kind === 'code' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const headerRow = data.getRow(1);
  headerRow.height = 30;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : undefined };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.note = `${c.required ? '必填。' : ''}${c.help}`;
  });

  const example = data.getRow(2);
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.example === '') return;
    const cell = example.getCell(i + 1);
    if (c.kind === 'date') {
      cell.value = new Date(`${c.example}T00:00:00Z`);
      cell.numFmt = 'yyyy-mm-dd';
    } else if (c.kind === 'count') cell.value = Number(c.example);
    else {
      cell.value = c.example;
      if (c.kind === 'code') cell.numFmt = '@';
    }
  });

  const list = (values: string[]) => ({
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: false,
  });
  // exceljs supports range validations (README: "Data Validations") but its typings omit them.
  const validations = (
    data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  IMPORT_COLUMNS.forEach((c, i) => {
    const letter = data.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${FORMATTED_ROWS + 1}`;
    if (c.kind === 'bool' || c.kind === 'haveOrDate') validations.add(range, list(['是', '否']));
    else if (c.kind === 'ownership') validations.add(range, list(OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o])));
    else if (c.kind === 'status') validations.add(range, list(['在营', '注销']));
  });

  const help = workbook.addWorksheet(TEMPLATE_INSTRUCTIONS_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 28 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'help', width: 70 },
    { header: '可填写的值', key: 'accepted', width: 60 },
    { header: '示例', key: 'example', width: 26 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    help.addRow({
      header: c.header,
      required: c.required ? '必填' : '选填',
      help: c.help,
      accepted: ACCEPTED[c.kind],
      example: c.example,
    });
  }
  help.addRow({});
  for (const line of [
    '1. 请在“企业名单”工作表中填写，每行一家企业；第一行是列标题，请不要修改、合并或删除标题行。',
    '2. 列的顺序可以调整，不需要的选填列可以删除；列标题也可以用常见写法（如“单位名称”“信用代码”“从业人员”）。',
    '3. 统一社会信用代码一列请保持“文本”格式；从其他表格粘贴时请用“选择性粘贴 → 数值”。',
    '4. 日期可以写成 2011-06-30、2011/6/30 或 2011年6月30日；不要用公式，公式请粘贴为数值。',
    '5. 第 2 行是示例，导入前请删除或改成真实数据。',
    '6. 导入是“全部成功或全部不导入”：有错误时系统给出错误报告（第几行、哪一列、原因），改正后重新导入。',
  ]) {
    help.addRow({ header: line });
    help.mergeCells(`A${help.rowCount}:E${help.rowCount}`);
  }
  help.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });

  // The template is small (~16 KB): one buffer, written and ended, is simpler than piping.
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(buffer, () => resolve());
  });
}
