// Days as the federation counts them: China time (UTC+8, no daylight saving since 1991),
// whatever zone the server or the browser runs in. A day is the text 'YYYY-MM-DD'; an instant
// is a Date. Every "today", every day range of a filter and every Chinese date on a page or in
// a Word file comes from here. The server and the web app share this file.
import { str } from './api';

export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';

/** China Standard Time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The day in China at `instant`: 'YYYY-MM-DD'. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time in China at `instant`, to the minute: '2026-12-07 14:30'. */
export function chinaMinute(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Today in China (at 07:00 in Beijing it is already today, though UTC is still yesterday). */
export function chinaToday(now: Date = new Date()): string {
  return chinaDay(now);
}

/** The year in China at `instant`. */
export function chinaYear(instant: Date = new Date()): number {
  return Number(chinaDay(instant).slice(0, 4));
}

/** The instant a China day begins (00:00 Beijing time). */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** `YYYY-MM` plus `k` months (k may be negative). */
export function shiftMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The first instant of a China month, `YYYY-MM`. */
export function chinaMonthStart(month: string): Date {
  return chinaDayStart(`${month}-01`);
}

/** The instants from the start of `from` to the start of the day after `to`: [start, end). */
export function chinaDayRange(from: string, to: string): { start: Date; end: Date } {
  return { start: chinaDayStart(from), end: new Date(chinaDayStart(to).getTime() + DAY_MS) };
}

/** The instants of a China year: [1 January 00:00, next 1 January 00:00). */
export function chinaYearRange(year: number): { start: Date; end: Date } {
  return chinaDayRange(`${year}-01-01`, `${year}-12-31`);
}

/**
 * The day an instant at UTC midnight stands for: day arithmetic on instants built with Date.UTC
 * (spreadsheet serial dates, generated histories). Not for "now": use chinaToday.
 */
export function utcDay(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** The day `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/**
 * `day` plus whole years, written as the same month and day (a term that began on 29 February
 * ends on "29 February" of its last year, which compares correctly as text).
 */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last day of a month (month 1–12; months beyond 12 or below 1 roll into other years). */
export function monthEnd(year: number, month: number): string {
  return utcDay(Date.UTC(year, month, 0));
}

/** Whether `value` is a real day of the Gregorian calendar written as YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 2012-08-03 → 2012年8月3日 (Arabic numerals, as GB/T 9704-2012 writes dates); '' when none. */
export function chineseDate(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A day 'YYYY-MM-DD' that exists and lies between 1900 and 2100; messages name `label`. */
export function dayText(label = '日期') {
  return str({ error: `${label}必须是文本` })
    .regex(DAY_PATTERN, { error: `${label}的格式应为 YYYY-MM-DD` })
    .refine(isCalendarDay, { error: `${label}不存在`, abort: true })
    .refine((v) => v >= EARLIEST_DAY && v <= LATEST_DAY, {
      error: `${label}应在 1900 年至 2100 年之间`,
    });
}
