// The cached series of the coverage counts: per denominator rule, per organisation path, the
// change of the counts on each day (coverage_daily) and the running totals at each month's end
// (coverage_monthly). The counts of a subtree as of any day in range are then one month's
// totals plus at most a month of daily changes, whatever the number of enterprises.
//
// The series are kept exact by the write path: every write to enterprises or their facts runs
// through `tracked` (platform/change-tracking), and the listener below subtracts the steps of
// the touched enterprises as they were and adds them as they are, in the write's transaction.
// A rebuild recomputes everything; the tests hold both equal to the direct computation.
import { sql, type SQL } from 'drizzle-orm';
import type { ChangeListener } from '../platform/change-tracking';
import { csvLine } from '../platform/db/csv';
import { execute, executorOf, type Db } from '../platform/db/client';
import {
  enterpriseHistories,
  enterpriseIds,
  everyEnterpriseHistory,
  type EnterpriseHistory,
} from '../enterprises/service';
import { DEFAULT_RULE, type CoverageCounts, type DenominatorRule } from './contract';
import { coverageRules, coverageSeries } from './tables';
import { COUNT_KEYS, SERIES_FACT_KINDS, seriesRange, stepsOf, type SeriesRange } from './series';
import { addDays, chinaToday } from '../platform/shared/dates';

/** The first day the series cover; earlier dates are computed directly. */
export const SERIES_FROM = '2000-01-01';
/** Years beyond the build year the series cover (contracts end in the future). */
const YEARS_AHEAD = 10;
const PAGE = 5000;
const COPY_CHUNK = 20_000;

const COLUMNS = [
  'enterprises',
  'unionised',
  'employees',
  'unionised_employees',
  'members',
  'wage_agreement',
  'wage_agreement_employees',
  'workers_congress',
  'collective_contract',
  'affairs_disclosure',
] as const;
const columnList = sql.raw(COLUMNS.join(', '));

/** A rule's identity: equal rules share one series. */
/**
 * What the series of a rule are stored under. The format number changes whenever what an
 * enterprise counts for changes (a new fact kind, a migrated column): series of an older format
 * are then no rule's, dropped and built anew at the next start.
 */
const SERIES_FORMAT = 4;

export function ruleKey(rule: DenominatorRule): string {
  return `v${SERIES_FORMAT};min=${rule.minEmployees};own=${[...new Set(rule.ownerships)].sort().join(',')};joint=${rule.jointUnionCounts ? 1 : 0}`;
}

interface Series {
  key: string;
  rule: DenominatorRule;
  range: SeriesRange;
}

async function builtSeries(tx: Db): Promise<Series[]> {
  const rows = await tx.select().from(coverageSeries);
  return rows
    .filter((r) => r.ready)
    .map((r) => ({
      key: r.ruleKey,
      rule: r.rule as DenominatorRule,
      range: seriesRange(r.rangeFrom, r.rangeTo),
    }));
}

/** The built series of a rule, or null (not built yet: figures are then computed directly). */
export async function seriesOf(tx: Db, rule: DenominatorRule): Promise<Series | null> {
  const key = ruleKey(rule);
  return (await builtSeries(tx)).find((s) => s.key === key) ?? null;
}

/**
 * Changes summed in memory before they are written: per series and path (`${index}\t${path}`),
 * per day. Two levels, so that the key of an enterprise's path is made once, not once per step.
 */
type Changes = Map<string, Map<string, number[]>>;

