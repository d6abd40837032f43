// Parses the text of one legacy bulletin (《工作动态》 as plain text or as the paragraphs of a
// .docx) into its masthead, columns, items with their source units, and distribution footer.
//
// Old files are messy, so the parser never throws and never drops text: every line lands in
// the masthead, a column name, an item's title, body or sources, or the distribution. What it
// cannot place with confidence it keeps and flags with a reason in Chinese for the editor.
// Two things are not kept as text: control characters (a database text column refuses NUL)
// and lines made only of rule characters (────, ＝＝＝), which are the printed layout's rules.

export type LegacyItemKind = 'full' | 'brief';

export interface LegacyItem {
  title: string;
  body: string;
  sources: string[];
  /** 'brief': a run-in paragraph whose first sentence (up to the first 。, not kept) is the title. */
  kind: LegacyItemKind;
  /** Why the editor should check this item, in Chinese; null when it was placed confidently. */
  flagged: string | null;
}

export interface LegacyColumn {
  name: string;
  items: LegacyItem[];
}

export interface LegacyDistribution {
  /** 本期印发：… */
  issuedTo: string | null;
  /** 报：… */
  report: string | null;
  /** 送：… */
  send: string | null;
  /** 发：… */
  issue: string | null;
}

export interface LegacyBulletin {
  series: string | null;
  year: number | null;
  number: number | null;
  totalNumber: number | null;
  supplement: boolean;
  /** YYYY-MM-DD */
  date: string | null;
  editor: string | null;
  /** The masthead lines as they were written (title, issue number, editing unit and date). */
  masthead: string[];
  columns: LegacyColumn[];
  distribution: LegacyDistribution;
  printCount: number | null;
  /** Messages about the whole file, in Chinese. */
  warnings: string[];
}

export interface ParseLegacyOptions {
  /** The uploaded file's name: the year is taken from it when the masthead has none. */
  fileName?: string;
}

/** Reasons shown to the editor beside a flagged item. */
export const FLAGS = {
  untitled: '未识别到标题，请编辑核对',
  noSources: '未找到来源单位，请编辑核对',
  noBody: '未识别到正文，请编辑核对',
  orphanSources: '来源单位前没有正文，请编辑核对其归属',
  unplaced: '位于第一个栏目之前，未归入栏目，请编辑指定栏目',
  noColumn: '原文没有栏目，请编辑指定栏目',
  noStructure: '未能识别文件结构，全文保存为一条信息，请编辑拆分核对',
  longTitle: '标题超过60字，可能没有正确分出标题，请编辑核对',
} as const;

export const UNPLACED_COLUMN = '未分栏';

const BRIEF_COLUMN = /简讯|短讯|快讯|简报|速递|短波|一句话/;

// Whitespace as it appears in these files: ASCII and full-width spaces, no-break and zero-width
// spaces, and stray byte order marks.
const WS = '\\s\\u3000\\u00a0\\u200b-\\u200d\\u2060\\ufeff';
const SPACE = new RegExp(`[${WS}]`);
const SPACES = new RegExp(`[${WS}]+`, 'g');
const EDGE_SPACES = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
// C0 controls other than tab, line feed, carriage return and form feed, and DEL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
// Three or more rule characters and nothing else.
const RULE_LINE = /^[-—─━═=＝_＿~～·*＊★☆◆◇]{3,}$/;

const COLUMN_OPEN = '【〖［';
const COLUMN_CLOSE = '】〗］';

function trimSpaces(s: string): string {
  return s.replace(EDGE_SPACES, '');
}

// A CJK ideograph or full-width punctuation: spaces between two of these are stray.
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019]/;

/** Trims a line, collapses runs of spaces and drops the stray ones between two Chinese characters. */
function tidy(s: string): string {
  const t = trimSpaces(s);
  let out = '';
  let last = 0;
  SPACES.lastIndex = 0;
  for (let m = SPACES.exec(t); m !== null; m = SPACES.exec(t)) {
    out += t.slice(last, m.index);
    const before = t[m.index - 1] ?? '';
    const after = t[m.index + m[0].length] ?? '';
    if (!(WIDE.test(before) && WIDE.test(after))) out += ' ';
    last = m.index + m[0].length;
  }
  return out + t.slice(last);
}

