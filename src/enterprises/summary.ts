import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import { chinaToday } from '../platform/shared/dates';

export interface Summary {
  unionFoundedOn: string | null;
  members: number | null;
  lastElectionOn: string | null;
  termYears: number | null;
  workersCongressOn: string | null;
  membersCongressOn: string | null;
  collectiveContractTo: string | null;
  wageAgreementTo: string | null;
  womenContractTo: string | null;
  affairsDisclosureOn: string | null;
}

interface SummaryFact {
  id: string;
  kind: string;
  eventDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  value: number | null;
}

/** The SQL's "order by event_date desc nulls last, id desc": is `a` after `b`? */
function later(a: SummaryFact, b: SummaryFact): boolean {
  if (a.eventDate !== b.eventDate) {
    if (a.eventDate === null) return false;
    if (b.eventDate === null) return true;
    return a.eventDate > b.eventDate;
  }
  return a.id > b.id;
}

/**
 * The founding date of the union in force: none when its latest founding or dissolution is a
 * dissolution; else the first founding since the last dissolution.
 */
function currentFounding(seen: readonly SummaryFact[]): string | null {
  let latest: SummaryFact | null = null;
  let lastDissolved: string | null = null;
  for (const f of seen) {
    if (f.kind !== 'unionFounded' && f.kind !== 'unionDissolved') continue;
    if (latest === null || later(f, latest)) latest = f;
    if (
      f.kind === 'unionDissolved' &&
      f.eventDate !== null &&
      (lastDissolved === null || f.eventDate > lastDissolved)
    )
      lastDissolved = f.eventDate;
  }
  if (latest?.kind !== 'unionFounded') return null;
  const since = seen
    .filter(
      (f) =>
        f.kind === 'unionFounded' &&
        f.eventDate !== null &&
        (lastDissolved === null || f.eventDate >= lastDissolved),
    )
    .map((f) => f.eventDate!)
    .sort();
  return since[0] ?? null;
}

/**
 * The same summary as refreshSummaries computes in SQL, for facts held in memory (an import's
 * new enterprises). Ids are UUIDv7, so "latest" ties on a date fall to the later-created fact,
 * exactly as the SQL orders them. Tested equal to the SQL.
 */
export function summarize(facts: readonly SummaryFact[], today: string): Summary {
  const seen = facts.filter((f) => f.eventDate === null || f.eventDate <= today);
  const started = seen.filter((f) => f.validFrom === null || f.validFrom <= today);
  const dates = (kind: string, pick: (f: SummaryFact) => string | null, from = seen) =>
    from
      .filter((f) => f.kind === kind)
      .map(pick)
      .filter((d): d is string => d !== null)
      .sort();
  const latestValue = (kinds: string[]) => {
    const candidates = seen.filter((f) => kinds.includes(f.kind) && f.value !== null);
    candidates.sort((a, b) => {
      if (a.eventDate !== b.eventDate) {
        if (a.eventDate === null) return 1;
        if (b.eventDate === null) return -1;
        return a.eventDate < b.eventDate ? 1 : -1;
      }
      return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    });
    return candidates[0]?.value ?? null;
  };
  return {
    unionFoundedOn: currentFounding(seen),
    members: latestValue(['membership', 'unionFounded']),
    lastElectionOn: dates('termElection', (f) => f.eventDate).at(-1) ?? null,
    termYears: latestValue(['termElection']),
    workersCongressOn: dates('workersCongress', (f) => f.eventDate).at(-1) ?? null,
    membersCongressOn: dates('membersCongress', (f) => f.eventDate).at(-1) ?? null,
    collectiveContractTo: dates('collectiveContract', (f) => f.validTo, started).at(-1) ?? null,
    wageAgreementTo: dates('wageAgreement', (f) => f.validTo, started).at(-1) ?? null,
    womenContractTo: dates('womenContract', (f) => f.validTo, started).at(-1) ?? null,
    affairsDisclosureOn: dates('affairsDisclosure', (f) => f.eventDate).at(-1) ?? null,
  };
}

/**
 * Rebuilds the summary columns of the enterprises matching `where` (SQL over alias `e`) from
 * their dated facts, as of today. Set-based, so one statement serves one enterprise or a
 * whole import.
 */
