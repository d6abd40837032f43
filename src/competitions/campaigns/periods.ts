// The periods a competition's values are reported for, and exact decimal arithmetic on values
// written as text (a value is never carried through a binary float).
import { monthEnd } from '../../platform/shared/dates';
import { periodLabel, type Cycle } from './contract';

export interface Period {
  period: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `cycle` that holds `day`. */
export function periodOf(cycle: Cycle, day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (cycle === 'year') return year;
  if (cycle === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${pad(month)}`;
}

/** First and last day of a period. */
export function periodSpan(period: string): { startsOn: string; endsOn: string } {
  const year = Number(period.slice(0, 4));
  const q = /-Q([1-4])$/.exec(period);
  if (q) {
    const first = (Number(q[1]) - 1) * 3 + 1;
    return { startsOn: `${year}-${pad(first)}-01`, endsOn: monthEnd(year, first + 2) };
  }
  const m = /-(\d{2})$/.exec(period);
  if (m) return { startsOn: `${year}-${m[1]}-01`, endsOn: monthEnd(year, Number(m[1])) };
  return { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
}

/** The periods from the one holding `startsOn` to the one holding `endsOn`, in order. */
export function periodsBetween(cycle: Cycle, startsOn: string, endsOn: string): Period[] {
  const out: Period[] = [];
  const last = periodOf(cycle, endsOn);
  let day = startsOn;
  for (let guard = 0; guard < 200; guard += 1) {
    const period = periodOf(cycle, day);
    const span = periodSpan(period);
    out.push({ period, label: periodLabel(period), ...span });
    if (period === last) break;
    const [y, mo] = span.endsOn.split('-').map(Number) as [number, number];
    day = mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01`;
  }
  return out;
}

/** Digits after the point of a decimal text. */
export function decimalsOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** A decimal text in its shortest form: 32.270000 → 32.27, -0 → 0. */
export function trimDecimal(value: string): string {
  let v = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  v = v.replace(/^(-?)0+(?=\d)/, '$1');
  return v === '-0' ? '0' : v;
}

/** The decimal text divided by 10^k (k ≥ 0), exactly: shift('3227000000', 8) = '32.27'. */
export function shiftDown(value: string, k: number): string {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const [whole, frac = ''] = digits.split('.') as [string, string?];
  const padded = whole.padStart(k + 1, '0');
  const out = `${padded.slice(0, padded.length - k)}.${padded.slice(padded.length - k)}${frac}`;
  return trimDecimal(`${negative ? '-' : ''}${out}`);
}
