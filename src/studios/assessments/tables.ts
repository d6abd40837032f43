// Tables of the yearly assessment (督察考核) of designated studios: the score sheet of a year and one
// assessment per studio and year. An assessment copies its studio's path (scope), so that the
// district and the city list theirs by prefix; the path follows a moved organisation (paths.ts).
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Criterion, CriterionScore } from './contract';

/** The score sheet of one year: its criteria with weights, and the thresholds of the results. */
export const assessmentSheets = pgTable(
  'assessment_sheets',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    /** Totals (on a 100 scale) from which a studio is excellent, and from which it passes. */
    excellentFrom: integer('excellent_from').notNull(),
    passFrom: integer('pass_from').notNull(),
    /** How many fails in consecutive years lead to revocation (摘牌). */
    failsToRevoke: integer('fails_to_revoke').notNull(),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_sheets_year_idx').on(t.year)],
);

/** The assessment of one studio in one year: open → scored by the district → reviewed by the city. */
export const studioAssessments = pgTable(
  'studio_assessments',
  {
    id: uuid('id').primaryKey(),
    studioId: uuid('studio_id').notNull(),
    year: integer('year').notNull(),
    sheetId: uuid('sheet_id')
      .notNull()
      .references(() => assessmentSheets.id),
    /** The level and batch the studio held when the year was opened. */
    level: text('level').notNull(),
    batchId: uuid('batch_id'),
    /** The studio's path, copied. */
    orgPath: text('org_path').notNull(),
    /** open | scored | reviewed */
    state: text('state').notNull(),
    scores: jsonb('scores').$type<CriterionScore[]>().notNull().default([]),
    /** Computed by the server from the scores and the sheet's weights. */
    total: numeric('total', { precision: 5, scale: 2 }),
    /** excellent | pass | fail, from the thresholds when scored. */
    proposedResult: text('proposed_result'),
    /** excellent | pass | fail, as the city confirmed or changed it. */
    finalResult: text('final_result'),
    reviewComment: text('review_comment'),
    scoredBy: uuid('scored_by'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** The review revoked the studio (the configured number of fails was reached). */
    revokedStudio: boolean('revoked_studio').notNull().default(false),
    /** Flagged for reward and publicity (拟表彰宣传), with a note and adopted bulletin items. */
    flagged: boolean('flagged').notNull().default(false),
    flagNote: text('flag_note'),
    bulletinItemIds: uuid('bulletin_item_ids').array().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('studio_assessments_studio_year_idx').on(t.studioId, t.year),
    index('studio_assessments_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year, t.state),
    index('studio_assessments_year_idx').on(t.year, t.state),
    index('studio_assessments_sheet_idx').on(t.sheetId, t.state),
    index('studio_assessments_batch_idx').on(t.batchId, t.year),
  ],
);