function removeSpaces(s: string): string {
  return s.replace(SPACES, '');
}

// =============================================================================================
// Numbers and dates

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const NUMBER_TEXT = '[0-9０-９〇零○一二两三四五六七八九十百]+';

/** 15, １５, 十五, 一百零二; 二〇一二 read digit by digit. Null when it is not a number. */
export function readNumber(text: string): number | null {
  const s = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零○Ｏ一二两三四五六七八九十百]+$/.test(s)) return null;
  if (!/[十百]/.test(s)) {
    let n = 0;
    for (const ch of s) n = n * 10 + (CN_DIGITS[ch] ?? 0);
    return n;
  }
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch] ?? 0;
  }
  return total + digit;
}

const DATE = new RegExp(`(${NUMBER_TEXT})\\s*年\\s*(${NUMBER_TEXT})\\s*月\\s*(${NUMBER_TEXT})\\s*日`);
const ISSUE_NUMBER = new RegExp(`(?<!总)第\\s*(${NUMBER_TEXT})\\s*期`);
const TOTAL_NUMBER = new RegExp(`总\\s*第\\s*(${NUMBER_TEXT})\\s*期`);
const YEAR_IN_ISSUE = new RegExp(`(${NUMBER_TEXT})\\s*年\\s*第`);

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1949 || year > 2100 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// =============================================================================================
// Sources: the bracket group at the end of an item

const SOURCE_SEPARATORS = /[、，,;；/／\s\u3000]+/;
// Bracketed endings that are not source units.
const NOT_SOURCES =
  /^(完|待续|未完待续|续|续完|图|附图|图片|附件|附表|略|下转.*|上接.*|见.*|详见.*|共印.*份)$/;

