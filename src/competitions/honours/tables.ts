// Tables of the honours register. An honour carries the organisation path it belongs to (the
// nominating unit's, or for an imported one its recipient's), so that "my subtree" is a prefix
// match on an indexed column; the district it counts under is the path's first two steps.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One honour, from its nomination on (imported ones start conferred). */
export const honours = pgTable(
  'honours',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    /** The competition's name, or the name of an honour of kind 'other'. */
    name: text('name'),
    level: text('level').notNull(),
    year: integer('year').notNull(),
    awardingBody: text('awarding_body').notNull(),
    recipientKind: text('recipient_kind').notNull(),
    /** The person's, team's, enterprise's or organisation's name (copied when linked). */
    recipientName: text('recipient_name').notNull(),
    gender: text('gender'),
    jobTitle: text('job_title'),
    unitName: text('unit_name'),
    enterpriseId: uuid('enterprise_id'),
    recipientOrgId: uuid('recipient_org_id'),
    nominatingOrgId: uuid('nominating_org_id'),
    /** The nominating unit as a list names it (imported lists name units outside the tree too). */
    nominatingUnitName: text('nominating_unit_name'),
    /**
     * The distinct pairs of adjacent characters of the recipient's and the unit's names
     * (char_pairs), so that a search for part of either asks the GIN index (platform/search.ts).
     */
    namePairs: text('name_pairs')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`char_pairs(recipient_name || ' ' || coalesce(unit_name, ''))`),
    orgPath: text('org_path').notNull(),
    state: text('state').notNull(),
    imported: boolean('imported').notNull().default(false),
    returnReason: text('return_reason'),
    publicityStartsOn: date('publicity_starts_on', { mode: 'string' }),
    publicityDays: integer('publicity_days'),
    /** The last day of publicity: conferring is possible from the day after. */
    publicityEndsOn: date('publicity_ends_on', { mode: 'string' }),
    /** Objections not yet resolved (kept with every objection's write). */
    openObjections: integer('open_objections').notNull().default(0),
    conferredOn: date('conferred_on', { mode: 'string' }),
    revokeReason: text('revoke_reason'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('honours_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
    index('honours_state_idx').on(t.state, t.orgPath.op('text_pattern_ops')),
    index('honours_order_idx').on(t.year.desc(), t.createdAt.desc(), t.id),
    index('honours_enterprise_idx').on(t.enterpriseId),
    index('honours_recipient_org_idx').on(t.recipientOrgId),
    index('honours_name_pairs_idx').using('gin', t.namePairs),
  ],
);

/** An objection received during publicity, and how it was resolved. */
export const honourObjections = pgTable(
  'honour_objections',
  {
    id: uuid('id').primaryKey(),
    honourId: uuid('honour_id')
      .notNull()
      .references(() => honours.id, { onDelete: 'cascade' }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolution: text('resolution'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('honour_objections_honour_idx').on(t.honourId, t.receivedOn)],
);

/** The trail of a nomination: who did what, when. */
export const honourEvents = pgTable(
  'honour_events',
  {
    id: uuid('id').primaryKey(),
    honourId: uuid('honour_id')
      .notNull()
      .references(() => honours.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    orgId: uuid('org_id'),
    text: text('text').notNull(),
  },
  (t) => [index('honour_events_honour_idx').on(t.honourId, t.at)],
);
