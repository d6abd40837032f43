// The ranking notice (通报) of information work as files: an xlsx sheet in the style of the
// coverage report (title block, bordered table, totals, a note naming the units that submitted
// nothing), and a short Word notice in the official layout (title in 小标宋, body in 仿宋 3号,
// an intro with the totals, the ranking table, the silent units named, the editing unit and
// date at the end).
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Actor } from '../platform/access';
import type { PreparedDownload } from '../platform/downloads';
import { RANKING_GROUP_LABELS, RankingQuery, type RankingRow, type RankingView } from './points-contract';
import { getRanking } from './points-ranking';
import { chinaToday, chineseDate } from '../platform/shared/dates';

type Query = ReturnType<typeof RankingQuery.parse>;

interface Column {
  header: string;
  width: number;
  value: (r: RankingRow) => string | number;
}

function columnsOf(view: RankingView): Column[] {
  const who: Column[] =
    view.by === 'author'
      ? [
          { header: '作者', width: 12, value: (r) => r.author ?? '' },
          { header: '单位', width: 24, value: (r) => r.unit },
        ]
      : [{ header: '单位', width: 26, value: (r) => r.unit }];
  return [
    { header: '名次', width: 7, value: (r) => r.rank },
    ...who,
    { header: '报送\n（篇）', width: 9, value: (r) => r.submitted },
    { header: '本刊采用\n（篇）', width: 10, value: (r) => r.adopted },
    { header: '其中全文', width: 9, value: (r) => r.adoptedFull },
    { header: '其中简讯', width: 9, value: (r) => r.adoptedBrief },
    { header: '上级采用\n（篇次）', width: 10, value: (r) => r.outlets },
    { header: '领导批示\n（篇次）', width: 10, value: (r) => r.instructions },
    { header: '积分', width: 10, value: (r) => r.points },
  ];
}

const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_ROW = 4;
/** A full-width space between the facts of the title block. */
const GAP = '\u3000';

/** The sentence naming the units that submitted nothing, or null when every unit did. */
export function silentSentence(view: RankingView): string | null {
  if (!view.silentUnits.length) return null;
  return `${view.periodLabel}，${view.silentUnits.join('、')}未报送信息（共${view.silentUnits.length}家）。`;
}

/** The intro sentence with the totals. */
export function introSentence(view: RankingView): string {
  const t = view.totals;
  const group = view.group === 'all' ? '' : RANKING_GROUP_LABELS[view.group];
  const who = view.by === 'author' ? `${t.units}家单位的信息员` : `${group}${t.units}家单位`;
  return (
    `${view.periodLabel}，${who}共报送信息${t.submitted}篇，被《工作动态》采用${t.adopted}篇，` +
    `被上级刊物或党政机关采用${t.outlets}篇次，获领导批示${t.instructions}篇次，合计积分${t.points}分。` +
    `现将${view.by === 'author' ? '信息员' : '各单位'}信息报送积分排名情况通报如下。`
  );
}

function writeSheet(workbook: ExcelJS.Workbook, view: RankingView) {
  const cols = columnsOf(view);
  const last = cols.length;
  const sheet = workbook.addWorksheet('积分排名', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = cols.map((c) => ({ width: c.width }));
  const line = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number) => {
    sheet.mergeCells(row, 1, row, last);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, ...font };
    cell.alignment = { vertical: 'middle', horizontal: row === 1 ? 'center' : 'left', wrapText: true };
    sheet.getRow(row).height = height;
  };
  line(1, view.title, { size: 16, bold: true }, 30);
  line(
    2,
    `统计周期：${view.from} 至 ${view.to}（不含）${GAP}排名范围：${RANKING_GROUP_LABELS[view.group]}${GAP}编辑单位：${view.editingUnit}`,
    { size: 10 },
    18,
  );
  line(3, introSentence(view), { size: 10 }, 36);
  const header = sheet.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = BORDER;
  });
  header.height = 32;
  for (const r of view.rows) {
    const row = sheet.addRow(cols.map((c) => c.value(r)));
    row.height = 18;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = {
        name: FONT,
        size: 10,
        color: r.silent && view.by === 'unit' ? { argb: 'FFC00000' } : undefined,
      };
      cell.border = BORDER;
      cell.alignment =
        typeof cell.value === 'number'
          ? { vertical: 'middle', horizontal: 'center' }
          : { vertical: 'middle', horizontal: 'left' };
    });
  }
  const silent = silentSentence(view);
  const note = sheet.addRow([
    `注：积分按本单位积分规则计算，已作废的积分不计；名次按积分排列，积分相同者名次并列。${silent ? silent : ''}`,
  ]);
  sheet.mergeCells(note.number, 1, note.number, last);
  note.height = 32;
  note.getCell(1).font = { name: FONT, size: 9 };
  note.getCell(1).alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
}