async function collect(
  tx: Db,
  where: SQL,
  series: readonly Series[],
  changes: Changes,
  sign: 1 | -1,
  lock: boolean,
): Promise<void> {
  if (series.length === 0) return;
  // The matching ids are found once; each page is then a cheap range of them.
  await tx.execute(
    sql`create temp table if not exists coverage_touched (id uuid primary key) on commit drop`,
  );
  await tx.execute(sql`delete from coverage_touched`);
  await tx.execute(sql`insert into coverage_touched ${enterpriseIds(where)}`);
  await tx.execute(sql`analyze coverage_touched`);
  let afterId: string | null = null;
  for (;;) {
    // Each page is a range of the touched ids taken by their index (a semi-join with the whole
    // set per page would make a large import quadratic).
    const after = afterId === null ? sql`true` : sql`id > ${afterId}`;
    const touched = sql`e.id in (select id from coverage_touched where ${after} order by id limit ${PAGE})`;
    const page = await enterpriseHistories(tx, touched, {
      afterId: null,
      limit: PAGE,
      kinds: SERIES_FACT_KINDS,
      lock,
    });
    addSteps(page, series, changes, sign);
    if (page.length < PAGE) return;
    afterId = page.at(-1)!.id;
  }
}

/** Adds the steps of each enterprise of `page` in each series to `changes`, with a sign. */
function addSteps(
  page: readonly EnterpriseHistory[],
  series: readonly Series[],
  changes: Changes,
  sign: 1 | -1,
): void {
  for (const history of page) {
    for (const [i, s] of series.entries()) {
      const steps = stepsOf(history, history.facts, s.rule, s.range);
      if (steps.length === 0) continue;
      const key = `${i}\t${history.orgPath}`;
      let days = changes.get(key);
      if (!days) changes.set(key, (days = new Map<string, number[]>()));
      for (const step of steps) {
        const sum = days.get(step.day);
        if (sum) for (let j = 0; j < sum.length; j++) sum[j]! += sign * step.delta[j]!;
        else days.set(step.day, sign === 1 ? step.delta : step.delta.map((v) => -v));
      }
    }
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const monthEndOf = (day: SQL) =>
  sql`(date_trunc('month', ${day}) + interval '1 month' - interval '1 day')::date`;

/** Adds the changes to the daily rows and to the running monthly totals after each day. */
async function write(tx: Db, series: readonly Series[], changes: Changes, fresh = false): Promise<void> {
  const rows: { i: number; path: string; day: string; sum: number[] }[] = [];
  for (const [key, days] of changes) {
    const tab = key.indexOf('\t');
    const i = Number(key.slice(0, tab));
    const path = key.slice(tab + 1);
    for (const [day, sum] of days) if (sum.some((v) => v !== 0)) rows.push({ i, path, day, sum });
  }
  // A fresh series goes straight into the daily table: in the order of its key (rule, day,
  // path), each row lands at the end of the index instead of anywhere in it.
  if (fresh) rows.sort((a, b) => a.i - b.i || compareText(a.day, b.day) || compareText(a.path, b.path));
  const lines = rows.map((r) => csvLine([series[r.i]!.key, r.path, r.day, ...r.sum]));
  if (lines.length === 0) return;
  if (fresh) return writeFresh(tx, series, lines);
  await tx.execute(sql`create temp table if not exists coverage_changes (
      rule_key text, org_path text, day date,
      ${sql.raw(COLUMNS.map((c) => `${c} int8`).join(', '))}) on commit drop`);
  await tx.execute(sql`delete from coverage_changes`);
  const raw = executorOf(tx);
  for (let at = 0; at < lines.length; at += COPY_CHUNK) {
    await raw.copyFrom(
      'coverage_changes',
      ['rule_key', 'org_path', 'day', ...COLUMNS],
      lines.slice(at, at + COPY_CHUNK).join('\n') + '\n',
    );
  }
  if (lines.length > 1000) await tx.execute(sql`analyze coverage_changes`);
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c})::int8 as ${c}`).join(', '));
  const added = sql.raw(COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', '));
  await tx.execute(sql`
    insert into coverage_daily as t (rule_key, org_path, day, ${columnList})
    select rule_key, org_path, day, ${sums} from coverage_changes group by 1, 2, 3
    on conflict (rule_key, day, org_path) do update set ${added}`);
  // A day whose changes cancel out keeps no row.
  await tx.execute(sql`
    delete from coverage_daily t using (select distinct rule_key, org_path, day from coverage_changes) c
    where t.rule_key = c.rule_key and t.org_path = c.org_path and t.day = c.day
      and ${sql.raw(COLUMNS.map((c) => `t.${c} = 0`).join(' and '))}`);
  // Every path of a series has a row for every month's end, from the opening day on.
  await tx.execute(sql`
    insert into coverage_monthly (rule_key, org_path, month_end)
    select p.rule_key, p.org_path, m.month_end
      from (select distinct rule_key, org_path from coverage_changes) p
      join coverage_series s on s.rule_key = p.rule_key
      cross join lateral (
        select s.range_from - 1 as month_end
        union all
        select ${monthEndOf(sql`g`)} from generate_series(s.range_from, s.range_to, interval '1 month') g) m
     where not exists (select 1 from coverage_monthly x
                        where x.rule_key = p.rule_key and x.org_path = p.org_path and x.month_end = s.range_from - 1)`);
  const running = sql.raw(COLUMNS.map((c) => `coalesce(sum(m.${c}) over w, 0)::int8 as ${c}`).join(', '));
  await tx.execute(sql`
    with m as (
      select rule_key, org_path, ${monthEndOf(sql`day`)} as month_end, ${sums}
        from coverage_changes group by 1, 2, 3),
    running as (
      select t.rule_key, t.org_path, t.month_end, ${running}
        from coverage_monthly t
        left join m on m.rule_key = t.rule_key and m.org_path = t.org_path and m.month_end = t.month_end
       where (t.rule_key, t.org_path) in (select distinct rule_key, org_path from coverage_changes)
      window w as (partition by t.rule_key, t.org_path order by t.month_end))
    update coverage_monthly t set ${sql.raw(COLUMNS.map((c) => `${c} = t.${c} + r.${c}`).join(', '))}
      from running r
     where t.rule_key = r.rule_key and t.org_path = r.org_path and t.month_end = r.month_end
       and (${sql.raw(COLUMNS.map((c) => `r.${c} <> 0`).join(' or '))})`);
  await tx.execute(sql`drop table coverage_changes`);
}

/**
 * A series built from nothing: its changes (one line per path and day, already summed) go
 * straight into the daily table, and the running monthly totals are computed from them.
 */
async function writeFresh(tx: Db, series: readonly Series[], lines: string[]): Promise<void> {
  const raw = executorOf(tx);
  for (let at = 0; at < lines.length; at += COPY_CHUNK) {
    await raw.copyFrom(
      'coverage_daily',
      ['rule_key', 'org_path', 'day', ...COLUMNS],
      lines.slice(at, at + COPY_CHUNK).join('\n') + '\n',
    );
  }
  // Fresh rows have no statistics; without them the planner may join the month grid to the
  // monthly sums by nested loops (seconds even for a small registry).
  await tx.execute(sql`analyze coverage_daily`);
  const keys = sql.join(
    series.map((s) => sql`${s.key}`),
    sql`, `,
  );
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c})::int8 as ${c}`).join(', '));
  const running = sql.raw(COLUMNS.map((c) => `coalesce(sum(m.${c}) over w, 0)::int8`).join(', '));
  await tx.execute(sql`
    insert into coverage_monthly (rule_key, org_path, month_end, ${columnList})
    select p.rule_key, p.org_path, e.month_end, ${running}
      from (select distinct rule_key, org_path from coverage_daily where rule_key in (${keys})) p
      join coverage_series s on s.rule_key = p.rule_key
      cross join lateral (
        select s.range_from - 1 as month_end
        union all
        select ${monthEndOf(sql`g`)} from generate_series(s.range_from, s.range_to, interval '1 month') g) e
      left join (
        select rule_key, org_path, ${monthEndOf(sql`day`)} as month_end, ${sums}
          from coverage_daily where rule_key in (${keys}) group by 1, 2, 3) m
        on m.rule_key = p.rule_key and m.org_path = p.org_path and m.month_end = e.month_end
    window w as (partition by p.rule_key, p.org_path order by e.month_end)`);
}

