// Word export of a bulletin issue in the official layout (platform/word.ts, DOMAIN §7): a red
// masthead (title in 小标宋, issue number, editing unit and date, red rule), each column as
// 【栏目】 with its items and their sources in full-width brackets, the distribution lines between
// rules at the end, and "— 1 —" page numbers on the outer side.

import { AlignmentType, BorderStyle, LineRuleType, Paragraph, TabStopType, TextRun } from 'docx';
import {
  FIRST_LINE_INDENT,
  FONTS,
  font,
  GRID_LINE,
  LINE_PITCH,
  NOTE_SIZE,
  officialDocx,
  RED,
  rule,
  TEXT_WIDTH,
  text,
  thick,
  thin,
} from '../platform/word';
import type { Actor } from '../platform/access';
import { AppError } from '../platform/errors';
import { getPrintableIssue, type PrintableIssue } from './archive';
import { chineseDate } from '../platform/shared/dates';

/** The masthead's issue line: 2012年第8期（总第96期）, 2012年增刊第1期. */
export function issueNumberLine(issue: PrintableIssue): string {
  const number = issue.number === null ? '' : `${issue.supplement ? '增刊' : ''}第${issue.number}期`;
  const total = issue.totalNumber === null ? '' : `（总第${issue.totalNumber}期）`;
  return `${issue.year}年${number}${total}`;
}

/** Body lines without the indentation the old files used. */
function paragraphsOf(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0);
}

/** A brief's title runs into its body, so it ends with a full stop as in print. */
function runInTitle(title: string): string {
  return /[。！？!?.…]$/.test(title) ? title : `${title}。`;
}

function sourcesText(sources: string[]): string {
  return sources.length > 0 ? `（${sources.join('、')}）` : '';
}

function masthead(issue: PrintableIssue): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        text(issue.series, {
          font: font(FONTS.title),
          size: 84,
          color: RED,
          // A short title is spread out, as printed mastheads are.
          characterSpacing: issue.series.length <= 6 ? 200 : 0,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: GRID_LINE,
      children: [text(issueNumberLine(issue))],
    }),
    new Paragraph({
      spacing: { ...GRID_LINE, after: 0 },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      children: [
        text(issue.editingUnit ? `${issue.editingUnit}编` : ''),
        text('\t'),
        text(chineseDate(issue.date)),
      ],
    }),
    new Paragraph({ spacing: GRID_LINE, children: [] }),
  ];
}

function columnHeading(name: string): Paragraph {
  return new Paragraph({
    spacing: GRID_LINE,
    keepNext: true,
    children: [text(`【${name}】`, { font: font(FONTS.heading), bold: true })],
  });
}

type Item = PrintableIssue['columns'][number]['items'][number];

function fullItem(item: Item): Paragraph[] {
  const out: Paragraph[] = [];
  if (item.title)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE_PITCH * 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        keepNext: true,
        children: [text(item.title, { font: font(FONTS.title), size: 40 })],
      }),
    );
  const lines = paragraphsOf(item.body);
  const sources = sourcesText(item.sources);
  if (lines.length === 0 && sources) lines.push('');
  lines.forEach((line, i) => {
    const runs = [text(line)];
    if (sources && i === lines.length - 1) runs.push(text(sources));
    out.push(
      new Paragraph({
        spacing: GRID_LINE,
        indent: FIRST_LINE_INDENT,
        alignment: AlignmentType.JUSTIFIED,
        children: runs,
      }),
    );
  });
  return out;
}

function briefItem(item: Item): Paragraph {
  const runs = [];
  if (item.title) runs.push(text(runInTitle(item.title), { bold: true }));
  runs.push(text(paragraphsOf(item.body).join('')));
  const sources = sourcesText(item.sources);
  if (sources) runs.push(text(sources));
  return new Paragraph({
    spacing: GRID_LINE,
    indent: FIRST_LINE_INDENT,
    alignment: AlignmentType.JUSTIFIED,
    children: runs,
  });
}

const NOTE_CHAR = NOTE_SIZE * 10;

/** The distribution lines (报：送：发： or 本期印发：) and the print count between rules. */
function distribution(issue: PrintableIssue): Paragraph[] {
  const d = issue.distribution;
  const all: [string, string | null][] = [
    ['报：', d.report],
    ['送：', d.send],
    ['发：', d.issue],
    ['本期印发：', d.issuedTo],
  ];
  const lines = all.filter((l): l is [string, string] => Boolean(l[1]));
  if (lines.length === 0 && issue.printCount === null) return [];
  const rows: { children: TextRun[]; label: number; right?: boolean }[] = lines.map(([label, value]) => ({
    children: [text(label, { size: NOTE_SIZE }), text(value, { size: NOTE_SIZE })],
    label: label.length,
  }));
  if (issue.printCount !== null)
    rows.push({
      children: [text(`（共印${issue.printCount}份）`, { size: NOTE_SIZE })],
      label: 0,
      right: true,
    });
  // Rules of their own, across the full text width, while the lines are indented.
  const out = [new Paragraph({ spacing: GRID_LINE, children: [] }), rule(thick)];
  for (const row of rows) {
    // The print count is set off by a thin rule, as 印发机关 and date are in 公文.
    if (row.right && rows.length > 1) out.push(rule(thin));
    out.push(
      new Paragraph({
        spacing: GRID_LINE,
        keepNext: true,
        keepLines: true,
        alignment: row.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // One character in from each side; a wrapped line starts below the text after the colon.
        indent: row.right
          ? { right: NOTE_CHAR }
          : { left: NOTE_CHAR * (1 + row.label), hanging: NOTE_CHAR * row.label, right: NOTE_CHAR },
        children: row.children,
      }),
    );
  }
  out.push(rule(thick, false));
  return out;
}

/** The issue as a Word document (.docx) in the official layout. */
export async function renderIssueDocx(issue: PrintableIssue): Promise<Buffer> {
  const body: Paragraph[] = [...masthead(issue)];
  for (const column of issue.columns) {
    body.push(columnHeading(column.name));
    for (const item of column.items) {
      if (item.kind === 'brief') body.push(briefItem(item));
      else body.push(...fullItem(item));
    }
  }
  body.push(...distribution(issue));
  return officialDocx({
    creator: issue.editingUnit ?? '',
    title: `${issue.series}${issueNumberLine(issue)}`,
    body,
  });
}

/** The download's file name: 工作动态2012年第8期.docx. */
export function issueFileName(issue: PrintableIssue): string {
  return `${issue.series}${issueNumberLine(issue)}.docx`.replace(/[\\/:*?"<>|\r\n]+/g, '_');
}

/** The issue as a .docx download; only issues that went out (archived or published) are exported. */
export async function exportIssueDocx(
  actor: Actor,
  id: string,
): Promise<{ filename: string; content: Buffer }> {
  const issue = await getPrintableIssue(actor, id);
  if (issue.state === 'draft')
    throw new AppError(409, 'ISSUE_NOT_PUBLISHED', '未发布的期次不能导出Word，请在出刊后再导出');
  return { filename: issueFileName(issue), content: await renderIssueDocx(issue) };
}
