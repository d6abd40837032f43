// What a spreadsheet cell holds as people fill it in: whitespace of every kind pasted from Word,
// web pages and WeChat, Excel's day numbers, and column headers with notes and markers. Used by
// every import of the platform's features.
import { utcDay } from '../shared/dates';

// Whitespace people paste from Word, web pages and WeChat: ASCII, NBSP, full-width (U+3000),
// zero-width spaces and the BOM that sometimes survives copy-paste.
const SPACE_CLASS = '\\s\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const EDGE_SPACE = new RegExp(`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`, 'g');
export const INNER_SPACE = new RegExp(`[${SPACE_CLASS}]+`, 'g');

/** The characters of SPACE_CLASS, by code. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Trims (including full-width spaces U+3000) and collapses inner whitespace to one space. */
export function normalizeText(input: string): string {
  // Fast path for the usual cell: no space at the ends and no run of spaces or odd space inside.
  let clean =
    input.length === 0 || (!isSpace(input.charCodeAt(0)) && !isSpace(input.charCodeAt(input.length - 1)));
  for (let i = 1; clean && i < input.length - 1; i++) {
    const c = input.charCodeAt(i);
    if (isSpace(c) && (c !== 0x20 || input.charCodeAt(i + 1) === 0x20)) clean = false;
  }
  if (clean) return input;
  return input.replace(EDGE_SPACE, '').replace(INNER_SPACE, ' ');
}

/** Trims every kind of whitespace (full-width, NBSP, zero-width) from both ends, nothing else. */
export function trimText(input: string): string {
  // Most cells have nothing to trim: skip the regular expression for them.
  if (input === '' || (!isSpace(input.charCodeAt(0)) && !isSpace(input.charCodeAt(input.length - 1))))
    return input;
  return input.replace(EDGE_SPACE, '');
}

/** Excel's day number (1900 date system, with its fictitious 1900-02-29) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number, date1904 = false): string {
  // Round to the millisecond first so that 40724.99999999999 (a float artefact of 23:59:59.999)
  // stays on its own day and 40725 - 1e-12 does not fall back a day.
  const days = Math.floor(Math.round(serial * 86_400_000) / 86_400_000);
  let epochDays: number;
  if (date1904)
    epochDays = days - 24107; // 1904-01-01 is serial 0
  else if (days < 60)
    epochDays = days - 25568; // before Excel's fictitious 1900-02-29
  else epochDays = days - 25569; // 1970-01-01 is serial 25569
  return utcDay(epochDays * 86_400_000);
}

/**
 * The form of a header under which spellings meet: full width → half width (NFKC), notes in
 * brackets dropped (职工人数（人）, 建会日期(必填)), required markers and spaces removed, Latin
 * lower-cased.
 */
export function headerKey(header: string): string {
  const text = String(header)
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/[*※★☆▲△]/g, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
  const withoutNotes = text.replace(/[([{【〔<〈][^)\]}】〕>〉]*[)\]}】〕>〉]/g, '');
  // A header that is only a note in brackets ("(备注)") keeps its words.
  return withoutNotes === '' ? text.replace(/[()[\]{}【】〔〕<>〈〉]/g, '') : withoutNotes;
}
