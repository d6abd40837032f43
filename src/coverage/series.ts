// The counts of one enterprise over time, as steps: the pure part of the cached series.
//
// An enterprise's contribution to the counts of DOMAIN §2 is a step function of the date: it
// changes only on days when something starts or ends (registration, closure, a fact's date, a
// contract's first day, the day after a contract's last day). stepsOf evaluates the state on
// each such day exactly as enterprisesAsOf (src/enterprises/as-of.ts) does in SQL, and returns
// the differences. Summing the steps of every enterprise up to a date gives the counts as of
// that date; the tests hold the two equal.
import type { EnterpriseHistory, HistoryFact } from '../enterprises/service';
import type { CoverageCounts, DenominatorRule } from './contract';
import { addDays } from '../platform/shared/dates';

export const COUNT_KEYS = [
  'enterprises',
  'unionised',
  'employees',
  'unionisedEmployees',
  'members',
  'wageAgreement',
  'wageAgreementEmployees',
  'workersCongress',
  'collectiveContract',
  'affairsDisclosure',
] as const satisfies readonly (keyof CoverageCounts)[];

export type SeriesEnterprise = Omit<EnterpriseHistory, 'facts'>;
export type SeriesFact = HistoryFact;

/** Fact kinds that move the counts; the others need not be read. */
export const SERIES_FACT_KINDS = [
  'headcount',
  'jointUnion',
  'unionFounded',
  'unionDissolved',
  'membership',
  'wageAgreement',
  'workersCongress',
  'collectiveContract',
  'affairsDisclosure',
] as const;

/** The days a series is exact for; changes before `from` are gathered on `opening`. */
export interface SeriesRange {
  opening: string;
  from: string;
  to: string;
}

export function seriesRange(from: string, to: string): SeriesRange {
  return { opening: addDays(from, -1), from, to };
}

/** One step: on `day`, the counts change by `delta` (in COUNT_KEYS order). */
export interface Step {
  day: string;
  delta: number[];
}

/** Whether the rule's ownership kinds include the enterprise (its head count is dated: see stateOf). */
export function eligible(e: SeriesEnterprise, rule: DenominatorRule): boolean {
  return (rule.ownerships as string[]).includes(e.ownership ?? 'other');
}

/** The counts vector of one enterprise as of `date` (zeros when it does not count that day). */
export function stateOf(
  e: SeriesEnterprise,
  facts: readonly SeriesFact[],
  date: string,
  rule: DenominatorRule,
): number[] {
  const none = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  if (
    !eligible(e, rule) ||
    (e.registeredOn !== null && e.registeredOn > date) ||
    (e.closedOn !== null && e.closedOn <= date)
  )
    return none;
  let headcount: SeriesFact | null = null;
  let joint: SeriesFact | null = null;
  let unionEvent: SeriesFact | null = null;
  let wage = false;
  let congress = false;
  let contract = false;
  let disclosure = false;
  let latest: SeriesFact | null = null;
  for (const f of facts) {
    if (f.eventDate !== null && f.eventDate > date) continue;
    const valid = f.validFrom !== null && f.validTo !== null && f.validFrom <= date && f.validTo >= date;
    switch (f.kind) {
      case 'headcount':
        if (f.value !== null && later(f, headcount)) headcount = f;
        break;
      case 'jointUnion':
        if (later(f, joint)) joint = f;
        break;
      case 'unionFounded':
      case 'unionDissolved':
        if (later(f, unionEvent)) unionEvent = f;
        break;
      case 'wageAgreement':
        wage ||= valid;
        break;
      case 'workersCongress':
        congress = true;
        break;
      case 'collectiveContract':
        contract ||= valid;
        break;
      case 'affairsDisclosure':
        disclosure = true;
        break;
    }
    if ((f.kind === 'membership' || f.kind === 'unionFounded') && f.value !== null && later(f, latest))
      latest = f;
  }
  const employees = headcount?.value ?? e.employees ?? 0;
  if (employees < rule.minEmployees) return none;
  const founded = unionEvent?.kind === 'unionFounded';
  const unionised = founded || (rule.jointUnionCounts && joint?.value === 1);
  const u = unionised ? 1 : 0;
  return [
    1,
    u,
    employees,
    u * employees,
    u * (latest?.value ?? 0),
    u && wage ? 1 : 0,
    u && wage ? employees : 0,
    u && congress ? 1 : 0,
    u && contract ? 1 : 0,
    u && disclosure ? 1 : 0,
  ];
}

/** The SQL's "order by event_date desc nulls last, id desc": is `f` before `than`? */
function later(f: SeriesFact, than: SeriesFact | null): boolean {
  if (than === null) return true;
  if (f.eventDate !== than.eventDate) {
    if (f.eventDate === null) return false;
    if (than.eventDate === null) return true;
    return f.eventDate > than.eventDate;
  }
  return f.id > than.id;
}

// The day after a contract's last day, for every fact of a whole registry in a rebuild: the few
// thousand distinct days are each computed once.
const daysAfter = new Map<string, string>();
function dayAfter(day: string): string {
  let after = daysAfter.get(day);
  if (after === undefined) daysAfter.set(day, (after = addDays(day, 1)));
  return after;
}

/**
 * The steps of one enterprise within `range`: its state on the opening day, then the change on
 * every later day on which its state changes. Days after the range are left out.
 */
export function stepsOf(
  e: SeriesEnterprise,
  facts: readonly SeriesFact[],
  rule: DenominatorRule,
  range: SeriesRange,
): Step[] {
  if (!eligible(e, rule)) return [];
  const days: string[] = [];
  const consider = (d: string | null) => {
    if (d !== null && d > range.opening && d <= range.to) days.push(d);
  };
  consider(e.registeredOn);
  consider(e.closedOn);
  for (const f of facts) {
    consider(f.eventDate);
    consider(f.validFrom);
    if (f.validTo !== null && f.validTo < range.to) consider(dayAfter(f.validTo));
  }
  days.sort();
  const steps: Step[] = [];
  let previous = stateOf(e, facts, range.opening, rule);
  if (previous.some((v) => v !== 0)) steps.push({ day: range.opening, delta: previous });
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (i > 0 && day === days[i - 1]) continue;
    const state = stateOf(e, facts, day, rule);
    let changed = false;
    for (let j = 0; j < state.length; j++) {
      if (state[j] !== previous[j]) {
        changed = true;
        break;
      }
    }
    if (changed) {
      steps.push({ day, delta: state.map((v, j) => v - previous[j]!) });
      previous = state;
    }
  }
  return steps;
}