/** Splits the inside of a source group into units. */
export function splitSources(inner: string): string[] {
  return inner
    .split(SOURCE_SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The bracket group at the very end of a line when it reads as source units: the whole line, or
 * after sentence-ending punctuation or spaces. Returns the text before it and the units.
 */
export function trailingSources(line: string): { text: string; sources: string[] } | null {
  const t = trimSpaces(line);
  const last = t[t.length - 1];
  if (last !== '）' && last !== ')') return null;
  // Walk back to the matching opening bracket, so that （市（县）总工会） stays one group.
  let depth = 0;
  let open = -1;
  for (let i = t.length - 1; i >= 0; i--) {
    const ch = t[i];
    if (ch === '）' || ch === ')') depth++;
    else if (ch === '（' || ch === '(') {
      depth--;
      if (depth === 0) {
        open = i;
        break;
      }
    }
  }
  if (open < 0) return null;
  const inner = trimSpaces(t.slice(open + 1, -1));
  if (inner === '' || inner.length > 100 || /[。！？!?]/.test(inner)) return null;
  if (!/[\u4e00-\u9fff]/.test(inner) || NOT_SOURCES.test(removeSpaces(inner))) return null;
  // A year or an ordinal in brackets is text, not a unit.
  if (/^[\d\s年月日第批期次届号]+$/.test(inner)) return null;
  const before = t.slice(0, open);
  const prev = before[before.length - 1];
  if (prev !== undefined && !SPACE.test(prev) && !/[。！？!?”」』…）)]/.test(prev)) return null;
  const sources = splitSources(inner);
  if (sources.length === 0) return null;
  return { text: trimSpaces(before), sources };
}

// =============================================================================================
// Lines

/** A column header like 【工作动态】 (stray spaces allowed), and any text after it on the line. */
export function columnHeader(line: string): { name: string; rest: string } | null {
  const t = trimSpaces(line);
  const openAt = COLUMN_OPEN.indexOf(t[0] ?? '');
  if (openAt < 0) return null;
  const close = t.indexOf(COLUMN_CLOSE[openAt]!);
  if (close < 2 || close > 30) return null;
  const name = removeSpaces(t.slice(1, close));
  if (name === '' || /[。，！？]/.test(name)) return null;
  return { name, rest: trimSpaces(t.slice(close + 1)) };
}

type DistributionField = keyof LegacyDistribution;

const DISTRIBUTION_LABEL = /^(本期印发|印发|分送|抄送|报送|抄报|发送|报|送|发)\s*[：:]\s*/;

function distributionField(label: string): DistributionField {
  switch (label) {
    case '本期印发':
    case '印发':
      return 'issuedTo';
    case '报':
    case '报送':
    case '抄报':
      return 'report';
    case '送':
    case '抄送':
    case '分送':
      return 'send';
    default:
      return 'issue';
  }
}

const PRINT_COUNT = new RegExp(`[（(]?\\s*共\\s*印\\s*(${NUMBER_TEXT})\\s*份\\s*[）)]?$`);

/** The print count at the end of a footer line: （共印200份）, 共印 200 份. */
function printCountAtEnd(line: string): { text: string; count: number } | null {
  const t = trimSpaces(line);
  const m = PRINT_COUNT.exec(t);
  if (!m) return null;
  const count = readNumber(m[1]!);
  if (count === null) return null;
  return { text: trimSpaces(t.slice(0, m.index)), count };
}

const SUBTITLE = /^[—―─-]{1,2}/;

/** A title line: short, not a sentence, and not a bracketed remark. */
function looksLikeTitle(line: string): boolean {
  const t = removeSpaces(line);
  if (t.length === 0 || t.length > 40 || /^[（(]/.test(t)) return false;
  if (/[。；;，,、：:]$/.test(t)) return false;
  return !t.includes('。');
}

// Sub-headings inside an item's body: 一、 （一） 1. 1、 ①.
const SUBHEADING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[①-⑳])/;

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》' };

/** Index of the first 。 outside quotation marks (“…。…” does not end a sentence), or -1. */
export function firstSentenceEnd(text: string): number {
  const stack: string[] = [];
  let straight = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const closer = QUOTE_PAIRS[ch];
    if (closer) stack.push(closer);
    else if (stack.length > 0 && ch === stack[stack.length - 1]) stack.pop();
    else if (ch === '"') straight = !straight;
    else if (ch === '。' && stack.length === 0 && !straight) return i;
  }
  // Unbalanced quotes: fall back to the first full stop anywhere.
  return text.indexOf('。');
}

// =============================================================================================
// Items

interface Draft {
  titleLines: string[];
  paragraphs: string[];
  sources: string[] | null;
  kind: LegacyItemKind;
  flags: string[];
}

class ColumnBuilder {
  readonly items: LegacyItem[] = [];
  private current: Draft | null = null;

  constructor(
    readonly name: string,
    private readonly brief: boolean,
    private readonly columnFlag: string | null,
  ) {}

  private start(): Draft {
    this.close();
    this.current = { titleLines: [], paragraphs: [], sources: null, kind: 'full', flags: [] };
    return this.current;
  }

  /** Starts an item with a paragraph that is not a title: a brief, or an untitled item. */
  private startWithParagraph(text: string): Draft {
    const draft = this.start();
    const end = this.brief ? firstSentenceEnd(text) : -1;
    if (end > 0) {
      draft.kind = 'brief';
      draft.titleLines.push(text.slice(0, end));
      const rest = trimSpaces(text.slice(end + 1));
      if (rest !== '') draft.paragraphs.push(rest);
    } else {
      draft.flags.push(FLAGS.untitled);
      draft.paragraphs.push(text);
    }
    return draft;
  }

