// Three-category (priority) enterprises (DOMAIN §2), derived from the registry and its facts on
// every read, so a new fact changes the list at once. Each reason is a SQL condition; the text
// shown to people is written from the row's own values.
import { sql, type SQL } from 'drizzle-orm';
import {
  LOW_SATISFACTION,
  PRIORITY_REASONS,
  type PriorityRule,
  REASON_CATEGORY,
  SURVEY_YEARS,
  type PriorityReason,
} from '../coverage/contract';
import type { Db } from '../platform/db/client';
import { OWNERSHIP_LABELS, SURVEY_FLAG_LABELS, type Ownership, type SurveyFlag } from './contract';
import { addYears } from '../platform/shared/dates';

/**
 * What the reasons and due dates need of an enterprise's facts besides its summary columns, one
 * aggregate per enterprise under alias `sv` (joined on `sv.enterprise_id = e.id`): its latest
 * survey findings within SURVEY_YEARS, its latest members' evaluation (by year), the latest end
 * of each kind of contract signed to start after today (a renewal already in place), and the
 * first day after today on which a fact starts to count. `where` (SQL over alias `e`) names the
 * enterprises, so one enterprise costs an index lookup and the whole registry one pass.
 */
export function priorityFacts(where: SQL, today: string): SQL {
  const d = sql`${today}::date`;
  const latestEvaluation = (expr: string) =>
    sql.raw(`(array_agg(${expr} order by f.value desc nulls last, f.event_date desc nulls last, f.id desc)
          filter (where f.kind = 'memberEvaluation'))[1]`);
  const renewal = (kind: string) =>
    sql`max(f.valid_to) filter (where f.kind = ${kind} and f.valid_from > ${d})`;
  return sql`
    left join (
      select f.enterprise_id,
        max(f.event_date) filter (where f.kind = 'survey' and f.data->>'flag' = 'hardToOrganise' and ${recent(d)}) as hard_to_organise,
        max(f.event_date) filter (where f.kind = 'survey' and f.data->>'flag' = 'ineffectiveUnion' and ${recent(d)}) as ineffective_union,
        max(f.event_date) filter (where f.kind = 'survey' and f.data->>'flag' = 'tenseRelations' and ${recent(d)}) as tense_relations,
        ${latestEvaluation('f.value')} as year,
        ${latestEvaluation(`(f.data->>'satisfied')::int`)} as satisfied,
        ${latestEvaluation(`(f.data->>'basic')::int`)} as basic,
        ${latestEvaluation(`(f.data->>'unsatisfied')::int`)} as unsatisfied,
        max(f.value) filter (where f.kind = 'memberEvaluation') as last_evaluation_year,
        ${renewal('collectiveContract')} as collective_contract_renewal_to,
        ${renewal('wageAgreement')} as wage_agreement_renewal_to,
        ${renewal('womenContract')} as women_contract_renewal_to,
        least(min(f.event_date) filter (where f.event_date > ${d}), min(f.valid_from) filter (where f.valid_from > ${d})) as next_fact_on
      from enterprise_facts f
      where f.enterprise_id in (select e.id from enterprises e where ${where})
      group by f.enterprise_id
    ) sv on sv.enterprise_id = e.id`;
}

const recent = (d: SQL) => sql`f.event_date > ${d} - make_interval(years => ${SURVEY_YEARS})`;

