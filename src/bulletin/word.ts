// Word export of a bulletin issue in the official layout (GB/T 9704-2012 conventions, DOMAIN §7):
// A4 with the standard margins and a 28 characters × 22 lines grid, body in 仿宋 3号, a red
// masthead (title in 小标宋, issue number, editing unit and date, red rule), each column as
// 【栏目】 with its items and their sources in full-width brackets, the distribution lines between
// rules at the end, and "— 1 —" page numbers on the outer side.
//
// Fonts: the official fonts (仿宋_GB2312, 方正小标宋简体, 黑体) are named as Word users expect them;
// the font table gives each a commonly installed alternative (altName) so that Word and
// LibreOffice on machines without them still pick a Chinese face of the same kind.

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { Actor } from '../platform/access';
import { AppError } from '../platform/errors';
import { getPrintableIssue, type PrintableIssue } from './archive';
import { chineseDate } from '../platform/shared/dates';

/** Twips per millimetre (1 inch = 25.4 mm = 1440 twips). */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
} as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;
const CHARS_PER_LINE = 28;
const LINES_PER_PAGE = 22;
/** 3号 = 16 pt, in half-points as Word stores sizes. */
const BODY_SIZE = 32;
/** The line pitch of the grid: 22 lines in the text area (≈ 579 twips, 28.95 pt). */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);
/**
 * The character pitch as Word stores it: the difference between the pitch that fits 28
 * characters in the text width and the body size, in 1/4096 pt (negative: slightly narrower).
 */
export const CHAR_SPACE = Math.round((TEXT_WIDTH / 20 / CHARS_PER_LINE - BODY_SIZE / 2) * 4096);

/**
 * Body text is condensed by 0.3 pt so that a 3号 character (16 pt wide) fits the grid's
 * 15.79 pt cell: Word squeezes it anyway, LibreOffice would otherwise give it two cells.
 */
const CONDENSED = -6;

/** Red of the masthead and its rule (the print red Y80 M80 is shown as pure red on screen). */
export const RED = 'FF0000';

export const FONTS = {
  /** 仿宋: body text. */
  body: '仿宋_GB2312',
  /** 小标宋: masthead and item titles. */
  title: '方正小标宋简体',
  /** 黑体: column headings. */
  heading: '黑体',
  /** 宋体: page numbers (4号 半角 Arabic numerals). */
  number: '宋体',
} as const;

/** Alternatives for machines without the official fonts, as Word's font table names them. */
const FONT_TABLE: {
  name: string;
  altName: string;
  panose: string;
  family: 'roman' | 'modern' | 'swiss';
  pitch: 'fixed' | 'variable';
}[] = [
  { name: FONTS.body, altName: '仿宋', panose: '02010609030101010101', family: 'roman', pitch: 'variable' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', family: 'roman', pitch: 'variable' },
  {
    name: FONTS.title,
    altName: '华文中宋',
    panose: '02000000000000000000',
    family: 'roman',
    pitch: 'variable',
  },
  { name: '华文中宋', altName: 'SimSun', panose: '02010600040101010101', family: 'roman', pitch: 'variable' },
  {
    name: FONTS.heading,
    altName: 'SimHei',
    panose: '02010609060101010101',
    family: 'swiss',
    pitch: 'variable',
  },
  {
    name: FONTS.number,
    altName: 'SimSun',
    panose: '02010600030101010101',
    family: 'roman',
    pitch: 'variable',
  },
];

function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/>` +
      `<w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `${XML_HEAD}<w:fonts ${W_NS}>${fonts}</w:fonts>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * The document's defaults and its Normal style: 仿宋 3号 condensed by 0.3 pt, one grid
 * line per text line, and no snapping to the character grid. Word squeezes 3号 characters into
 * the grid's 15.79 pt cells, but LibreOffice gives each of them two cells and breaks lines
 * early; condensed text that ignores the character grid sets 28 characters a line in both, and
 * the section's grid still tells Word users 28 × 22.
 */
function stylesXml(): string {
  const fonts = `<w:rFonts w:ascii="${FONTS.body}" w:hAnsi="${FONTS.body}" w:eastAsia="${FONTS.body}" w:cs="${FONTS.body}" w:hint="eastAsia"/>`;
  const run = `${fonts}<w:spacing w:val="${CONDENSED}"/><w:kern w:val="2"/><w:sz w:val="${BODY_SIZE}"/><w:szCs w:val="${BODY_SIZE}"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`;
  const paragraph = `<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${LINE_PITCH}" w:lineRule="exact"/><w:jc w:val="both"/>`;
  return (
    XML_HEAD +
    `<w:styles ${W_NS}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${run}</w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr>${paragraph}</w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
    `<w:pPr>${paragraph}</w:pPr><w:rPr>${run}</w:rPr></w:style>` +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
    `<w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
    '</w:styles>'
  );
}

/** Run fonts for all scripts, with the East Asian hint so that digits and punctuation stay CJK. */
function font(name: string): IRunOptions['font'] {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

/** One grid line per text line: exact 28.95 pt, as official documents set it. */
const GRID_LINE: IParagraphOptions['spacing'] = {
  line: LINE_PITCH,
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
};
/** Two characters of first-line indent in 3号. */
const FIRST_LINE_INDENT = { firstLine: BODY_SIZE * 20, firstLineChars: 200 };

const text = (value: string, options: IRunOptions = {}) => new TextRun({ text: value, ...options });

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

/** 4号 in half-points: the size of the distribution block (版记). */
const NOTE_SIZE = 28;
const NOTE_CHAR = NOTE_SIZE * 10;
const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } as const;
const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

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

/** An empty paragraph that draws a rule across the text width (版记 lines). */
function rule(border: typeof thick | typeof thin, keepNext = true): Paragraph {
  return new Paragraph({
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext,
    border: { bottom: border },
    children: [],
  });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  // A full-width space keeps the number one character in from the outer edge.
  const runs = [
    new TextRun({
      children: [side === 'even' ? '\u3000— ' : '— ', PageNumber.CURRENT, side === 'odd' ? ' —\u3000' : ' —'],
      font: font(FONTS.number),
      size: NOTE_SIZE,
    }),
  ];
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: runs,
      }),
    ],
  });
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

  const doc = new Document({
    creator: issue.editingUnit ?? '',
    title: `${issue.series}${issueNumberLine(issue)}`,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: mm(15),
              // The page number's top edge sits about 7 mm below the text area.
              footer: mm(22),
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
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
