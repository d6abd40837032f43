// Tables of judged contests (评比、竞赛现场评分). A contest carries the path of the organisation that
// runs it; its rounds, rules and extra awards are small and edited together, so they live in the
// contest's row (checked by the scoring contract); entries, judges and scores are rows of their own.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ContestRoundSetting, ExtraAward } from './contract';
import type { ContestRules } from './scoring-contract';

export const contests = pgTable(
  'contests',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    venue: text('venue'),
    /** The organising bodies as the notice names them (the union and its partners). */
    organisers: text('organisers').notNull(),
    entryKind: text('entry_kind').notNull(),
    rounds: jsonb('rounds').$type<ContestRoundSetting[]>().notNull(),
    rules: jsonb('rules').$type<ContestRules>().notNull(),
    extraAwards: jsonb('extra_awards').$type<ExtraAward[]>().notNull(),
    /** setup → scoring → released. */
    state: text('state').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** The notice's number (文号), e.g. 苏工发〔2026〕12号; optional. */
    noticeNo: text('notice_no'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contests_path_idx').on(t.orgPath.op('text_pattern_ops'), t.heldOn),
    index('contests_held_idx').on(t.heldOn),
  ],
);

/** An entry (参赛单位、队伍或个人) in its order of appearance. */
export const contestEntries = pgTable(
  'contest_entries',
  {
    id: uuid('id').primaryKey(),
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    /** The unit the entry represents, as printed on the certificate. */
    unitName: text('unit_name'),
    /** The organisation of the tree the entry belongs to, when it is one. */
    orgId: uuid('org_id'),
    members: text('members'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('contest_entries_contest_idx').on(t.contestId, t.seq)],
);

/** A judge of a contest: a user (possibly with a contest-only login of the role 评委). */
export const contestJudges = pgTable(
  'contest_judges',
  {
    id: uuid('id').primaryKey(),
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    seq: integer('seq').notNull(),
    /** 评委会主任: signs the results; scores like any judge. */
    chief: boolean('chief').notNull().default(false),
    /** Where the judge works, when it is not the unit of their account (an outside expert). */
    affiliation: text('affiliation'),
  },
  (t) => [
    uniqueIndex('contest_judges_user_uq').on(t.contestId, t.userId),
    index('contest_judges_user_idx').on(t.userId),
  ],
);

/** One judge's score of one entry in one round on one criterion ('' when the round has none). */
export const contestScores = pgTable(
  'contest_scores',
  {
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    roundId: text('round_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    judgeId: uuid('judge_id').notNull(),
    criterionId: text('criterion_id').notNull().default(''),
    /** Hundredths of a point: 87.35 is 8735. */
    points: integer('points').notNull(),
    scoredBy: uuid('scored_by').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contestId, t.roundId, t.entryId, t.judgeId, t.criterionId] }),
    index('contest_scores_judge_idx').on(t.judgeId),
  ],
);

/** A changed score with its reason: a score once given is corrected only this way. */
export const contestScoreCorrections = pgTable(
  'contest_score_corrections',
  {
    id: uuid('id').primaryKey(),
    contestId: uuid('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    roundId: text('round_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    judgeId: uuid('judge_id').notNull(),
    criterionId: text('criterion_id').notNull(),
    before: integer('before').notNull(),
    after: integer('after').notNull(),
    reason: text('reason').notNull(),
    correctedBy: uuid('corrected_by').notNull(),
    correctedAt: timestamp('corrected_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('contest_corrections_contest_idx').on(t.contestId, t.correctedAt)],
);