function fileBase(view: RankingView): string {
  const who = view.by === 'author' ? '信息员' : RANKING_GROUP_LABELS[view.group];
  return `${view.periodLabel}信息报送积分排名-${who}`;
}

/** The ranking notice as xlsx (access and input checked before any byte is sent). */
export async function prepareRankingXlsx(actor: Actor, query: Query): Promise<PreparedDownload> {
  const view = await getRanking(actor, query);
  return {
    filename: `${fileBase(view)}.xlsx`,
    write: async (output) => {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = view.editingUnit;
      writeSheet(workbook, view);
      output.end(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Word

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
/** 3号 and 二号 in half-points; the table in 四号 to fit nine columns. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
const TABLE_SIZE = 24;

const font = (name: string): IRunOptions['font'] => ({
  ascii: name,
  hAnsi: name,
  eastAsia: name,
  cs: name,
  hint: 'eastAsia',
});

const run = (text: string, options: IRunOptions = {}) =>
  new TextRun({ text, font: font(BODY_FONT), size: BODY_SIZE, ...options });

const bodyParagraph = (text: string) =>
  new Paragraph({
    children: [run(text)],
    indent: { firstLine: BODY_SIZE * 20 },
    spacing: { line: 560, lineRule: 'exact', before: 0, after: 0 },
  });

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** The text width of the page in twips (A4 less the margins below). */
const TEXT_WIDTH = 11906 - 1587 - 1474;

/** Column widths in twips: the names get what the seven figures and the rank leave. */
function widthsOf(view: RankingView): number[] {
  const rank = 700;
  const figure = view.by === 'author' ? 735 : 790;
  const names = TEXT_WIDTH - rank - 7 * figure;
  const who = view.by === 'author' ? [1100, names - 1100] : [names];
  return [rank, ...who, ...Array.from({ length: 7 }, () => figure)];
}

function tableOf(view: RankingView): Table {
  const cols = columnsOf(view);
  const widths = widthsOf(view);
  const cell = (text: string, i: number, bold = false) =>
    new TableCell({
      width: { size: widths[i] ?? 700, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              text,
              bold,
              font: font(BODY_FONT),
              size: TABLE_SIZE,
            }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: cols.map((c, i) => cell(c.header.replace('\n', ''), i, true)),
      }),
      ...view.rows.map((r) => new TableRow({ children: cols.map((c, i) => cell(String(c.value(r)), i)) })),
    ],
  });
}

/** The ranking notice as a Word document. */
export async function rankingDocx(view: RankingView, today = chinaToday()): Promise<Buffer> {
  const silent = silentSentence(view);
  const doc = new Document({
    creator: view.editingUnit,
    title: view.title,
    styles: {
      default: {
        document: {
          run: { font: font(BODY_FONT), size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 400 },
            children: [new TextRun({ text: view.title, font: font(TITLE_FONT), size: TITLE_SIZE })],
          }),
          new Paragraph({ children: [run('各市（区）总工会，市各产业（系统）工会，市总机关各部室：')] }),
          bodyParagraph(introSentence(view)),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 200 },
            children: [
              run(`${view.periodLabel}信息报送积分排名（${RANKING_GROUP_LABELS[view.group]}）`, {
                bold: true,
              }),
            ],
          }),
          tableOf(view),
          ...(silent
            ? [
                bodyParagraph(silent),
                bodyParagraph('请上述单位高度重视信息报送工作，切实加强信息员队伍建设。'),
              ]
            : []),
          bodyParagraph('希望各单位以先进为榜样，进一步提高信息报送的数量和质量。'),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 600 },
            children: [run(view.editingUnit)],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDate(today))] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The ranking notice as .docx (access and input checked before any byte is sent). */
export async function prepareRankingDocx(actor: Actor, query: Query): Promise<PreparedDownload> {
  const view = await getRanking(actor, query);
  return {
    filename: `${fileBase(view)}.docx`,
    write: async (output) => {
      output.end(await rankingDocx(view));
    },
  };
}
