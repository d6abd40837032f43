import { sql } from 'drizzle-orm';
import {
  bit,
  boolean,
  customType,
  foreignKey,
  index,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A PostgreSQL tsvector (drizzle has no built-in type for it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The bulletin's columns (栏目), configured by the editors; rows are deactivated, never deleted. */
export const bulletinColumns = pgTable(
  'bulletin_columns',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bulletin_columns_name_uq').on(t.name)],
);

/**
 * A news item (信息) reported by a unit's information officer. `title`/`body` are the text as the
 * officer wrote it and never change after submission; the editor's version lives in
 * `editedTitle`/`editedBody` (null: adopted as written). `orgPath` copies the submitting unit's
 * path so that an editor's scope is a prefix match.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    authors: text('authors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    suggestedColumnId: uuid('suggested_column_id').references(() => bulletinColumns.id),
    // draft | submitted | returned | adopted | rejected | merged | published
    state: text('state').notNull().default('draft'),
    /** The editor's comment when the item was last returned for revision. */
    editorComment: text('editor_comment'),
    rejectReason: text('reject_reason'),
    columnId: uuid('column_id').references(() => bulletinColumns.id),
    /** full | brief (简讯) */
    adoptionKind: text('adoption_kind'),
    editedTitle: text('edited_title'),
    editedBody: text('edited_body'),
    /** The merged item this one was folded into. */
    mergedInto: uuid('merged_into'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('submissions_path_idx').on(t.orgPath.op('text_pattern_ops'), t.createdAt),
    index('submissions_org_idx').on(t.orgId, t.createdAt),
    index('submissions_state_idx').on(t.state, t.createdAt),
    index('submissions_merged_into_idx').on(t.mergedInto),
  ],
);

/** Units that co-submit an item (besides the submitting unit); a merge credits all of them. */
export const submissionOrgs = pgTable(
  'submission_orgs',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.orgId] }),
    index('submission_orgs_org_idx').on(t.orgId),
    index('submission_orgs_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** The state history of an item: who moved it from which state to which, and why. */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    comment: text('comment'),
  },
  (t) => [index('submission_events_submission_idx').on(t.submissionId, t.at)],
);