/** The rules some year uses: the default (for years without their own) and each configured one. */
async function rulesInUse(tx: Db): Promise<DenominatorRule[]> {
  const rows = await tx.select().from(coverageRules);
  const rules = new Map<string, DenominatorRule>([[ruleKey(DEFAULT_RULE), DEFAULT_RULE]]);
  for (const r of rows) {
    const rule = {
      minEmployees: r.minEmployees,
      ownerships: r.ownerships as DenominatorRule['ownerships'],
      jointUnionCounts: r.jointUnionCounts,
    };
    rules.set(ruleKey(rule), rule);
  }
  return [...rules.values()];
}

/** Whether some rule in use has no series yet. */
export async function seriesMissing(tx: Db): Promise<boolean> {
  const built = new Set((await builtSeries(tx)).map((s) => s.key));
  return (await rulesInUse(tx)).some((r) => !built.has(ruleKey(r)));
}

/** Drops the series of rules no year uses any more. */
export async function dropUnusedSeries(tx: Db): Promise<void> {
  const used = (await rulesInUse(tx)).map(ruleKey);
  for (const s of await builtSeries(tx)) {
    if (used.includes(s.key)) continue;
    await tx.execute(sql`delete from coverage_daily where rule_key = ${s.key}`);
    await tx.execute(sql`delete from coverage_monthly where rule_key = ${s.key}`);
    await tx.execute(sql`delete from coverage_series where rule_key = ${s.key}`);
  }
}

