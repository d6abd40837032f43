import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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

/**
 * In-app notifications of state changes. A notification goes to an audience rather than to
 * named users, so that an officer or editor who joins later still sees it: `officers` of the
 * unit `recipientOrgId`, or the `editors` whose scope covers `orgPath`.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    audience: text('audience').notNull(), // officers | editors
    recipientOrgId: uuid('recipient_org_id'),
    orgPath: text('org_path').notNull(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => submissionEvents.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_org_idx').on(t.recipientOrgId, t.createdAt),
    index('notifications_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** When each recipient read a notification (one audience, many readers). */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