/** Each reason as a condition over `e` and `sv` (priorityFacts), as of `today`. */
export function priorityConditions(today: string): Record<PriorityReason, SQL> {
  const own = sql`e.union_founded_on is not null`;
  return {
    nonPublicLarge: sql`(e.ownership in ('private', 'foreign', 'hmt', 'other') and (e.above_designated_size is true or e.employees >= 100))`,
    hardToOrganise: sql`sv.hard_to_organise is not null`,
    ineffectiveUnion: sql`sv.ineffective_union is not null`,
    tenseRelations: sql`(sv.tense_relations is not null or e.risk_open_since is not null)`,
    noWorkersCongress: sql`(${own} and e.workers_congress_on is null)`,
    noMembersCongress: sql`(${own} and e.members_congress_on is null)`,
    noCollectiveContract: sql`(${own} and coalesce(e.collective_contract_to >= ${today}::date, false) = false)`,
    noWageAgreement: sql`(${own} and coalesce(e.wage_agreement_to >= ${today}::date, false) = false)`,
    electionOverdue: sql`(${own} and e.term_years is not null and coalesce(e.last_election_on, e.union_founded_on) + make_interval(years => e.term_years) < ${today}::date)`,
    lowSatisfaction: sql`(${own} and sv.satisfied + sv.basic + sv.unsatisfied > 0 and (sv.satisfied + sv.basic)::float / (sv.satisfied + sv.basic + sv.unsatisfied) < ${LOW_SATISFACTION})`,
  };
}

/** An integer of the rule as SQL text (validated integers only). */
const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return sql.raw(String(n));
};

/**
 * The categories and the urgency of the rule, over `has(code)`: a reason's condition (or its bit
 * in a kept row). Category 3 holds when at least `weakMin` of the chosen failings do.
 */
export function priorityRanking(has: (code: PriorityReason) => SQL, rule: PriorityRule) {
  const inCategory = (c: number): SQL => {
    if (c === 3) {
      const counted = [...new Set(rule.weakFailings)].map(
        (code) => sql`(case when ${has(code)} then 1 else 0 end)`,
      );
      return sql`((${sql.join(counted, sql` + `)}) >= ${int(rule.weakMin)})`;
    }
    const codes = PRIORITY_REASONS.filter((code) => REASON_CATEGORY[code] === c);
    return sql`(${sql.join(codes.map(has), sql` or `)})`;
  };
  /** The score, given whether each category holds (`held`) and whether the firm is Global 500. */
  const urgency = (held: (c: number) => SQL, global500: SQL): SQL => {
    const terms = PRIORITY_REASONS.filter((code) => rule.weights[code]).map(
      (code) =>
        sql`(case when ${has(code)} and ${held(REASON_CATEGORY[code])} then ${int(rule.weights[code])} else 0 end)`,
    );
    const any = sql.join([1, 2, 3].map(held), sql` or `);
    terms.push(sql`(case when ${global500} and (${any}) then ${int(rule.global500Weight)} else 0 end)`);
    return sql`(${sql.join(terms, sql` + `)})`;
  };
  return { inCategory, urgency };
}

export interface PriorityRow {
  id: string;
  urgency: number;
  categories: number[];
  /** The reasons of the categories the enterprise is in. */
  reasons: { code: PriorityReason; category: number; text: string }[];
}

interface Raw extends Record<string, unknown> {
  id: string;
  ownership: string | null;
  employees: number | null;
  above_designated_size: boolean | null;
  global500: boolean | null;
  collective_contract_to: string | null;
  wage_agreement_to: string | null;
  union_founded_on: string | null;
  last_election_on: string | null;
  term_years: number | null;
  hard_to_organise: string | null;
  ineffective_union: string | null;
  tense_relations: string | null;
  risk_open_since: string | null;
  year: number | null;
  satisfied: number | null;
  basic: number | null;
  unsatisfied: number | null;
}

