// The worklists kept exact: every operating enterprise's three-category reasons and due dates as
// of the worklist day, in coverage_worklist, and how many enterprises at each organisation path
// hold each count key, in coverage_worklist_counts. The three-category list and the due-date
// alerts read a page by index and their totals from the counts, whatever the size of the scope.
//
// Like the coverage series, they are kept exact by the write path (a listener on every tracked
// write to enterprises recomputes the touched rows in the write's transaction) and rebuilt by a
// command; the tests hold them equal to the direct derivation (listPriority, enterpriseDueDates).
// What changes with the passing of days alone (a contract ending, a term running out, a survey
// finding ageing, a renewal starting) is found by each row's next change day: once a day the rows
// whose day has come are recomputed, in one transaction that other processes wait for and skip.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { ChangeListener } from '../platform/change-tracking';
import { db, type Db } from '../platform/db/client';
import { loadIntoEmptyTables } from '../platform/db/bulk-load';
import {
  priorityConditions,
  priorityFacts,
  priorityRanking,
  refreshSummaries,
  summaryMayLag,
  unionTermColumns,
} from '../enterprises/service';
import { chinaToday } from '../platform/shared/dates';
import {
  DEFAULT_PRIORITY_RULE,
  PRIORITY_REASONS,
  PriorityRule,
  REASON_CATEGORY,
  type PriorityReason,
} from './contract';
import { coveragePriorityRule } from './tables';
import {
  ALERT_KINDS,
  CONTRACT_ALERT_KINDS,
  DEFAULT_WITHIN_DAYS,
  isContractAlert,
  type AlertKind,
  type AlertState,
  type ContractAlertKind,
} from './alerts-contract';
import { alertCondition, CONTRACT_COLUMNS } from './alert-conditions';

/**
 * What the rows are built in. It changes whenever what a row holds changes (a new reason, a new
 * count key): the worklists are then rebuilt at the next start.
 */
const WORKLIST_FORMAT = 4;

/** The bit of a reason in `reasons`. */
export const reasonBit = (code: PriorityReason) => 1 << PRIORITY_REASONS.indexOf(code);
/** The bit of a category in `categories`. */
export const categoryBit = (category: number) => 1 << (category - 1);

/** The count keys: what the totals of the lists and the summaries are read from. */
export const countKey = {
  priority: 'priority',
  category: (c: number) => `category:${c}`,
  reason: (code: PriorityReason) => `reason:${code}`,
  alert: (kind: AlertKind, state?: AlertState) => (state ? `${kind}.${state}` : kind),
  hasUnion: 'hasUnion',
  evaluationYear: (year: number | string) => `evalYear:${year}`,
  /**
   * A contract of a unionised enterprise, not renewed, ending on `day` (YYYY-MM-DD): the expiring
   * of any reminder window are the keys of its days, a range of this text's order.
   */
  contractEnd: (kind: ContractAlertKind, day: string) => `end:${kind}:${day}`,
};

/** The priority rule in force and its version (0: the default, never configured). */
export async function loadPriorityRule(tx: Db): Promise<{ rule: PriorityRule; version: number }> {
  const [row] = await tx.select().from(coveragePriorityRule).where(eq(coveragePriorityRule.id, 1));
  if (!row) return { rule: DEFAULT_PRIORITY_RULE, version: 0 };
  const { global500: global500Weight, ...weights } = row.weights;
  return {
    rule: PriorityRule.parse({
      weakFailings: row.weakFailings,
      weakMin: row.weakMin,
      weights,
      global500Weight,
    }),
    version: row.version,
  };
}

/** The bit tests of a kept row's reasons and categories (alias `d`). */
const hasBit = (code: PriorityReason) => sql.raw(`((d.reasons & ${reasonBit(code)}) <> 0)`);
const inCategoryBit = (c: number) => sql.raw(`((d.categories & ${categoryBit(c)}) <> 0)`);

