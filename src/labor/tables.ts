// Tables of labour relations. A report carries the organisation path of its enterprise's township
// (or of the reporting unit, for an enterprise outside the registry), so that "my subtree" is a
// prefix match on an indexed column.
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { GradingRule } from './contract';

/** Every version of the grading rule the city federation saved; the newest is in force. */
export const laborGradingRules = pgTable('labor_grading_rules', {
  version: integer('version').primaryKey(),
  rule: jsonb('rule').$type<GradingRule>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A risk report of the early-warning system, with the grade it was given when reported. */
export const laborReports = pgTable(
  'labor_reports',
  {
    id: uuid('id').primaryKey(),
    enterpriseId: uuid('enterprise_id'),
    enterpriseName: text('enterprise_name').notNull(),
    orgPath: text('org_path').notNull(),
    reportingOrgId: uuid('reporting_org_id').notNull(),
    reporterId: uuid('reporter_id').notNull(),
    kinds: text('kinds').array().notNull(),
    workers: integer('workers').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    months: integer('months'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    computedGrade: text('computed_grade').notNull(),
    grade: text('grade').notNull(),
    gradeReasons: jsonb('grade_reasons').$type<string[]>().notNull(),
    raiseReason: text('raise_reason'),
    /** The rule version that graded it (0: the default). */
    ruleVersion: integer('rule_version').notNull(),
    state: text('state').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('labor_reports_path_idx').on(t.orgPath.op('text_pattern_ops'), t.reportedAt),
    index('labor_reports_grade_idx').on(t.grade, t.reportedAt),
    index('labor_reports_enterprise_idx').on(t.enterpriseId),
  ],
);