function reasonText(code: PriorityReason, r: Raw): string {
  const survey = (flag: SurveyFlag, on: string | null) => `集中排查（${on}）：${SURVEY_FLAG_LABELS[flag]}`;
  switch (code) {
    case 'nonPublicLarge': {
      const parts = [`非公企业（${OWNERSHIP_LABELS[(r.ownership ?? 'other') as Ownership]}）`];
      if (r.global500) parts.unshift('世界500强');
      if (r.above_designated_size) parts.push('规模以上');
      if (r.employees !== null) parts.push(`职工 ${r.employees} 人`);
      return parts.join('，');
    }
    case 'hardToOrganise':
      return survey('hardToOrganise', r.hard_to_organise);
    case 'ineffectiveUnion':
      return survey('ineffectiveUnion', r.ineffective_union);
    case 'tenseRelations':
      return [
        r.risk_open_since ? `劳动关系风险预警：${r.risk_open_since} 起有风险报告，尚未回访确认` : null,
        r.tense_relations ? survey('tenseRelations', r.tense_relations) : null,
      ]
        .filter(Boolean)
        .join('；');
    case 'noWorkersCongress':
      return '未建立职代会';
    case 'noMembersCongress':
      return '未建立会员代表大会';
    case 'noCollectiveContract':
      return r.collective_contract_to ? `集体合同已于 ${r.collective_contract_to} 到期` : '未签订集体合同';
    case 'noWageAgreement':
      return r.wage_agreement_to
        ? `工资专项集体协议已于 ${r.wage_agreement_to} 到期`
        : '未签订工资专项集体协议';
    case 'electionOverdue': {
      const start = r.last_election_on ?? r.union_founded_on ?? '';
      return `换届逾期：本届 ${start} 起任期 ${r.term_years} 年，应于 ${addYears(start, r.term_years ?? 0)} 前换届`;
    }
    case 'lowSatisfaction': {
      const total = (r.satisfied ?? 0) + (r.basic ?? 0) + (r.unsatisfied ?? 0);
      const rate = total ? (((r.satisfied ?? 0) + (r.basic ?? 0)) / total) * 100 : 0;
      return `会员评家满意率 ${rate.toFixed(1)}%（${r.year ?? '?'} 年度，低于 ${LOW_SATISFACTION * 100}%）`;
    }
  }
}

/**
 * Priority enterprises among the operating ones matching `where` (SQL over alias `e`) under the
 * rule, filtered by category or reason, by urgency then size; with their reasons in Chinese.
 */
export async function listPriority(
  tx: Db,
  where: SQL,
  filter: { category?: number | undefined; reason?: PriorityReason | undefined },
  page: { limit: number; offset: number },
  today: string,
  rule: PriorityRule,
): Promise<{ rows: PriorityRow[] }> {
  const cond = priorityConditions(today);
  const rank = priorityRanking((code) => cond[code], rule);
  const { category, reason } = filter;
  if (reason && category !== undefined && REASON_CATEGORY[reason] !== category) return { rows: [] };
  const wanted = reason
    ? sql`${rank.inCategory(REASON_CATEGORY[reason])} and ${cond[reason]}`
    : category !== undefined
      ? rank.inCategory(category)
      : sql`(${sql.join([1, 2, 3].map(rank.inCategory), sql` or `)})`;
  const flags = sql.join(
    PRIORITY_REASONS.map((code) => sql`${cond[code]} as ${sql.identifier(`is_${code}`)}`),
    sql`, `,
  );
  const held = sql.join(
    [1, 2, 3].map((c) => sql`${rank.inCategory(c)} as ${sql.identifier(`in_${c}`)}`),
    sql`, `,
  );
  const rows = await tx.execute<Raw>(sql`
    select * from (
      select e.id, e.ownership, e.employees, e.above_designated_size, e.global500, e.collective_contract_to,
        e.wage_agreement_to, e.union_founded_on, e.last_election_on, e.term_years, e.risk_open_since,
        sv.hard_to_organise, sv.ineffective_union, sv.tense_relations, sv.year, sv.satisfied, sv.basic, sv.unsatisfied,
        ${flags}, ${held},
        ${rank.urgency(rank.inCategory, sql`coalesce(e.global500, false)`)} as urgency
      from enterprises e ${priorityFacts(where, today)}
      where ${where} and e.status = 'operating' and ${wanted}
    ) p
    order by p.urgency desc, p.employees desc nulls last, p.id
    limit ${page.limit} offset ${page.offset}`);
  return {
    rows: rows.map((r) => {
      const categories = [1, 2, 3].filter((c) => r[`in_${c}`] === true);
      return {
        id: r.id,
        urgency: Number(r.urgency),
        categories,
        reasons: PRIORITY_REASONS.filter(
          (code) => r[`is_${code}`] === true && categories.includes(REASON_CATEGORY[code]),
        ).map((code) => ({ code, category: REASON_CATEGORY[code], text: reasonText(code, r) })),
      };
    }),
  };
}
