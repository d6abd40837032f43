// A studio's achievements (创新成果): one row per innovation, improvement, patent, project, people
// trained, batch of rationalisation proposals or award, with the economic benefit it brought. Each
// row copies its studio's organisation path, so that the totals of a scope are a prefix match on
// an indexed column of this table alone (the studio is joined only for its level and name).
import { bigint, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One achievement of a studio in a year. */
export const studioAchievements = pgTable(
  'studio_achievements',
  {
    id: uuid('id').primaryKey(),
    /** The studio of the register (studios are never deleted, only revoked). */
    studioId: uuid('studio_id').notNull(),
    /** The year it counts in (年度). */
    year: integer('year').notNull(),
    /** innovation | improvement | patent | project | training | proposal | award */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** When it was achieved (completed, accepted, awarded); within `year` when given. */
    achievedOn: date('achieved_on', { mode: 'string' }),
    /** Patents: the number as granted (ZL + application number with its check character). */
    patentNumber: text('patent_number'),
    /** Patents: invention | utility | design. */
    patentKind: text('patent_kind'),
    /** Patents: the day it was granted (授权公告日). */
    patentDate: date('patent_date', { mode: 'string' }),
    /** Training: people trained (人才培养人数). */
    peopleTrained: integer('people_trained'),
    /** Rationalisation proposals: how many were put forward. */
    proposalsCount: integer('proposals_count'),
    /** Economic benefit in fen (分), with the basis of the figure (测算依据). */
    benefitFen: bigint('benefit_fen', { mode: 'number' }),
    benefitBasis: text('benefit_basis'),
    /** Awards: the award's name and level. */
    awardName: text('award_name'),
    awardLevel: text('award_level'),
    note: text('note'),
    /** The studio's organisation path (scope), kept when the organisation moves. */
    orgPath: text('org_path').notNull(),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('studio_achievements_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
    index('studio_achievements_studio_idx').on(t.studioId, t.year),
  ],
);

/** The certificates, photographs and reports attached to an achievement (platform/attachments.ts keeps the bytes). */
export const studioAchievementAttachments = pgTable(
  'studio_achievement_attachments',
  {
    id: uuid('id').primaryKey(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => studioAchievements.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('studio_achievement_attachments_idx').on(t.achievementId, t.createdAt)],
);
