// Pure parsers for the values union staff type into enterprise spreadsheets. Each returns
// `{ value }` or `{ error }` with a reason in Chinese and never throws: a bad cell becomes a
// RowError, never a crash of the whole import.

import type { EnterpriseStatus, Ownership } from './record';
import { excelSerialToDate, INNER_SPACE, normalizeText } from '../../platform/spreadsheets/cells';

export { excelSerialToDate, normalizeText, trimText } from '../../platform/spreadsheets/cells';

export type Parsed<T> = { value: T } | { error: string };

/** Earliest and latest year a date in the registry may have (PRC founding to a sane horizon). */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

/** Removes every kind of whitespace, for codes and numbers. */
function squeeze(input: string): string {
  return input.replace(INNER_SPACE, '');
}

/** NFKC turns full-width digits, letters and punctuation (１２３，／－．) into ASCII. */
function halfWidth(input: string): string {
  // ASCII is its own NFKC form, and most dates and numbers are ASCII.
  for (let i = 0; i < input.length; i++) if (input.charCodeAt(i) > 0x7f) return input.normalize('NFKC');
  return input;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Checks a calendar date and formats it as YYYY-MM-DD. */
function checkedDate(year: number, month: number, day: number, raw: string): Parsed<string> {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { error: `日期“${raw}”的年份 ${year} 不在 ${MIN_YEAR} 到 ${MAX_YEAR} 年之间` };
  }
  if (month < 1 || month > 12) return { error: `日期“${raw}”的月份 ${month} 不存在` };
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) {
    return { error: `日期“${raw}”不存在：${year} 年 ${month} 月只有 ${days} 天` };
  }
  return { value: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

// 2011-06-30, 2011/6/30, 2011.6.30, 2011年6月30日, with an optional time part that Excel adds
// when a date-time cell is saved as CSV ("2011/6/30 0:00").
const YMD =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]+\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,6}(?:\.\d+)?$/;
const YEAR_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$/;
const SHORT_YEAR = /^(\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

// Serial numbers of 1949-01-01 and 2100-12-31: any number in between is taken as a date.
const FIRST_SERIAL = 17_899;
const LAST_SERIAL = 73_415;

/**
 * Parses a date as people type it in Chinese spreadsheets; empty → null.
 * Accepts Excel serial numbers (40724), 2011-06-30, 2011/6/30, 2011.6.30, 2011年6月30日,
 * 20110630, full-width digits and surrounding spaces.
 */
export function parseDate(input: string): Parsed<string | null> {
  const raw = normalizeText(String(input));
  if (raw === '') return { value: null };
  const text = normalizeText(halfWidth(raw));
  let m = YMD.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  const compact = squeeze(text);
  m = COMPACT.exec(compact);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if (SERIAL.test(compact)) {
    const serial = Number(compact);
    if (serial >= FIRST_SERIAL && serial < LAST_SERIAL + 1) {
      return { value: excelSerialToDate(serial) };
    }
    if (/^\d{4}$/.test(compact)) {
      return { error: `日期“${raw}”只有年份，请写成 年-月-日，例如 ${compact}-06-30` };
    }
    return { error: `“${raw}”不是日期，请写成 年-月-日，例如 2011-06-30` };
  }
  if (YEAR_MONTH.test(compact)) return { error: `日期“${raw}”缺少日，请写成 年-月-日，例如 2011-06-30` };
  if (SHORT_YEAR.test(compact)) return { error: `日期“${raw}”的年份请写 4 位，例如 2011-06-30` };
  if (DAY_FIRST.test(compact)) {
    return { error: `日期“${raw}”的顺序无法确定，请按 年-月-日 填写，例如 2011-06-30` };
  }
  return { error: `“${raw}”不是日期，请写成 年-月-日，例如 2011-06-30` };
}

// ---------------------------------------------------------------------------------------------
// Counts

/** Largest count accepted: fits a PostgreSQL integer with room to spare. */
export const MAX_COUNT = 100_000_000;

// Units people append to counts: 120人, 3年, 45票, 2名.
const COUNT_UNIT = /(?:人|名|个|位|年|票|户|家|次)$/;

/** Parses a non-negative whole number (1,234 / １２３ / 120人 / "45"); empty → null. */
export function parseCount(input: string): Parsed<number | null> {
  const raw = normalizeText(String(input));
  if (raw === '') return { value: null };
  let text = squeeze(halfWidth(raw)).replace(COUNT_UNIT, '');
  // Thousands separators, as Excel shows them (1,234) or as typed with a Chinese comma.
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (/^-\d+(?:\.\d+)?$/.test(text)) return { error: `“${raw}”是负数，人数或次数不能为负` };
  const m = /^\+?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { error: `“${raw}”不是整数，请只填写数字，例如 120` };
  // 12.0 is what Excel saves for a whole number formatted with decimals; 12.5 is a mistake.
  if (m[2] !== undefined && /[1-9]/.test(m[2])) return { error: `“${raw}”有小数，请填写整数` };
  const value = Number(m[1]);
  if (!Number.isSafeInteger(value) || value > MAX_COUNT) return { error: `“${raw}”过大，请核实` };
  return { value };
}

// ---------------------------------------------------------------------------------------------
// Yes / no

const YES = new Set(['是', 'Y', 'YES', '√', '✓', '✔', '有', '1', 'TRUE', 'T', '对', '已建', '已建立']);
const NO = new Set(['否', 'N', 'NO', '×', '✗', '✘', '无', '0', 'FALSE', 'F', '没有', '未建', '未建立']);

/** Parses 是/否, Y/N, yes/no, √/×, 有/无, 1/0 (any case and width); empty → null. */
export function parseBool(input: string): Parsed<boolean | null> {
  const raw = normalizeText(String(input));
  if (raw === '') return { value: null };
  const text = squeeze(halfWidth(raw)).toUpperCase();
  if (YES.has(text)) return { value: true };
  if (NO.has(text)) return { value: false };
  return { error: `“${raw}”无法识别，请填写“是”或“否”` };
}

// ---------------------------------------------------------------------------------------------
// Ownership and status

const OWNERSHIP_WORDS: Record<Ownership, string[]> = {
  state: [
    '国有',
    '国有企业',
    '国有控股',
    '国有控股企业',
    '国有独资',
    '国有独资企业',
    '国有独资公司',
    '国营',
    '国企',
  ],
  collective: ['集体', '集体企业', '集体所有制', '集体控股', '股份合作', '股份合作企业'],
  private: [
    '私营',
    '私营企业',
    '民营',
    '民营企业',
    '私营控股',
    '私人控股',
    '个体',
    '个体工商户',
    '个体户',
    '个人独资',
    '个人独资企业',
    '合伙',
    '合伙企业',
    '私营独资',
    '私营独资企业',
    '私营合伙',
    '私营合伙企业',
    '私营有限责任公司',
    '私营股份有限公司',
    '非公',
    '非公有制',
    '非公企业',
  ],
  foreign: [
    '外资',
    '外资企业',
    '外商投资',
    '外商投资企业',
    '外商独资',
    '外商独资企业',
    '外资控股',
    '外商控股',
    '中外合资',
    '中外合资企业',
    '中外合资经营',
    '中外合资经营企业',
    '中外合作',
    '中外合作企业',
    '中外合作经营',
    '中外合作经营企业',
    '外商投资股份有限公司',
  ],
  hmt: [
    '港澳台',
    '港澳台投资',
    '港澳台商投资',
    '港澳台投资企业',
    '港澳台商投资企业',
    '港澳台资',
    '港澳台独资',
    '台港澳',
    '台资',
    '台资企业',
    '港资',
    '港资企业',
    '澳资',
    '澳资企业',
  ],
  other: ['其他', '其它', '联营', '联营企业'],
};

const OWNERSHIP_BY_WORD = new Map<string, Ownership>();
for (const [ownership, words] of Object.entries(OWNERSHIP_WORDS) as [Ownership, string[]][]) {
  OWNERSHIP_BY_WORD.set(ownership.toUpperCase(), ownership);
  for (const word of words) OWNERSHIP_BY_WORD.set(word, ownership);
}

/** The words the template lists as accepted for 经济类型, grouped by ownership. */
export const OWNERSHIP_ACCEPTED: Readonly<Record<Ownership, readonly string[]>> = OWNERSHIP_WORDS;

/** Maps 国有/集体/私营/外商投资/港澳台投资/其他 and their usual variants to an ownership; empty → null. */
export function parseOwnership(input: string): Parsed<Ownership | null> {
  const raw = normalizeText(String(input));
  if (raw === '') return { value: null };
  const text = squeeze(halfWidth(raw)).toUpperCase();
  const found =
    OWNERSHIP_BY_WORD.get(text) ??
    // "私营（有限责任公司）", "外商投资企业(独资)": the note in brackets does not change the kind.
    OWNERSHIP_BY_WORD.get(text.replace(/[(（[【].*?[)）\]】]/g, '')) ??
    OWNERSHIP_BY_WORD.get(text.replace(/经济$/, ''));
  if (found) return { value: found };
  return { error: `经济类型“${raw}”无法识别，请填写：国有、集体、私营、外商投资、港澳台投资 或 其他` };
}

const OPERATING = new Set([
  '在营',
  '存续',
  '正常',
  '开业',
  '营业',
  '在业',
  '在册',
  '正常经营',
  '经营',
  'OPERATING',
]);
const CLOSED = new Set([
  '注销',
  '已注销',
  '关闭',
  '已关闭',
  '吊销',
  '已吊销',
  '吊销,未注销',
  '吊销未注销',
  '停业',
  '歇业',
  '关停',
  '倒闭',
  'CLOSED',
]);

/** Maps 在营/存续/正常/开业 → operating and 注销/关闭/吊销/停业/歇业 → closed; empty → operating. */
export function parseStatus(input: string): Parsed<EnterpriseStatus> {
  const raw = normalizeText(String(input));
  if (raw === '') return { value: 'operating' };
  const text = squeeze(halfWidth(raw)).toUpperCase();
  if (OPERATING.has(text) || OPERATING.has(text.replace(/[(（].*?[)）]/g, ''))) return { value: 'operating' };
  if (CLOSED.has(text) || CLOSED.has(text.replace(/[(（].*?[)）]/g, ''))) return { value: 'closed' };
  return { error: `经营状态“${raw}”无法识别，请填写“在营”或“注销”（也可写 存续、关闭、吊销、停业）` };
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The key under which two spellings of one enterprise name meet: full/half width unified,
 * every bracket made round, spaces removed, 有限责任公司 → 有限公司 (股份有限公司 stays distinct),
 * Latin letters upper-cased.
 */
export function nameKey(name: string): string {
  return squeeze(halfWidth(String(name)))
    .replace(/[[{【〔〖「『〈《]/g, '(')
    .replace(/[\]}】〕〗」』〉》]/g, ')')
    .replace(/有限责任公司/g, '有限公司')
    .toUpperCase();
}