  line(raw: string): void {
    // Sources are found before spaces are tidied: spaces may separate the units.
    const whole = trimSpaces(raw);
    if (whole === '') return;
    const found = trailingSources(whole);
    const text = tidy(found ? found.text : whole);
    let draft = this.current;
    if (text !== '') {
      if (draft === null || draft.sources !== null) {
        draft = looksLikeTitle(text) ? this.titled(text) : this.startWithParagraph(text);
      } else if (draft.paragraphs.length === 0 && draft.kind === 'full') {
        // An item with a title so far: a subtitle (——记…) belongs to the title.
        if (SUBTITLE.test(text) && looksLikeTitle(text) && !found) draft.titleLines.push(text);
        else draft.paragraphs.push(text);
      } else if (looksLikeTitle(text) && !SUBHEADING.test(text)) {
        draft = this.titled(text);
      } else if (this.brief) {
        draft = this.startWithParagraph(text);
      } else draft.paragraphs.push(text);
    }
    if (found) {
      if (draft === null || draft.sources !== null) {
        // Sources with nothing before them: keep them as an item of their own.
        draft = this.start();
        draft.flags.push(FLAGS.orphanSources);
      }
      draft.sources = found.sources;
    }
  }

  private titled(text: string): Draft {
    const draft = this.start();
    draft.titleLines.push(text);
    return draft;
  }

  close(): void {
    const d = this.current;
    if (d === null) return;
    this.current = null;
    const flags = [...d.flags];
    if (d.titleLines.length > 0 && d.paragraphs.length === 0 && d.kind === 'full') flags.push(FLAGS.noBody);
    if (d.sources === null) flags.push(FLAGS.noSources);
    if (d.titleLines.join('').length > 60) flags.push(FLAGS.longTitle);
    if (this.columnFlag) flags.push(this.columnFlag);
    this.items.push({
      title: d.titleLines.join(''),
      body: d.paragraphs.join('\n'),
      sources: d.sources ?? [],
      kind: d.kind,
      flagged: flags.length > 0 ? [...new Set(flags)].join('；') : null,
    });
  }
}

// =============================================================================================
// Masthead

interface Masthead {
  lines: string[];
  series: string | null;
  year: number | null;
  number: number | null;
  totalNumber: number | null;
  supplement: boolean;
  date: string | null;
  editor: string | null;
  warnings: string[];
}

const EDITOR_SUFFIX = /(办公室|工会|委员会|宣传部|编辑部|研究室|编印|主办|编)$/;

function isIssueLine(t: string): boolean {
  return ISSUE_NUMBER.test(t) || TOTAL_NUMBER.test(t) || /增\s*刊/.test(t);
}

/**
 * Reads the masthead from the first lines of the file (before any column or item): the title,
 * the issue line (第N期, 总第M期, 增刊), the editing unit and the date. Returns how many of the
 * lines it took: those up to the last one it recognised, all of them short.
 */