/** The rows of the enterprises matching `where` (SQL over alias `e`), as of `today`, under `rule`. */
export function worklistSource(where: SQL, today: string, rule: PriorityRule): SQL {
  const d = sql`${today}::date`;
  const cond = priorityConditions(today);
  const rank = priorityRanking(hasBit, rule);
  const reasons = sql.join(
    PRIORITY_REASONS.map((code) => sql`(case when ${cond[code]} then ${reasonBit(code)} else 0 end)`),
    sql` + `,
  );
  const inCategory = (c: number) =>
    sql`(case when ${rank.inCategory(c)} then ${sql.raw(String(categoryBit(c)))} else 0 end)`;
  const w = { today, withinDays: DEFAULT_WITHIN_DAYS };
  const key = (text: string, when: SQL) => sql`case when ${when} then ${text} end`;
  const items = [
    key(countKey.priority, sql`d.categories <> 0`),
    ...[1, 2, 3].map((c) => key(countKey.category(c), sql.raw(`(d.categories & ${categoryBit(c)}) <> 0`))),
    // A reason counts where its category holds (category 3 by the rule, not by one failing).
    ...PRIORITY_REASONS.map((code) =>
      key(countKey.reason(code), sql`${hasBit(code)} and ${inCategoryBit(REASON_CATEGORY[code])}`),
    ),
    ...ALERT_KINDS.flatMap((kind) =>
      isContractAlert(kind)
        ? (['expiring', 'expired'] as const).map((state) =>
            key(countKey.alert(kind, state), alertCondition(kind, state, w)),
          )
        : kind === 'memberEvaluation'
          ? []
          : [key(countKey.alert(kind), alertCondition(kind, undefined, w))],
    ),
    ...CONTRACT_ALERT_KINDS.map((kind) => {
      const { to, renewed } = CONTRACT_COLUMNS[kind];
      return sql.raw(
        `case when d.has_union and not d.${renewed} and d.${to} is not null then '${countKey.contractEnd(kind, '')}' || d.${to}::text end`,
      );
    }),
    key(countKey.hasUnion, sql`d.has_union`),
    sql`case when d.has_union and d.last_evaluation_year is not null then 'evalYear:' || d.last_evaluation_year end`,
  ];
  // The first day after today on which a condition above turns: a fact starting to count, a
  // contract entering the reminder window or ending, a term running out, a finding ageing.
  const changes = [
    sql`d.next_fact_on`,
    ...CONTRACT_ALERT_KINDS.flatMap((kind) => {
      const to = sql.raw(`d.${CONTRACT_COLUMNS[kind].to}`);
      return [
        sql`case when ${to} >= ${d} then ${to} + 1 end`,
        sql`case when ${to} - ${DEFAULT_WITHIN_DAYS}::int > ${d} then ${to} - ${DEFAULT_WITHIN_DAYS}::int end`,
      ];
    }),
    sql`case when d.election_due >= ${d} then d.election_due + 1 end`,
    ...['hard_to_organise', 'ineffective_union', 'tense_relations'].map((c) =>
      sql.raw(`(d.${c} + make_interval(years => 3))::date`),
    ),
  ];
  const renewed = (kind: string) => {
    const to = CONTRACT_COLUMNS[kind as keyof typeof CONTRACT_COLUMNS].to;
    return sql.raw(`coalesce(sv.${to.replace(/_to$/, '_renewal_to')} > e.${to}, false)`);
  };
  return sql`
    select d.enterprise_id, d.org_path, d.global500, d.employees, d.reasons, d.categories,
      ${rank.urgency(inCategoryBit, sql`d.global500`)} as urgency,
      d.has_union, d.union_founded_on, d.last_election_on, d.term_years, d.election_due,
      d.collective_contract_to, d.wage_agreement_to, d.women_contract_to,
      d.collective_contract_renewed, d.wage_agreement_renewed, d.women_contract_renewed,
      d.last_evaluation_year,
      array_remove(array[${sql.join(items, sql`, `)}]::text[], null) as items,
      least(${sql.join(changes, sql`, `)}) as next_change_on
    from (
      select d.*, ${sql.join([1, 2, 3].map(inCategory), sql` + `)} as categories
      from (
        select e.id as enterprise_id, e.org_path, coalesce(e.global500, false) as global500, e.employees,
          ${reasons} as reasons, ${unionTermColumns},
          e.collective_contract_to, e.wage_agreement_to, e.women_contract_to,
          ${renewed('collectiveContract')} as collective_contract_renewed,
          ${renewed('wageAgreement')} as wage_agreement_renewed,
          ${renewed('womenContract')} as women_contract_renewed,
          sv.last_evaluation_year, sv.hard_to_organise, sv.ineffective_union, sv.tense_relations, sv.next_fact_on
        from enterprises e ${priorityFacts(where, today)}
        where ${where} and e.status = 'operating'
        -- (offset 0 keeps each level a level of its own: the reasons are computed once a row,
        -- not once for each expression that reads them.)
        offset 0
      ) d
      offset 0
    ) d`;
}

