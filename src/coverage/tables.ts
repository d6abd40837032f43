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

/** The denominator rule of each year, set by the city federation; years without one use the default. */
export const coverageRules = pgTable('coverage_rules', {
  year: integer('year').primaryKey(),
  minEmployees: integer('min_employees').notNull(),
  ownerships: text('ownerships').array().notNull(),
  jointUnionCounts: boolean('joint_union_counts').notNull(),
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