/**
 * Builds the series of every rule in use that has none (all of them with `full`), and drops
 * those of rules no longer used. Writers to enterprises wait while it runs.
 */
export async function buildSeries(tx: Db, options: { full: boolean; today?: string }): Promise<string[]> {
  // Tracked writers take ROW EXCLUSIVE on coverage_daily first, so they and a build exclude
  // each other: a build sees every committed write, and no write misses a new series.
  await tx.execute(sql`lock table coverage_daily in exclusive mode`);
  await dropUnusedSeries(tx);
  if (options.full) {
    for (const table of ['coverage_daily', 'coverage_monthly', 'coverage_series']) {
      await tx.execute(sql`delete from ${sql.identifier(table)}`);
    }
  }
  const rules = await rulesInUse(tx);
  const existing = new Set((await builtSeries(tx)).map((s) => s.key));
  const year = Number((options.today ?? chinaToday()).slice(0, 4));
  const range = seriesRange(SERIES_FROM, `${year + YEARS_AHEAD}-12-31`);
  const build = rules
    .filter((r) => options.full || !existing.has(ruleKey(r)))
    .map((rule) => ({ key: ruleKey(rule), rule, range }));
  if (build.length === 0) return [];
  for (const s of build) {
    await tx.insert(coverageSeries).values({
      ruleKey: s.key,
      rule: s.rule,
      rangeFrom: range.from,
      rangeTo: range.to,
      ready: true,
      builtAt: new Date(),
    });
  }
  const changes: Changes = new Map();
  // Every enterprise in one pass over the registry (the steps of a page are summed while the
  // next page is read).
  await everyEnterpriseHistory(tx, SERIES_FACT_KINDS, (page) => addSteps(page, build, changes, 1));
  await write(tx, build, changes, true);
  return build.map((s) => s.key);
}

