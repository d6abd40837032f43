import {
  boolean,
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