const COLUMNS =
  sql.raw(`enterprise_id, org_path, global500, employees, reasons, categories, urgency, has_union,
  union_founded_on, last_election_on, term_years, election_due, collective_contract_to,
  wage_agreement_to, women_contract_to, collective_contract_renewed, wage_agreement_renewed,
  women_contract_renewed, last_evaluation_year, items, next_change_on`);

/** Adds the count keys of the rows a statement returns (`rows`: org_path, items) with a sign. */
const addCounts = (rows: SQL, sign: 1 | -1) => sql`
  insert into coverage_worklist_counts as c (org_path, item, n)
  select r.org_path, i.item, ${sign}::int8 * count(*) from ${rows} r, unnest(r.items) as i(item)
  group by 1, 2
  on conflict (item, org_path) do update set n = c.n + excluded.n`;

/** Recomputes the rows of the enterprises matching `where` as of `today`, counts included. */
async function refreshRows(tx: Db, where: SQL, today: string): Promise<void> {
  // Many rows (an import, the day's refresh): hash joins, whatever the statistics say. On a
  // database whose statistics are missing, the planner may promise a handful of rows and pick
  // nested loops over the facts' aggregate, which would be quadratic in the rows touched.
  const [touched] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from enterprises e where ${where} limit ${MANY + 1}) x`,
  );
  const many = (touched?.n ?? 0) > MANY;
  if (many) await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(sql`
    with gone as (
      delete from coverage_worklist w using enterprises e
      where w.enterprise_id = e.id and ${where}
      returning w.org_path, w.items)
    ${addCounts(sql`gone`, -1)}`);
  const { rule } = await loadPriorityRule(tx);
  await tx.execute(sql`
    with added as (
      insert into coverage_worklist (${COLUMNS}) ${worklistSource(where, today, rule)}
      returning org_path, items)
    ${addCounts(sql`added`, 1)}`);
  if (many) await tx.execute(sql`set local enable_nestloop = default`);
}

/** From this many touched enterprises on, a refresh joins by hashing. */
const MANY = 500;

interface State {
  format: number;
  day: string;
  /** Whether the rows were built by the rule in force and in the current format. */
  current: boolean;
}

async function stateOf(tx: Db, lock = false): Promise<State | null> {
  const [row] = await tx.execute<{ format: number; day: string; rule_version: number; in_force: number }>(
    sql`select format, day::text as day, rule_version,
          coalesce((select version from coverage_priority_rule where id = 1), 0) as in_force
        from coverage_worklist_state where id = 1 ${lock ? sql`for update` : sql``}`,
  );
  if (!row) return null;
  return {
    format: row.format,
    day: row.day,
    current: row.format === WORKLIST_FORMAT && Number(row.rule_version) === Number(row.in_force),
  };
}

/**
 * Builds the worklists from the facts (everything with `full`, else only when they are missing
 * or of an older format), as of today. Writers to enterprises wait while it runs.
 */
export async function buildWorklist(
  tx: Db,
  options: {
    full: boolean;
    /**
     * Which summary columns to bring to today first: those that may lag (the default), every one
     * (after the clock went back, some are ahead), or none (a bulk load has just written them).
     */
    summaries?: 'lagging' | 'every' | 'current';
    onStep?: (step: string) => void;
  },
): Promise<boolean> {
  const step = options.onStep ?? (() => undefined);
  // Tracked writers take ROW EXCLUSIVE first, so a build sees every committed write.
  await tx.execute(sql`lock table coverage_worklist in exclusive mode`);
  const state = await stateOf(tx);
  if (!options.full && state?.current) return false;
  const today = chinaToday();
  const { rule, version } = await loadPriorityRule(tx);
  // The summary columns are as of their last write.
  const summaries = options.summaries ?? 'lagging';
  if (summaries !== 'current') {
    step('正在把企业概况更新到今天');
    await refreshSummaries(tx, summaries === 'every' ? sql`true` : summaryMayLag(today));
  }
  await tx.execute(sql`delete from coverage_worklist`);
  await tx.execute(sql`delete from coverage_worklist_counts`);
  step('正在计算每家企业的三类原因与到期日');
  // One pass over all enterprises and all facts: hash joins, whatever the statistics say (after
  // a bulk load they may promise a few hundred rows, and a nested loop would be quadratic).
  await tx.execute(sql`analyze enterprises`);
  await tx.execute(sql`analyze enterprise_facts`);
  // The tables are empty now: their indexes are built once at the end, not row by row.
  await loadIntoEmptyTables(
    tx,
    ['coverage_worklist', 'coverage_worklist_counts'],
    async () => {
      await tx.execute(sql`set local enable_nestloop = off`);
      // In path order, so that a township's rows lie on a few pages, not one page each.
      await tx.execute(
        sql`insert into coverage_worklist (${COLUMNS})
            select * from (${worklistSource(sql`true`, today, rule)}) w order by w.org_path, w.enterprise_id`,
      );
      await tx.execute(sql`set local enable_nestloop = default`);
      step('正在汇总各组织的清单数');
      await tx.execute(
        sql`insert into coverage_worklist_counts (org_path, item, n)
            select org_path, item, count(*) from coverage_worklist, unnest(items) as i(item) group by 1, 2`,
      );
    },
    (name) => step(`正在建立索引 ${name}`),
  );
  await tx.execute(sql`
    insert into coverage_worklist_state (id, format, rule_version, day, built_at)
    values (1, ${WORKLIST_FORMAT}, ${version}, ${today}, now())
    on conflict (id) do update set format = excluded.format, rule_version = excluded.rule_version,
      day = excluded.day, built_at = excluded.built_at`);
  return true;
}

/**
 * Brings the worklists to `today`: the rows whose next change day has come are recomputed (their
 * summary columns first). Runs once per day whatever the number of processes: the state row is
 * locked, and whoever comes second finds the day already done.
 */
export async function advanceWorklist(tx: Db, today: string): Promise<number> {
  const state = await stateOf(tx, true);
  if (!state?.current) {
    await buildWorklist(tx, { full: false });
    return -1;
  }
  if (state.day === today) return 0;
  if (state.day > today) {
    // The clock went back (a corrected server clock): the rows are of a later day, so rebuild.
    await buildWorklist(tx, { full: true, summaries: 'every' });
    return -1;
  }
  await tx.execute(sql`lock table coverage_worklist in row exclusive mode`);
  await tx.execute(sql`create temp table if not exists worklist_due (id uuid primary key) on commit drop`);
  await tx.execute(sql`delete from worklist_due`);
  const [due] = await tx.execute<{ n: number }>(sql`
    with moved as (
      insert into worklist_due select enterprise_id from coverage_worklist
      where next_change_on <= ${today}::date returning id)
    select count(*)::int as n from moved`);
  const where = sql`e.id in (select id from worklist_due)`;
  if ((due?.n ?? 0) > 0) {
    await refreshSummaries(tx, where);
    await refreshRows(tx, where, today);
  }
  await tx.execute(sql`update coverage_worklist_state set day = ${today} where id = 1`);
  return due?.n ?? 0;
}

/**
 * Makes sure the worklists stand at today before they are read (a quick look when they do; the
 * day's refresh, or a first build, when they do not). Call it outside any transaction.
 */
export async function worklistToday(): Promise<string> {
  const today = chinaToday();
  const state = await db.transaction((tx) => stateOf(tx));
  if (!state?.current || state.day !== today) {
    await db.transaction((tx) => advanceWorklist(tx, today));
  }
  return today;
}

/** Keeps the worklists exact as enterprises and their facts change (wired in src/wiring.ts). */
export const worklistListener: ChangeListener<boolean> = {
  async before(tx) {
    await tx.execute(sql`lock table coverage_worklist in row exclusive mode`);
    return (await stateOf(tx)) !== null;
  },
  async after(tx, where, built) {
    if (built) await refreshRows(tx, where, chinaToday());
  },
  async rebuild(tx) {
    // After a bulk load, which wrote the summaries as of today.
    await buildWorklist(tx, { full: true, summaries: 'current' });
  },
};

/** The counts of the given keys in the subtree at `pathPrefix`. */
export async function worklistCounts(
  tx: Db,
  pathPrefix: string,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(keys.map((k) => [k, 0]));
  if (!keys.length) return out;
  const rows = await tx.execute<{ item: string; n: number }>(sql`
    select item, sum(n)::int8 as n from coverage_worklist_counts
    where item in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}) and org_path like ${pathPrefix + '%'}
    group by item`);
  for (const r of rows) out.set(r.item, Number(r.n));
  return out;
}

/**
 * Contracts of a kind in the subtree expiring from `today` to `today + withinDays` (unionised, not
 * renewed): the sum of their days' keys, whatever the reminder window.
 */
export async function contractsEnding(
  tx: Db,
  pathPrefix: string,
  kind: ContractAlertKind,
  today: string,
  withinDays: number,
): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select coalesce(sum(n), 0)::int8 as n from coverage_worklist_counts
    where item between ${countKey.contractEnd(kind, today)}
      and ${countKey.contractEnd(kind, '')} || (${today}::date + ${withinDays}::int)::text
      and org_path like ${pathPrefix + '%'}`);
  return Number(row?.n ?? 0);
}

