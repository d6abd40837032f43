import { sql, type SQL } from 'drizzle-orm';
import { execute, type Db } from '../platform/db/client';
import { utcDay } from '../platform/shared/dates';

/** Which enterprises should have a union; see coverage's DenominatorRule. */
export interface EligibilityRule {
  minEmployees: number;
  ownerships: readonly string[];
  jointUnionCounts: boolean;
}

/**
 * The state of every enterprise in a subtree as of `date`, computed from the dated facts (the
 * direct computation that any cache of it must equal). Columns: id, org_path, employees,
 * unionised, members, wage_agreement, workers_congress, collective_contract, affairs_disclosure.
 * Only enterprises that exist on that date and that the rule counts are included.
 */
export function enterprisesAsOf(pathPrefix: string, date: string, rule: EligibilityRule): SQL {
  const d = sql`${date}::date`;
  const ownerships = sql.join(
    rule.ownerships.map((o) => sql`${o}`),
    sql`, `,
  );
  return sql`
    select e.id, e.org_path, coalesce(f.head_count, e.employees, 0) as employees,
      (coalesce(f.founded, false) or (${rule.jointUnionCounts} and coalesce(f.joint_covered, false))) as unionised,
      coalesce(f.members, 0) as members,
      coalesce(f.wage_agreement, false) as wage_agreement,
      coalesce(f.workers_congress, false) as workers_congress,
      coalesce(f.collective_contract, false) as collective_contract,
      coalesce(f.affairs_disclosure, false) as affairs_disclosure
    from enterprises e
    left join lateral (
      select
        -- The head count in force: the latest count up to the date (one without a date holds
        -- from registration); enterprises with no count at all fall back to the column.
        (array_agg(x.value order by x.event_date desc nulls last, x.id desc)
          filter (where x.kind = 'headcount' and x.value is not null))[1] as head_count,
        -- A joint union covers it when its latest joint-union fact up to the date says so.
        (array_agg(x.value order by x.event_date desc nulls last, x.id desc)
          filter (where x.kind = 'jointUnion'))[1] = 1 as joint_covered,
        -- The union exists when its latest founding or dissolution is a founding.
        (array_agg(x.kind order by x.event_date desc nulls last, x.id desc)
          filter (where x.kind in ('unionFounded', 'unionDissolved')))[1] = 'unionFounded' as founded,
        (array_agg(x.value order by x.event_date desc nulls last, x.id desc)
          filter (where x.kind in ('membership', 'unionFounded') and x.value is not null))[1] as members,
        bool_or(x.kind = 'wageAgreement' and x.valid_from <= ${d} and x.valid_to >= ${d}) as wage_agreement,
        bool_or(x.kind = 'workersCongress') as workers_congress,
        bool_or(x.kind = 'collectiveContract' and x.valid_from <= ${d} and x.valid_to >= ${d}) as collective_contract,
        bool_or(x.kind = 'affairsDisclosure') as affairs_disclosure
      from enterprise_facts x
      where x.enterprise_id = e.id and (x.event_date is null or x.event_date <= ${d})
    ) f on true
    where e.org_path like ${pathPrefix + '%'}
      and (e.registered_on is null or e.registered_on <= ${d})
      and (e.closed_on is null or e.closed_on > ${d})
      and coalesce(f.head_count, e.employees, 0) >= ${rule.minEmployees}
      and coalesce(e.ownership, 'other') in (${ownerships})`;
}

/** An enterprise with what decides its counts over time (see coverage's series). */
export interface EnterpriseHistory {
  id: string;
  orgPath: string;
  employees: number | null;
  ownership: string | null;
  registeredOn: string | null;
  closedOn: string | null;
  facts: HistoryFact[];
}

export interface HistoryFact {
  id: string;
  kind: string;
  eventDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  value: number | null;
}

/**
 * One page (by id) of the enterprises matching `where` (a condition on alias `e`) with their
 * facts of `kinds`. With `lock`, the rows are locked for update, so that a concurrent write to
 * the same enterprises waits until this transaction ends.
 */