/** Keeps the series exact as enterprises and their facts change (wired in src/wiring.ts). */
export const seriesListener: ChangeListener<{ series: Series[]; changes: Changes }> = {
  name: '两个普遍统计缓存',
  async before(tx, where) {
    await tx.execute(sql`lock table coverage_daily in row exclusive mode`);
    const series = await builtSeries(tx);
    const changes: Changes = new Map();
    await collect(tx, where, series, changes, -1, true);
    return { series, changes };
  },
  async after(tx, where, { series, changes }) {
    await collect(tx, where, series, changes, 1, false);
    await write(tx, series, changes);
  },
  async rebuild(tx) {
    await buildSeries(tx, { full: true });
  },
};

type CountRow = { child: string } & CoverageCounts;

const counted = sql.raw(
  COUNT_KEYS.map((k, i) => `coalesce(sum(${COLUMNS[i]}), 0)::int8 as "${k}"`).join(', '),
);

/**
 * The counts of the subtree at `pathPrefix` as of `date`, grouped by the path segment after
 * the prefix (the child), from the series; null when the series does not cover that day.
 */
export async function seriesCounts(
  tx: Db,
  pathPrefix: string,
  date: string,
  rule: DenominatorRule,
): Promise<CountRow[] | null> {
  const series = await seriesOf(tx, rule);
  if (!series || date < series.range.from || date > series.range.to) return null;
  const monthBefore = addDays(`${date.slice(0, 7)}-01`, -1);
  return execute<CountRow>(
    tx,
    sql`select split_part(substr(org_path, ${pathPrefix.length + 1}), '/', 1) as child, ${counted}
      from (
        select org_path, ${columnList} from coverage_monthly
         where rule_key = ${series.key} and month_end = ${monthBefore} and org_path like ${pathPrefix + '%'}
        union all
        select org_path, ${columnList} from coverage_daily
         where rule_key = ${series.key} and day > ${monthBefore} and day <= ${date}
           and org_path like ${pathPrefix + '%'}
      ) x group by 1`,
  );
}

/**
 * The subtree's counts at several month ends at once; the dates a built series does not cover
 * are missing from the answer (the caller computes those directly).
 */
export async function seriesMonthEnds(
  tx: Db,
  pathPrefix: string,
  points: readonly { date: string; rule: DenominatorRule }[],
): Promise<Map<string, CoverageCounts>> {
  const built = new Map((await builtSeries(tx)).map((s) => [s.key, s]));
  const wanted = points
    .map((p) => ({ date: p.date, series: built.get(ruleKey(p.rule)) }))
    .filter((p) => p.series && p.date >= p.series.range.opening && p.date <= p.series.range.to);
  const out = new Map<string, CoverageCounts>();
  if (wanted.length === 0) return out;
  const pairs = sql.join(
    wanted.map((p) => sql`(${p.series!.key}, ${p.date}::date)`),
    sql`, `,
  );
  const rows = await execute<{ child: string } & CoverageCounts>(
    tx,
    sql`select to_char(month_end, 'YYYY-MM-DD') as child, ${counted}
      from coverage_monthly
     where (rule_key, month_end) in (${pairs}) and org_path like ${pathPrefix + '%'}
     group by month_end`,
  );
  for (const p of wanted) out.set(p.date, ZERO_COUNTS);
  for (const { child, ...counts } of rows) out.set(child, counts);
  return out;
}

export const ZERO_COUNTS: CoverageCounts = {
  enterprises: 0,
  unionised: 0,
  employees: 0,
  unionisedEmployees: 0,
  members: 0,
  wageAgreement: 0,
  wageAgreementEmployees: 0,
  workersCongress: 0,
  collectiveContract: 0,
  affairsDisclosure: 0,
};

/** Rewrites the paths in the series when an organisation moves (in the move's transaction). */
export async function rewriteSeriesPaths(tx: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const table of ['coverage_daily', 'coverage_monthly']) {
    await tx.execute(
      sql`update ${sql.identifier(table)} set org_path = ${newPrefix} || substr(org_path, ${oldPrefix.length + 1})
          where org_path like ${oldPrefix + '%'}`,
    );
  }
}
