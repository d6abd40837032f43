// Calendar dates as the API and the forms carry them: 'YYYY-MM-DD', a day that exists, within the
// years a union's records can be about. Checked before any database sees the value.
import { str } from './api';

export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real day of the Gregorian calendar written as YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
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