/** A bulletin series (简报), e.g. 《工作动态》: edited by one unit, sent to a distribution list. */
export const bulletinSeries = pgTable(
  'bulletin_series',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The editing unit; its path scopes who edits the series and who reads its issues. */
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    distribution: text('distribution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bulletin_series_name_uq').on(t.name),
    index('bulletin_series_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** The distribution footer of an issue: 本期印发 or the 报/送/发 lines. */
export interface IssueDistribution {
  issuedTo: string | null;
  report: string | null;
  send: string | null;
  issue: string | null;
}

/**
 * One issue of a series: 第N期 of a year (null for archived files without a number), with the
 * running total number and supplements (增刊) numbered separately. `orgPath` copies the series'
 * editing unit path for scope.
 */
export const bulletinIssues = pgTable(
  'bulletin_issues',
  {
    id: uuid('id').primaryKey(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => bulletinSeries.id),
    year: integer('year').notNull(),
    number: integer('number'),
    totalNumber: integer('total_number'),
    supplement: boolean('supplement').notNull().default(false),
    issueDate: date('issue_date', { mode: 'string' }),
    // archived | draft | published
    state: text('state').notNull(),
    distribution: jsonb('distribution').$type<IssueDistribution>().notNull(),
    printCount: integer('print_count'),
    masthead: text('masthead')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    warnings: text('warnings')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The name of the file an archived issue was imported from. */
    sourceFile: text('source_file'),
    orgPath: text('org_path').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bulletin_issues_number_uq')
      .on(t.seriesId, t.year, t.number, t.supplement)
      .where(sql`${t.number} is not null`),
    index('bulletin_issues_series_idx').on(t.seriesId, t.year),
    index('bulletin_issues_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** An item of an issue in its column, in print order. */
export const bulletinIssueItems = pgTable(
  'bulletin_issue_items',
  {
    id: uuid('id').primaryKey(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => bulletinIssues.id, { onDelete: 'cascade' }),
    columnName: text('column_name').notNull(),
    columnPosition: integer('column_position').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sources: text('sources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** full | brief */
    kind: text('kind').notNull(),
    /** Why the editor should check the item (archive import), null when placed confidently. */
    flagged: text('flagged'),
    /** The adopted submission a compiled issue's item comes from. */
    submissionId: uuid('submission_id').references(() => submissions.id),
  },
  (t) => [
    index('bulletin_issue_items_issue_idx').on(t.issueId, t.columnPosition, t.position),
    // A submission is printed in one issue only.
    uniqueIndex('bulletin_issue_items_submission_uq')
      .on(t.submissionId)
      .where(sql`${t.submissionId} is not null`),
  ],
);

/** An image attached to a submission; the bytes live under the files folder at `storageKey`. */
export const submissionImages = pgTable(
  'submission_images',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    storageKey: text('storage_key').notNull(),
    position: integer('position').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_images_submission_idx').on(t.submissionId, t.position)],
);

/**
 * Figures found in an item's text (32.27亿美元, 415项, 1000多名职工, 210.69%), kept as data for
 * later reporting. `source` is `submission` or `issue_item`; `approximate` marks 多/余/近/约.
 */
export const textFigures = pgTable(
  'text_figures',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull(),
    sourceId: uuid('source_id').notNull(),
    position: integer('position').notNull(),
    raw: text('raw').notNull(),
    value: numeric('value', { precision: 24, scale: 6 }).notNull(),
    unit: text('unit').notNull(),
    approximate: boolean('approximate').notNull().default(false),
  },
  (t) => [index('text_figures_source_idx').on(t.source, t.sourceId, t.position)],
);

/**
 * The points table and how points are split, one row per editing unit (`orgId`): edited as a
 * whole, versioned. Points already awarded keep the figures they were given.
 */
export const pointsConfigs = pgTable('points_configs', {
  orgId: uuid('org_id').primaryKey(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Something that earns points: an adoption into the own bulletin, a later adoption by a higher
 * outlet (`outletLevel`, `outletName`), a leader's written instruction (领导批示) or a special
 * reward. `points` is the award as given; a voided event keeps its row for the record.
 */
export const pointsEvents = pgTable(
  'points_events',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    /** adoption | outlet | instruction | special */
    reason: text('reason').notNull(),
    outletLevel: text('outlet_level'),
    outletName: text('outlet_name'),
    /** full | brief, for adoptions */
    kind: text('kind'),
    /** Who wrote the instruction, for 领导批示. */
    instructedBy: text('instructed_by'),
    note: text('note'),
    points: numeric('points', { precision: 10, scale: 2 }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** The editing unit whose points table applied. */
    orgPath: text('org_path').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('points_events_submission_idx').on(t.submissionId),
    index('points_events_date_idx').on(t.occurredOn),
  ],
);

/**
 * The share of an event's points credited to one beneficiary: a source unit (`orgId`) or an
 * author (`author`, the name as written, within the unit `orgId`).
 */
export const pointsCredits = pgTable(
  'points_credits',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => pointsEvents.id, { onDelete: 'cascade' }),
    /** unit | author */
    beneficiary: text('beneficiary').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    author: text('author'),
    points: numeric('points', { precision: 10, scale: 2 }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    index('points_credits_event_idx').on(t.eventId),
    index('points_credits_org_idx').on(t.beneficiary, t.occurredOn, t.orgId),
    index('points_credits_path_idx').on(t.orgPath.op('text_pattern_ops'), t.occurredOn),
  ],
);

/**
 * One searchable text: a submission (`source` = submission, `sourceId` its id) or an item of an
 * archived or published issue (`issue_item`): the filters, copied so that a search reads one
 * narrow table; its words are in bulletin_search_tokens.
 */
export const bulletinSearchDocs = pgTable(
  'bulletin_search_docs',
  {
    source: text('source').notNull(),
    sourceId: uuid('source_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    columnName: text('column_name'),
    state: text('state').notNull(),
    sourceUnits: text('source_units')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sourceOrgIds: uuid('source_org_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // No title, body or tokens: the page's texts are read from the submission or issue item and
    // the tokens live in bulletin_search_tokens, so that a row is ~450 bytes and walking the
    // newest documents of a scope visits few heap pages (bench/RESULTS.md).
    at: timestamp('at', { withTimezone: true }).notNull(),
    // Which words the document may hold: bulletin_search_signature(tokens), two bits per word
    // (a Bloom filter). A walk skips a document whose signature lacks a bit of the query's words
    // without reading its tokens; a document that has them all is then tested against its tokens.
    // All ones (the default) lets every query through: a row without a signature is only slower.
    signature: bit('signature', { dimensions: 2048 })
      .notNull()
      .default(sql`repeat('1', 2048)::bit(2048)`),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.sourceId] }),
    index('bulletin_search_docs_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
    // A year's newest documents in order, for a search filtered by year.
    index('bulletin_search_docs_year_idx').on(t.year, t.source, t.sourceId),
  ],
);

/** The searchable words of a document (title weighted A, body B), apart from its narrow row. */
export const bulletinSearchTokens = pgTable(
  'bulletin_search_tokens',
  {
    source: text('source').notNull(),
    sourceId: uuid('source_id').notNull(),
    tokens: tsvector('tokens').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.sourceId] }),
    foreignKey({
      columns: [t.source, t.sourceId],
      foreignColumns: [bulletinSearchDocs.source, bulletinSearchDocs.sourceId],
    }).onDelete('cascade'),
    // Without the pending list: PGlite runs no autovacuum to merge it, and every search scans it.
    index('bulletin_search_tokens_tokens_idx').using('gin', t.tokens).with({ fastupdate: false }),
  ],
);