export async function refreshSummaries(tx: Db, where: SQL): Promise<void> {
  // Today as China counts it (the database's current_date follows its own time zone).
  const today = sql`${chinaToday()}::date`;
  // A contract counts once it has started: one signed for next year does not cover today.
  const started = sql`(f.valid_from is null or f.valid_from <= ${today})`;
  await tx.execute(sql`
    update enterprises as e set
      employees = coalesce(s.head_count, e.employees),
      joint_union_org_id = s.joint_union_org_id,
      union_founded_on = s.union_founded_on,
      members = s.members,
      last_election_on = s.last_election_on,
      term_years = s.term_years,
      workers_congress_on = s.workers_congress_on,
      members_congress_on = s.members_congress_on,
      collective_contract_to = s.collective_contract_to,
      wage_agreement_to = s.wage_agreement_to,
      women_contract_to = s.women_contract_to,
      affairs_disclosure_on = s.affairs_disclosure_on
    from (
      select e.id,
        (array_agg(f.value order by f.event_date desc nulls last, f.id desc)
          filter (where f.kind = 'headcount' and f.value is not null))[1] as head_count,
        -- The joint union covering it today: its latest joint-union fact.
        (array_agg(case when f.value = 1 then (f.data->>'orgId')::uuid end order by f.event_date desc nulls last, f.id desc)
          filter (where f.kind = 'jointUnion'))[1] as joint_union_org_id,
        case when (array_agg(f.kind order by f.event_date desc nulls last, f.id desc)
            filter (where f.kind in ('unionFounded', 'unionDissolved')))[1] = 'unionFounded'
          then min(f.event_date) filter (where f.kind = 'unionFounded' and (d.last_dissolved is null or f.event_date >= d.last_dissolved))
        end as union_founded_on,
        (array_agg(f.value order by f.event_date desc nulls last, f.id desc)
          filter (where f.kind in ('membership', 'unionFounded') and f.value is not null))[1] as members,
        max(f.event_date) filter (where f.kind = 'termElection') as last_election_on,
        (array_agg(f.value order by f.event_date desc nulls last, f.id desc)
          filter (where f.kind = 'termElection' and f.value is not null))[1] as term_years,
        max(f.event_date) filter (where f.kind = 'workersCongress') as workers_congress_on,
        max(f.event_date) filter (where f.kind = 'membersCongress') as members_congress_on,
        max(f.valid_to) filter (where f.kind = 'collectiveContract' and ${started}) as collective_contract_to,
        max(f.valid_to) filter (where f.kind = 'wageAgreement' and ${started}) as wage_agreement_to,
        max(f.valid_to) filter (where f.kind = 'womenContract' and ${started}) as women_contract_to,
        max(f.event_date) filter (where f.kind = 'affairsDisclosure') as affairs_disclosure_on
      from enterprises e
      left join enterprise_facts f on f.enterprise_id = e.id and (f.event_date is null or f.event_date <= ${today})
      left join lateral (
        select max(x.event_date) as last_dissolved from enterprise_facts x
        where x.enterprise_id = e.id and x.kind = 'unionDissolved' and x.event_date <= ${today}
      ) d on true
      where ${where}
      group by e.id, d.last_dissolved
    ) as s
    where e.id = s.id
      -- Only rows that change: a refresh of many enterprises writes none of those already right.
      and (e.employees, e.joint_union_org_id, e.union_founded_on, e.members, e.last_election_on, e.term_years,
           e.workers_congress_on, e.members_congress_on, e.collective_contract_to, e.wage_agreement_to,
           e.women_contract_to, e.affairs_disclosure_on)
        is distinct from (coalesce(s.head_count, e.employees), s.joint_union_org_id, s.union_founded_on,
           s.members, s.last_election_on, s.term_years, s.workers_congress_on, s.members_congress_on,
           s.collective_contract_to, s.wage_agreement_to, s.women_contract_to, s.affairs_disclosure_on)`);
}

/**
 * The enterprises whose summary columns may be behind `today`: those with a fact dated, or
 * starting, after the day it was recorded and on or before today (every write refreshes the
 * summary as of its own day, so only such facts can have come into force since).
 */
export function summaryMayLag(today: string): SQL {
  const recorded = sql`(f.created_at at time zone 'Asia/Shanghai')::date`;
  return sql`e.id in (
    select f.enterprise_id from enterprise_facts f
    where (f.event_date > ${recorded} and f.event_date <= ${today}::date)
       or (f.valid_from > ${recorded} and f.valid_from <= ${today}::date))`;
}