export async function enterpriseHistories(
  tx: Db,
  where: SQL,
  options: { afterId: string | null; limit: number; kinds: readonly string[]; lock?: boolean },
): Promise<EnterpriseHistory[]> {
  const after = options.afterId === null ? sql`true` : sql`e.id > ${options.afterId}`;
  const kinds = sql.join(
    options.kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  // The facts come folded into one text per enterprise: PGlite hands rows to JavaScript at a
  // cost per row, and one row per enterprise is several times faster than one per fact.
  const rows = await execute<Omit<EnterpriseHistory, 'facts'> & { facts: string | null }>(
    tx,
    sql`select e.id, e.org_path as "orgPath", e.employees, e.ownership,
          e.registered_on as "registeredOn", e.closed_on as "closedOn",
          (select string_agg(f.kind || ',' || coalesce(f.event_date::text, '') || ',' ||
                    coalesce(f.valid_from::text, '') || ',' || coalesce(f.valid_to::text, '') || ',' ||
                    coalesce(f.value::text, '') || ',' || f.id::text, ';')
             from enterprise_facts f where f.enterprise_id = e.id and f.kind in (${kinds})) as facts
        from enterprises e where (${where}) and ${after}
        order by e.id limit ${options.limit} ${options.lock ? sql`for update of e` : sql``}`,
  );
  return rows.map((r) => ({ ...r, facts: r.facts === null ? [] : r.facts.split(';').map(parseFact) }));
}

/**
 * Every enterprise with its facts of `kinds`, handed to `onPage` a page at a time, for rebuilds of
 * derived data. One cursor over one join read in a single pass, instead of a query per page; the
 * next page is fetched while `onPage` works on the last. Runs inside the transaction `tx`.
 */
export async function everyEnterpriseHistory(
  tx: Db,
  kinds: readonly string[],
  onPage: (page: EnterpriseHistory[]) => void,
  pageSize = 5000,
): Promise<void> {
  const list = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  // In id order, so that the join streams through both primary orders without holding the
  // facts of every enterprise at once.
  await tx.execute(sql`
    declare enterprise_history no scroll cursor for
    select e.id, e.org_path as "orgPath", e.employees, e.ownership,
           e.registered_on as "registeredOn", e.closed_on as "closedOn", f.facts
      from enterprises e
      left join (
        select f.enterprise_id,
               string_agg(f.kind || ',' || coalesce((f.event_date - ${EPOCH})::text, '') || ',' ||
                 coalesce((f.valid_from - ${EPOCH})::text, '') || ',' ||
                 coalesce((f.valid_to - ${EPOCH})::text, '') || ',' ||
                 coalesce(f.value::text, '') || ',' || f.id::text, ';') as facts
          from enterprise_facts f where f.kind in (${list})
         group by f.enterprise_id) f on f.enterprise_id = e.id
     order by e.id`);
  const fetchPage = () =>
    execute<Omit<EnterpriseHistory, 'facts'> & { facts: string | null }>(
      tx,
      sql`fetch ${sql.raw(String(Math.floor(pageSize)))} from enterprise_history`,
    );
  let next = fetchPage();
  for (;;) {
    const rows = await next;
    const more = rows.length === pageSize;
    if (more) {
      next = fetchPage();
      // Awaited on the next turn; this only keeps a failure meanwhile from counting as unhandled.
      next.catch(() => undefined);
    }
    onPage(rows.map((r) => ({ ...r, facts: r.facts === null ? [] : r.facts.split(';').map(parseDayFact) })));
    if (!more) break;
  }
  await tx.execute(sql`close enterprise_history`);
}

// Dates of a whole registry's facts travel as days since this one: a number is several times
// cheaper for the database to write out than a date, and the few thousand days are turned back
// into text once each.
const EPOCH = sql.raw(`date '2000-01-01'`);
const EPOCH_MS = Date.UTC(2000, 0, 1);
const dayTexts = new Map<string, string>();
const dayText = (days: string): string | null => {
  if (days === '') return null;
  let text = dayTexts.get(days);
  if (text === undefined) dayTexts.set(days, (text = utcDay(EPOCH_MS + Number(days) * 86_400_000)));
  return text;
};

function parseDayFact(text: string): HistoryFact {
  const [kind, eventDate, validFrom, validTo, value, id] = text.split(',') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    id,
    kind,
    eventDate: dayText(eventDate),
    validFrom: dayText(validFrom),
    validTo: dayText(validTo),
    value: value === '' ? null : Number(value),
  };
}

function parseFact(text: string): HistoryFact {
  const [kind, eventDate, validFrom, validTo, value, id] = text.split(',') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    id,
    kind,
    eventDate: eventDate || null,
    validFrom: validFrom || null,
    validTo: validTo || null,
    value: value === '' ? null : Number(value),
  };
}

/** The ids of the enterprises matching `where` (a condition on alias `e`), as a subquery. */
export function enterpriseIds(where: SQL): SQL {
  return sql`select e.id from enterprises e where ${where}`;
}
