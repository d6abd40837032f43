import {
  bigint,
  boolean,
  date,
  jsonb,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** The denominator rule of each year, set by the city federation; years without one use the default. */
export const coverageRules = pgTable('coverage_rules', {
  year: integer('year').primaryKey(),
  minEmployees: integer('min_employees').notNull(),
  ownerships: text('ownerships').array().notNull(),
  jointUnionCounts: boolean('joint_union_counts').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How the three categories are read and ranked (PriorityRule), set by the city federation: one
 * row when configured, the default otherwise. The worklist notes the version it was built by.
 */
export const coveragePriorityRule = pgTable('coverage_priority_rule', {
  id: integer('id').primaryKey(),
  weakFailings: text('weak_failings').array().notNull(),
  weakMin: integer('weak_min').notNull(),
  /** Reason → weight, and `global500`. */
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Yearly targets of each organisation, per indicator, set by the level above. */
export const coverageTargets = pgTable(
  'coverage_targets',
  {
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    indicator: text('indicator').notNull(),
    /** The target rate, 0–1. */
    value: doublePrecision('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.year, t.indicator] }),
    index('coverage_targets_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** The counts behind the indicators, as columns of the cached series (see series.ts). */
function countColumns() {
  const n = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
  return {
    enterprises: n('enterprises'),
    unionised: n('unionised'),
    employees: n('employees'),
    unionisedEmployees: n('unionised_employees'),
    members: n('members'),
    wageAgreement: n('wage_agreement'),
    wageAgreementEmployees: n('wage_agreement_employees'),
    workersCongress: n('workers_congress'),
    collectiveContract: n('collective_contract'),
    affairsDisclosure: n('affairs_disclosure'),
  };
}

/**
 * One cached series per denominator rule in use: the counts of every organisation path over
 * time under that rule, exact for every day of [range_from, range_to]. A series is read only
 * when `ready`; until then (and outside its range) figures are computed directly.
 */
export const coverageSeries = pgTable('coverage_series', {
  ruleKey: text('rule_key').primaryKey(),
  rule: jsonb('rule').notNull(),
  rangeFrom: date('range_from', { mode: 'string' }).notNull(),
  rangeTo: date('range_to', { mode: 'string' }).notNull(),
  ready: boolean('ready').notNull().default(false),
  builtAt: timestamp('built_at', { withTimezone: true }),
});

/**
 * The change of the counts of the enterprises at one organisation path on one day, under one
 * rule. Changes before the range are gathered on the day before it (the opening state).
 */
export const coverageDaily = pgTable(
  'coverage_daily',
  {
    ruleKey: text('rule_key').notNull(),
    orgPath: text('org_path').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...countColumns(),
  },
  (t) => [primaryKey({ columns: [t.ruleKey, t.day, t.orgPath] })],
);

/** The counts at one organisation path as of the last day of each month: running totals. */
export const coverageMonthly = pgTable(
  'coverage_monthly',
  {
    ruleKey: text('rule_key').notNull(),
    orgPath: text('org_path').notNull(),
    monthEnd: date('month_end', { mode: 'string' }).notNull(),
    ...countColumns(),
  },
  (t) => [primaryKey({ columns: [t.ruleKey, t.monthEnd, t.orgPath] })],
);

/**
 * The worklists (three-category enterprises and due-date alerts) of every operating enterprise as
 * of the worklist day (coverage_worklist_state): its reasons, due dates and the count keys it
 * adds to (`items`), plus the first day after that on which any of this changes with the passing
 * of time (`next_change_on`, refreshed daily). Kept exact by the write path (worklist-store.ts).
 */
export const coverageWorklist = pgTable(
  'coverage_worklist',
  {
    enterpriseId: uuid('enterprise_id').primaryKey(),
    orgPath: text('org_path').notNull(),
    global500: boolean('global500').notNull(),
    employees: integer('employees'),
    /** Bit i set: reason PRIORITY_REASONS[i] holds. */
    reasons: integer('reasons').notNull(),
    /** Bit c-1 set: the enterprise is in category c (under the priority rule). */
    categories: integer('categories').notNull(),
    /** The rank's score under the priority rule; the list runs by it, then by size. */
    urgency: integer('urgency').notNull().default(0),
    hasUnion: boolean('has_union').notNull(),
    unionFoundedOn: date('union_founded_on', { mode: 'string' }),
    lastElectionOn: date('last_election_on', { mode: 'string' }),
    termYears: integer('term_years'),
    electionDue: date('election_due', { mode: 'string' }),
    collectiveContractTo: date('collective_contract_to', { mode: 'string' }),
    wageAgreementTo: date('wage_agreement_to', { mode: 'string' }),
    womenContractTo: date('women_contract_to', { mode: 'string' }),
    collectiveContractRenewed: boolean('collective_contract_renewed').notNull(),
    wageAgreementRenewed: boolean('wage_agreement_renewed').notNull(),
    womenContractRenewed: boolean('women_contract_renewed').notNull(),
    lastEvaluationYear: integer('last_evaluation_year'),
    items: text('items').array().notNull(),
    nextChangeOn: date('next_change_on', { mode: 'string' }),
  },
  (t) => {
    const byPriority = () => [t.urgency.desc(), t.employees.desc().nullsLast(), t.enterpriseId] as const;
    const byDue = (due: typeof t.electionDue) =>
      [due, t.lastEvaluationYear.nullsFirst(), t.employees.desc().nullsLast(), t.enterpriseId] as const;
    return [
      index('coverage_worklist_path_idx').on(t.orgPath.op('text_pattern_ops')),
      // Whether an enterprise is a priority, by an index-only probe (another feature's counts).
      index('coverage_worklist_priority_ids_idx')
        .on(t.enterpriseId)
        .where(sql`categories <> 0`),
      index('coverage_worklist_priority_idx')
        .on(...byPriority())
        .where(sql`categories <> 0`),
      ...[1, 2, 3].map((c) =>
        index(`coverage_worklist_category${c}_idx`)
          .on(...byPriority())
          .where(sql.raw(`(categories & ${1 << (c - 1)}) <> 0`)),
      ),
      index('coverage_worklist_election_idx')
        .on(...byDue(t.electionDue))
        .where(sql`election_due is not null`),
      index('coverage_worklist_collective_idx')
        .on(...byDue(t.collectiveContractTo))
        .where(sql`has_union and collective_contract_to is not null`),
      index('coverage_worklist_wage_idx')
        .on(...byDue(t.wageAgreementTo))
        .where(sql`has_union and wage_agreement_to is not null`),
      index('coverage_worklist_women_idx')
        .on(...byDue(t.womenContractTo))
        .where(sql`has_union and women_contract_to is not null`),
      index('coverage_worklist_evaluation_idx')
        .on(t.lastEvaluationYear.nullsFirst(), t.employees.desc().nullsLast(), t.enterpriseId)
        .where(sql`has_union`),
      index('coverage_worklist_next_change_idx')
        .on(t.nextChangeOn)
        .where(sql`next_change_on is not null`),
    ];
  },
);

/** How many worklist rows at one organisation path hold each count key. */
export const coverageWorklistCounts = pgTable(
  'coverage_worklist_counts',
  {
    orgPath: text('org_path').notNull(),
    item: text('item').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.item, t.orgPath] })],
);

/** The day the worklists stand at, and the format they were built in (one row). */
export const coverageWorklistState = pgTable('coverage_worklist_state', {
  id: integer('id').primaryKey(),
  format: integer('format').notNull(),
  /** The version of the priority rule the rows were built by (0: the default). */
  ruleVersion: integer('rule_version').notNull().default(0),
  day: date('day', { mode: 'string' }).notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
});