function readMasthead(lines: string[]): { masthead: Masthead; taken: number } {
  const masthead: Masthead = {
    lines: [],
    series: null,
    year: null,
    number: null,
    totalNumber: null,
    supplement: false,
    date: null,
    editor: null,
    warnings: [],
  };
  let taken = 0;
  const window = Math.min(lines.length, 10);
  for (let i = 0; i < window; i++) {
    const t = tidy(lines[i]!);
    if (removeSpaces(t).length > 40 || columnHeader(t) || DISTRIBUTION_LABEL.test(t) || trailingSources(t))
      break;
    if (isIssueLine(t) || DATE.test(t) || RULE_LINE.test(removeSpaces(t))) taken = i + 1;
  }
  if (taken === 0) return { masthead, taken };
  for (let i = 0; i < taken; i++) {
    const t = tidy(lines[i]!);
    if (RULE_LINE.test(removeSpaces(t))) continue;
    masthead.lines.push(t);
    let rest = t;
    const date = DATE.exec(rest);
    if (date && masthead.date === null) {
      const [y, m, d] = [readNumber(date[1]!), readNumber(date[2]!), readNumber(date[3]!)];
      const iso = y !== null && m !== null && d !== null ? isoDate(y, m, d) : null;
      if (iso) masthead.date = iso;
      else masthead.warnings.push(`报头日期“${date[0]}”不是有效日期，请编辑核对`);
      rest = tidy(rest.slice(0, date.index) + ' ' + rest.slice(date.index + date[0].length));
    }
    if (isIssueLine(rest)) {
      const n = ISSUE_NUMBER.exec(rest);
      if (n && masthead.number === null) masthead.number = readNumber(n[1]!);
      const total = TOTAL_NUMBER.exec(rest);
      if (total && masthead.totalNumber === null) masthead.totalNumber = readNumber(total[1]!);
      const year = YEAR_IN_ISSUE.exec(rest);
      if (year && masthead.year === null) masthead.year = readNumber(year[1]!);
      if (/增\s*刊/.test(rest)) masthead.supplement = true;
      continue;
    }
    const compact = removeSpaces(rest).replace(/^[《〈]|[》〉]$/g, '');
    if (compact === '') continue;
    if (date || (EDITOR_SUFFIX.test(compact) && masthead.series !== null)) {
      masthead.editor ??= compact.replace(/(编印|主办|编)$/, '') || compact;
    } else if (!/内部资料|注意保存|秘密|机密|内部刊物/.test(compact)) masthead.series ??= compact;
  }
  if (masthead.year === null && masthead.date) masthead.year = Number(masthead.date.slice(0, 4));
  return { masthead, taken };
}

// =============================================================================================
// The whole file

const EMPTY_DISTRIBUTION: LegacyDistribution = { issuedTo: null, report: null, send: null, issue: null };