/** Unionised enterprises of the subtree without a members' evaluation of `year` or later. */
export async function unevaluatedCount(tx: Db, pathPrefix: string, year: number): Promise<number> {
  // Ranges of the key, not LIKE: PostgreSQL uses an index for LIKE only under the C collation.
  const [row] = await tx.execute<{ n: number }>(sql`
    select coalesce(sum(n) filter (where item = ${countKey.hasUnion}), 0)
         - coalesce(sum(n) filter (where item <> ${countKey.hasUnion}), 0) as n
    from coverage_worklist_counts
    where (item = ${countKey.hasUnion}
        or item between ${countKey.evaluationYear(year)} and ${countKey.evaluationYear(9999)})
      and org_path like ${pathPrefix + '%'}`);
  return Number(row?.n ?? 0);
}

/** The worklist rows of a subtree under alias `d`, with the columns enterpriseDueDates names. */
export function worklistOf(pathPrefix: string): SQL {
  return sql`(select enterprise_id as id, employees, has_union, union_founded_on, last_election_on,
      term_years, election_due, collective_contract_to, wage_agreement_to, women_contract_to,
      collective_contract_renewed, wage_agreement_renewed, women_contract_renewed, last_evaluation_year,
      global500, reasons, categories
    from coverage_worklist where org_path like ${pathPrefix + '%'}) d`;
}

