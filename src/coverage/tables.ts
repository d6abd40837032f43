import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The denominator rule of each year, set by the city federation; years without one use the default. */
export const coverageRules = pgTable('coverage_rules', {
  year: integer('year').primaryKey(),
  minEmployees: integer('min_employees').notNull(),
  ownerships: text('ownerships').array().notNull(),
  jointUnionCounts: boolean('joint_union_counts').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
