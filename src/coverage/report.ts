// The coverage table of a node's children as the xlsx statistical report a union sends up the tree
// (两个普遍工作统计表): a title block naming the date and the denominator rule, two-row headers
// grouped by indicator, one row per child, the totals row, and a print layout on A4 landscape.
import ExcelJS from 'exceljs';
import type { Actor } from '../platform/access';
import { OWNERSHIPS, OWNERSHIP_LABELS } from '../enterprises/contract';
import {
  CoverageQuery,
  type CoverageCounts,
  type CoverageRow,
  type CoverageView,
  type DenominatorRule,
  type Indicator,
} from './contract';
import { getCoverage } from './service';
import type { PreparedDownload } from '../platform/downloads';

/** A leaf column: a count of the row, or one of its rates (followed by its target when any is set). */
type Leaf =
  | { header: string; width: number; count: keyof CoverageCounts }
  | { header: string; width: number; rate: Indicator };

interface Group {
  title: string;
  leaves: Leaf[];
}

const GROUPS: Group[] = [
  {
    title: '建会情况',
    leaves: [
      { header: '应建会企业\n（家）', width: 11, count: 'enterprises' },
      { header: '已建会企业\n（家）', width: 11, count: 'unionised' },
      { header: '建会率', width: 9, rate: 'establishmentRate' },
    ],
  },
  {
    title: '职工覆盖',
    leaves: [
      { header: '职工总数\n（人）', width: 12, count: 'employees' },
      { header: '建会企业职工\n（人）', width: 12, count: 'unionisedEmployees' },
      { header: '职工覆盖率', width: 9, rate: 'workerCoverage' },
      { header: '会员人数\n（人）', width: 11, count: 'members' },
      { header: '入会率', width: 9, rate: 'membershipRate' },
    ],
  },
  {
    title: '工资集体协商',
    leaves: [
      { header: '建制企业\n（家）', width: 10, count: 'wageAgreement' },
      { header: '覆盖职工\n（人）', width: 11, count: 'wageAgreementEmployees' },
      { header: '建制率', width: 9, rate: 'wageBargainingRate' },
    ],
  },
  {
    title: '职代会',
    leaves: [
      { header: '建制企业\n（家）', width: 10, count: 'workersCongress' },
      { header: '建制率', width: 9, rate: 'workersCongressRate' },
    ],
  },
  {
    title: '集体合同',
    leaves: [
      { header: '签订企业\n（家）', width: 10, count: 'collectiveContract' },
      { header: '签订率', width: 9, rate: 'collectiveContractRate' },
    ],
  },
  {
    title: '厂务公开',
    leaves: [
      { header: '建制企业\n（家）', width: 10, count: 'affairsDisclosure' },
      { header: '建制率', width: 9, rate: 'affairsDisclosureRate' },
    ],
  },
];

const TARGET_HEADER = '目标';
const TARGET_WIDTH = 8;
const UNIT_WIDTH = 24;
const COUNT_FORMAT = '#,##0';
const RATE_FORMAT = '0.0%';
const FONT = '宋体';
/** The first header row; rows above it are the title block. */
const HEADER_ROW = 5;

/** The denominator rule in words, for the title block. */
export function ruleInWords(rule: DenominatorRule): string {
  const size = rule.minEmployees > 0 ? `${rule.minEmployees} 人` : '不限';
  const kinds = OWNERSHIPS.filter((o) => rule.ownerships.includes(o)).map((o) => OWNERSHIP_LABELS[o]);
  const joint = rule.jointUnionCounts ? '计为已建会' : '不计为已建会';
  return `统计口径：最少职工人数 ${size}；计入的经济类型：${kinds.join('、')}；联合工会覆盖的企业${joint}`;
}

/** The report's columns: each group's leaves, with a target column after a rate where any row has one. */
function columnsOf(view: CoverageView): { title: string; cells: ReportCell[] }[] {
  const rows = [view.node, ...view.children];
  return GROUPS.map((g) => ({
    title: g.title,
    cells: g.leaves.flatMap((leaf): ReportCell[] => {
      if ('count' in leaf) return [{ ...leaf, format: COUNT_FORMAT, value: (r) => r.counts[leaf.count] }];
      const rate: ReportCell = { ...leaf, format: RATE_FORMAT, value: (r) => r.rates[leaf.rate] };
      if (!rows.some((r) => r.targets[leaf.rate] !== undefined)) return [rate];
      return [
        rate,
        {
          header: TARGET_HEADER,
          width: TARGET_WIDTH,
          format: RATE_FORMAT,
          target: true,
          value: (r) => r.targets[leaf.rate] ?? null,
        },
      ];
    }),
  }));
}