/** Rewrites the paths in the worklists when an organisation moves (in the move's transaction). */
export async function rewriteWorklistPaths(tx: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const table of ['coverage_worklist', 'coverage_worklist_counts']) {
    await tx.execute(
      sql`update ${sql.identifier(table)} set org_path = ${newPrefix} || substr(org_path, ${oldPrefix.length + 1})
          where org_path like ${oldPrefix + '%'}`,
    );
  }
}

/** Up to this many matches a page is sorted from the scope's rows rather than walked in order. */
const FEW = 2000;

/**
 * One page of the three-category enterprises of a subtree, the most urgent first, then the
 * largest, by index; the total from the counts.
 */
export async function priorityPage(
  tx: Db,
  pathPrefix: string,
  filter: { category?: number | undefined; reason?: PriorityReason | undefined },
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const { category, reason } = filter;
  if (reason && category !== undefined && REASON_CATEGORY[reason] !== category) return { ids: [], total: 0 };
  // Literal bits, so that the partial index of the category matches the condition.
  const inCategory = (c: number) => sql.raw(`(categories & ${categoryBit(c)}) <> 0`);
  const condition = reason
    ? sql`${inCategory(REASON_CATEGORY[reason])} and ${sql.raw(`(reasons & ${reasonBit(reason)}) <> 0`)}`
    : category !== undefined
      ? inCategory(category)
      : sql`categories <> 0`;
  const key = reason
    ? countKey.reason(reason)
    : category !== undefined
      ? countKey.category(category)
      : countKey.priority;
  const total = (await worklistCounts(tx, pathPrefix, [key])).get(key) ?? 0;
  if (total === 0 || page.offset >= total) return { ids: [], total };
  const matching = sql`select enterprise_id, urgency, employees from coverage_worklist
    where org_path like ${pathPrefix + '%'} and ${condition}`;
  // Many matches: walk the category's index in the list's order until the page is full. Few
  // (a rare reason in a small scope, where that walk would pass most of the city first): take
  // them by the scope's index and sort them (offset 0 keeps the planner from walking instead).
  const rows = await tx.execute<{ id: string }>(sql`
    select enterprise_id as id from ${total > FEW ? sql`(${matching})` : sql`(${matching} offset 0)`} m
    order by urgency desc nulls last, employees desc nulls last, enterprise_id
    limit ${page.limit} offset ${page.offset}`);
  return { ids: rows.map((r) => r.id), total };
}
