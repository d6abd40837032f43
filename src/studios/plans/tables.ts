// A studio's four-clarity plan (四明确: goals, tasks, arrangements with a schedule, requirements),
// its arrangements as milestones with a due day and an owner, and the progress reported against
// each. A milestone copies its studio's path so that a district's or the city's worklist is a
// prefix match; whether it is late is read from its days, never stored. Studios are reached through
// the register's service (studios are never deleted, only revoked, so no cascade is needed).
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A studio's plan for a period (usually a year). */
export const studioPlans = pgTable(
  'studio_plans',
  {
    id: uuid('id').primaryKey(),
    studioId: uuid('studio_id').notNull(),
    title: text('title').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** 目标明确 */
    goals: text('goals').notNull(),
    /** 任务明确 */
    tasks: text('tasks').notNull(),
    /** 要求明确 */
    requirements: text('requirements').notNull(),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('studio_plans_studio_idx').on(t.studioId, t.periodFrom)],
);

/** One arrangement of a plan (安排明确): what, by when, who answers for it, how far it has come. */
export const studioMilestones = pgTable(
  'studio_milestones',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => studioPlans.id, { onDelete: 'cascade' }),
    studioId: uuid('studio_id').notNull(),
    /** The studio's path (scope), kept with it when an organisation moves. */
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** 责任人 */
    owner: text('owner').notNull(),
    /** The day the report that marked it done gave. */
    doneOn: date('done_on', { mode: 'string' }),
    /** The latest report's percent and words (the reports hold the history). */
    progressPercent: integer('progress_percent').notNull().default(0),
    progressText: text('progress_text'),
    lastReportedOn: date('last_reported_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('studio_milestones_path_idx').on(t.orgPath.op('text_pattern_ops'), t.dueOn),
    // The worklist's and the home page's late and due-soon questions ask only open ones.
    index('studio_milestones_open_idx')
      .on(t.dueOn, t.orgPath.op('text_pattern_ops'))
      .where(sql`${t.doneOn} is null`),
    index('studio_milestones_plan_idx').on(t.planId, t.dueOn),
    index('studio_milestones_studio_idx').on(t.studioId),
  ],
);

/** Each progress report on a milestone, in order. */
export const studioMilestoneReports = pgTable(
  'studio_milestone_reports',
  {
    id: uuid('id').primaryKey(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => studioMilestones.id, { onDelete: 'cascade' }),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    percent: integer('percent').notNull(),
    text: text('text').notNull(),
    done: boolean('done').notNull(),
    reportedBy: uuid('reported_by'),
    /** Who reported, as shown (a user's name, or the unit's for the system). */
    reporterName: text('reporter_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('studio_milestone_reports_milestone_idx').on(t.milestoneId, t.reportedOn)],
);