interface ReportCell {
  header: string;
  width: number;
  format: string;
  /** A target column stays empty where none is set; a rate without denominator shows "—". */
  target?: boolean;
  value: (row: CoverageRow) => number | null;
}

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function writeReport(workbook: ExcelJS.Workbook, view: CoverageView, nodeName: string) {
  const groups = columnsOf(view);
  const cells = groups.flatMap((g) => g.cells);
  const last = cells.length + 1;
  const sheet = workbook.addWorksheet('统计表', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW + 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW + 1}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = [{ width: UNIT_WIDTH }, ...cells.map((c) => ({ width: c.width }))];

  const line = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number) => {
    sheet.mergeCells(row, 1, row, last);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, ...font };
    cell.alignment = { vertical: 'middle', horizontal: row === 1 ? 'center' : 'left', wrapText: true };
    sheet.getRow(row).height = height;
  };
  line(1, `${nodeName} 两个普遍工作统计表`, { size: 18, bold: true }, 32);
  line(2, `统计截止日期：${view.date}`, { size: 11 }, 18);
  line(3, ruleInWords(view.rule), { size: 11 }, 18);
  const gap = '\u3000'.repeat(4);
  line(4, `填报单位：${nodeName}${gap}计量单位：家、人`, { size: 11 }, 18);

  // Two header rows: the group over its leaves, the unit column spanning both.
  const top = HEADER_ROW;
  const bottom = HEADER_ROW + 1;
  sheet.mergeCells(top, 1, bottom, 1);
  sheet.getCell(top, 1).value = '单位';
  let col = 2;
  for (const g of groups) {
    if (g.cells.length > 1) sheet.mergeCells(top, col, top, col + g.cells.length - 1);
    sheet.getCell(top, col).value = g.title;
    for (const c of g.cells) sheet.getCell(bottom, col++).value = c.header;
  }
  for (const r of [top, bottom]) {
    const row = sheet.getRow(r);
    row.height = r === top ? 22 : 34;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = BORDER;
    }
  }

  const body = (label: string, data: CoverageRow, bold: boolean) => {
    const row = sheet.addRow([label, ...cells.map((c) => c.value(data) ?? (c.target ? null : '—'))]);
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.font = { name: FONT, size: 10, bold };
      cell.border = BORDER;
      const spec = cells[c - 2];
      if (!spec) {
        cell.alignment = { vertical: 'middle', horizontal: 'left' };
        return;
      }
      cell.numFmt = spec.format;
      cell.alignment =
        typeof cell.value === 'number'
          ? { vertical: 'middle', horizontal: 'right', indent: 1 }
          : { vertical: 'middle', horizontal: 'center' };
    });
  };
  for (const child of view.children) body(child.org?.name ?? '直属企业', child, false);
  body('合计', view.node, true);

  const note = sheet.addRow([
    '注：建会率＝已建会企业÷应建会企业；职工覆盖率＝建会企业职工÷职工总数；入会率＝会员人数÷建会企业职工；' +
      '工资集体协商、职代会、厂务公开的建制率和集体合同签订率均以已建会企业为分母；分母为 0 时显示“—”。' +
      (cells.some((c) => c.target) ? '“目标”为上级下达的本年度目标。' : ''),
  ]);
  sheet.mergeCells(note.number, 1, note.number, last);
  note.height = 32;
  note.getCell(1).font = { name: FONT, size: 9 };
  note.getCell(1).alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
}

/**
 * Computes the coverage of the asked node (access and input are checked here, before any byte is
 * sent) and returns the report's file name and its writer.
 */
export async function prepareCoverageReport(
  actor: Actor,
  query: ReturnType<typeof CoverageQuery.parse>,
): Promise<PreparedDownload> {
  const view = await getCoverage(actor, query);
  const nodeName = view.node.org?.name ?? '';
  return {
    filename: `${nodeName}两个普遍工作统计表-${view.date}.xlsx`,
    write: async (output) => {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = nodeName;
      writeReport(workbook, view, nodeName);
      // A report is a few dozen rows: built whole, then sent in one piece.
      output.end(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  };
}
