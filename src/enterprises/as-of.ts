import { sql, type SQL } from 'drizzle-orm';

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
    select e.id, e.org_path, coalesce(e.employees, 0) as employees,
      (coalesce(f.founded, false) or (${rule.jointUnionCounts} and e.joint_union_org_id is not null)) as unionised,
      coalesce(f.members, 0) as members,
      coalesce(f.wage_agreement, false) as wage_agreement,
      coalesce(f.workers_congress, false) as workers_congress,
      coalesce(f.collective_contract, false) as collective_contract,
      coalesce(f.affairs_disclosure, false) as affairs_disclosure
    from enterprises e
    left join lateral (
      select
        bool_or(x.kind = 'unionFounded') as founded,
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
      and coalesce(e.employees, 0) >= ${rule.minEmployees}
      and coalesce(e.ownership, 'other') in (${ownerships})`;
}
