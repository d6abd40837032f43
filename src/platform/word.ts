// Word documents in the official layout (GB/T 9704-2012 conventions): A4 with the standard
// margins, a 28 characters × 22 lines grid, body in 仿宋 3号, titles in 小标宋, headings in 黑体,
// "— 1 —" page numbers on the outer side. Features build their paragraphs with these pieces and
// hand them to officialDocx (the bulletin's issues, the mediation agreement…).
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
  Table,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';

/** Twips per millimetre (1 inch = 25.4 mm = 1440 twips). */
export const mm = (value: number) => Math.round((value * 1440) / 25.4);

export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
} as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;
const CHARS_PER_LINE = 28;
const LINES_PER_PAGE = 22;
/** 3号 = 16 pt, in half-points as Word stores sizes. */
export const BODY_SIZE = 32;
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
export function font(name: string): IRunOptions['font'] {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

/** One grid line per text line: exact 28.95 pt, as official documents set it. */
export const GRID_LINE: IParagraphOptions['spacing'] = {
  line: LINE_PITCH,
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
};
/** Two characters of first-line indent in 3号. */
export const FIRST_LINE_INDENT = { firstLine: BODY_SIZE * 20, firstLineChars: 200 };

export const text = (value: string, options: IRunOptions = {}) => new TextRun({ text: value, ...options });

/** 4号 in half-points: notes below the body (版记) and page numbers. */
export const NOTE_SIZE = 28;
export const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } as const;
export const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

/** An empty paragraph that draws a rule across the text width (版记 lines). */
export function rule(border: typeof thick | typeof thin, keepNext = true): Paragraph {
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

/** A document of `body` in the official layout, with page numbers, as .docx bytes. */
export async function officialDocx(options: {
  creator: string;
  title: string;
  body: (Paragraph | Table)[];
}): Promise<Buffer> {
  const doc = new Document({
    creator: options.creator,
    title: options.title,
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
        children: options.body,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}
