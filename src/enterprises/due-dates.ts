// What falls due at an enterprise (committee term, contracts, the members' yearly evaluation),
// read from the summary columns and the dated facts so that a new fact shows at once. Coverage's
// due-date alerts decide which of these columns make an alert.
import { sql, type SQL } from 'drizzle-orm';

/**
 * Over alias `e`: has_union (own union or joint union, as EnterpriseView.hasUnion),
 * union_founded_on, last_election_on, term_years and election_due (end of the current committee
 * term; null without an own union or a known term).
 */
export const unionTermColumns = sql`
  (e.union_founded_on is not null or e.joint_union_org_id is not null) as has_union,
  e.union_founded_on, e.last_election_on, e.term_years,
  case when e.union_founded_on is not null and e.term_years is not null
    then (coalesce(e.last_election_on, e.union_founded_on) + make_interval(years => e.term_years))::date
  end as election_due`;

/**
 * The due dates of the operating enterprises matching `where` (SQL over alias `e`) as of `today`.
 * Columns: id, employees, has_union (own union or joint union, as EnterpriseView.hasUnion),
 * union_founded_on, last_election_on, term_years, election_due (end of the current committee
 * term, as EnterpriseView.electionOverdue reads it; null without an own union or a known term),
 * collective_contract_to, wage_agreement_to, women_contract_to (latest end of a started
 * contract), *_renewed (a contract of that kind is signed that starts after today and ends later:
 * the renewal is already in place), last_evaluation_year (latest members' evaluation year).
 */
export function enterpriseDueDates(where: SQL, today: string): SQL {
  const d = sql`${today}::date`;
  // Correlated lookups on the (enterprise, kind) index: the planner computes them only for the
  // rows and columns a query reads, so a count of one kind pays for that kind only.
  const renewed = (kind: string, column: string) => sql`exists (
    select 1 from enterprise_facts f
    where f.enterprise_id = e.id and f.kind = ${kind} and f.valid_from > ${d}
      and f.valid_to > ${sql.raw(`e.${column}`)})`;
  return sql`
    select e.id, e.employees, ${unionTermColumns},
      e.collective_contract_to, e.wage_agreement_to, e.women_contract_to,
      ${renewed('collectiveContract', 'collective_contract_to')} as collective_contract_renewed,
      ${renewed('wageAgreement', 'wage_agreement_to')} as wage_agreement_renewed,
      ${renewed('womenContract', 'women_contract_to')} as women_contract_renewed,
      (select max(f.value) from enterprise_facts f
        where f.enterprise_id = e.id and f.kind = 'memberEvaluation') as last_evaluation_year
    from enterprises e
    where ${where} and e.status = 'operating'`;
}