/** Parses one legacy bulletin's text; never throws, never drops text (see the file's header). */
export function parseLegacyBulletin(text: string, options: ParseLegacyOptions = {}): LegacyBulletin {
  const warnings: string[] = [];
  const controls = text.match(CONTROL)?.length ?? 0;
  const garbled = controls + (text.match(/\ufffd/g)?.length ?? 0);
  const clean = text.replace(CONTROL, '');
  if (garbled > 0 && garbled >= removeSpaces(clean).length / 20) {
    warnings.push(
      '文件含有大量乱码或控制字符，可能不是文本文件或文字编码不对（应为 UTF-8 或 GBK 文本），请核对原文件',
    );
  }
  if (controls > 0) warnings.push(`已删除 ${controls} 个不可见的控制字符`);

  const lines = clean
    .split(/\r\n|\r|\n|\f|\u2028|\u2029/)
    .filter((l) => trimSpaces(l) !== '' && !RULE_LINE.test(removeSpaces(l)));
  const result: LegacyBulletin = {
    series: null,
    year: null,
    number: null,
    totalNumber: null,
    supplement: false,
    date: null,
    editor: null,
    masthead: [],
    columns: [],
    distribution: { ...EMPTY_DISTRIBUTION },
    printCount: null,
    warnings,
  };
  if (lines.length === 0) {
    warnings.push('文件没有文字内容');
    return result;
  }

  // Rule lines matter to the masthead's end, so it reads the lines before they were removed.
  const allLines = clean.split(/\r\n|\r|\n|\f|\u2028|\u2029/).filter((l) => trimSpaces(l) !== '');
  const { masthead, taken } = readMasthead(allLines);
  // The masthead's lines other than rules are the first lines of `lines`.
  const start = allLines.slice(0, taken).filter((l) => !RULE_LINE.test(removeSpaces(l))).length;

  const hasStructure =
    lines.some((l) => columnHeader(l) !== null || DISTRIBUTION_LABEL.test(tidy(l))) ||
    lines.slice(start).some((l) => trailingSources(tidy(l)) !== null);
  if (!hasStructure) {
    warnings.push(
      '未能识别文件结构（没有【栏目】、来源单位或分发范围），已将全部文字作为一条信息保留，请编辑拆分核对',
    );
    result.columns.push({
      name: UNPLACED_COLUMN,
      items: [
        {
          title: '',
          body: lines.map(tidy).join('\n'),
          sources: [],
          kind: 'full',
          flagged: FLAGS.noStructure,
        },
      ],
    });
    return finish(result, warnings, options);
  }

  Object.assign(result, {
    series: masthead.series,
    year: masthead.year,
    number: masthead.number,
    totalNumber: masthead.totalNumber,
    supplement: masthead.supplement,
    date: masthead.date,
    editor: masthead.editor,
    masthead: masthead.lines,
  });
  warnings.push(...masthead.warnings);

  const anyColumn = lines.some((l) => columnHeader(l) !== null);
  let column: ColumnBuilder | null = null;
  let footerField: DistributionField | null = null;
  const closeColumn = () => {
    if (column === null) return;
    column.close();
    if (column.items.length > 0 || column.name !== UNPLACED_COLUMN) {
      result.columns.push({ name: column.name, items: column.items });
    }
    column = null;
  };
  const appendField = (field: DistributionField, value: string) => {
    const previous = result.distribution[field];
    result.distribution[field] =
      previous === null ? value : `${previous}${previous === '' ? '' : '\n'}${value}`;
  };

  for (const raw of lines.slice(start)) {
    const line = tidy(raw);
    const header = columnHeader(raw);
    if (header) {
      closeColumn();
      footerField = null;
      column = new ColumnBuilder(header.name, BRIEF_COLUMN.test(header.name), null);
      if (header.rest !== '') column.line(header.rest);
      continue;
    }
    const label = DISTRIBUTION_LABEL.exec(line);
    const found = printCountAtEnd(line);
    // Only the first print count is read; a later one stays where it is, as text.
    const count = found && result.printCount === null ? found : null;
    if (found && !count) warnings.push(`印数出现多次（“${line}”），已保留为文字，请编辑核对`);
    if (label || (count && (footerField !== null || count.text === ''))) {
      closeColumn();
      let rest = line;
      if (count) {
        result.printCount = count.count;
        rest = count.text;
      }
      const afterLabel = label ? DISTRIBUTION_LABEL.exec(rest) : null;
      if (afterLabel) {
        footerField = distributionField(afterLabel[1]!);
        appendField(footerField, trimSpaces(rest.slice(afterLabel[0].length)));
      } else if (rest !== '') appendField(footerField ?? 'issuedTo', rest);
      continue;
    }
    if (footerField !== null) {
      // Distribution lists wrap onto the next lines.
      appendField(footerField, line);
      continue;
    }
    column ??= anyColumn
      ? new ColumnBuilder(UNPLACED_COLUMN, false, FLAGS.unplaced)
      : new ColumnBuilder(UNPLACED_COLUMN, false, FLAGS.noColumn);
    column.line(raw);
  }
  closeColumn();

  if (!anyColumn) warnings.push('原文没有【栏目】标记，全部信息已放入“未分栏”，请编辑指定栏目');
  else if (result.columns.some((c) => c.name === UNPLACED_COLUMN)) {
    warnings.push('第一个栏目之前有正文，已放入“未分栏”，请编辑核对');
  }
  return finish(result, warnings, options);
}

function finish(result: LegacyBulletin, warnings: string[], options: ParseLegacyOptions): LegacyBulletin {
  if (result.year === null && options.fileName) {
    const year = /(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/.exec(options.fileName);
    if (year) {
      result.year = Number(year[1]);
      warnings.push(`报头中没有年份，已按文件名取为 ${year[1]} 年，请编辑核对`);
    }
  }
  if (result.number === null && result.columns.length > 0) warnings.push('未识别到期号（第N期），请编辑填写');
  const flagged = result.columns.reduce((n, c) => n + c.items.filter((i) => i.flagged !== null).length, 0);
  if (flagged > 0) warnings.push(`共有 ${flagged} 条信息需要编辑核对（见各条的标注）`);
  return result;
}
