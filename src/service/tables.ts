// Tables of the cadre service programme. Rows carry the owning organisation's path (the
// programme's unit; the enterprise's township for pairings, visits and needs), so that "my
// subtree" is a prefix match on an indexed column (DESIGN: subtree scope is cheap).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  jsonb,
} from 'drizzle-orm/pg-core';

/** A programme per year or campaign, run by a federation for its subtree. */
export const serviceProgrammes = pgTable(
  'service_programmes',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    levels: text('levels').array().notNull(),
    visitEveryDays: integer('visit_every_days').notNull(),
    description: text('description'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_programmes_path_idx').on(t.orgPath.op('text_pattern_ops'))],
);

/**
 * A cadre paired with an enterprise in a programme, from a day until a day (reassignment ends one
 * row and starts another, so the history stays). `last_visit_on` and `due_on` are kept by the
 * visits' writes and by frequency changes, and tested equal to their derivation.
 */
export const servicePairings = pgTable(
  'service_pairings',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    cadreId: uuid('cadre_id').notNull(),
    /** Overrides the programme's frequency. */
    visitEveryDays: integer('visit_every_days'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endedReason: text('ended_reason'),
    lastVisitOn: date('last_visit_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /**
     * Whether the enterprise is a three-category one now: a copy of coverage's worklist, kept by
     * priority-flags.ts, so that counting the paired priorities reads the pairings alone.
     */
    priority: boolean('priority').notNull().default(false),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_pairings_current_uq')
      .on(t.programmeId, t.enterpriseId)
      .where(sql`ended_on is null`),
    index('service_pairings_path_idx')
      .on(t.programmeId, t.orgPath.op('text_pattern_ops'))
      .where(sql`ended_on is null`),
    index('service_pairings_due_idx')
      .on(t.programmeId, t.dueOn)
      .where(sql`ended_on is null`),
    index('service_pairings_cadre_idx')
      .on(t.cadreId, t.dueOn)
      .where(sql`ended_on is null`),
    index('service_pairings_enterprise_idx').on(t.enterpriseId),
    index('service_pairings_priority_idx')
      .on(t.orgPath.op('text_pattern_ops'), t.enterpriseId)
      .where(sql`ended_on is null and priority`),
  ],
);

/** Which state of coverage's worklist the pairings' priority flags were last brought to. */
export const servicePriorityState = pgTable('service_priority_state', {
  id: integer('id').primaryKey(),
  stamp: text('stamp').notNull(),
});

/** A visit or service to an enterprise, by one or more cadres. */
export const serviceVisits = pgTable(
  'service_visits',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id'),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    cadreIds: uuid('cadre_ids').array().notNull(),
    items: text('items').array().notNull(),
    /** The aspects of `items`, for counting by aspect. */
    aspects: text('aspects').array().notNull(),
    approaches: text('approaches').array().notNull(),
    met: text('met'),
    content: text('content').notNull(),
    facts: jsonb('facts').$type<{ kind: string; eventDate: string | null }[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_visits_path_idx').on(t.orgPath.op('text_pattern_ops'), t.visitedOn),
    index('service_visits_programme_idx').on(t.programmeId, t.visitedOn),
    index('service_visits_enterprise_idx').on(t.enterpriseId, t.visitedOn),
    index('service_visits_cadres_idx').using('gin', t.cadreIds),
  ],
);

/** A need an enterprise raised, followed until it is resolved or closed. */
export const serviceNeeds = pgTable(
  'service_needs',
  {
    id: uuid('id').primaryKey(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    programmeId: uuid('programme_id'),
    visitId: uuid('visit_id'),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    ownerId: uuid('owner_id'),
    dueOn: date('due_on', { mode: 'string' }),
    state: text('state').notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_needs_path_idx').on(t.orgPath.op('text_pattern_ops'), t.state),
    index('service_needs_open_due_idx')
      .on(t.dueOn)
      .where(sql`state in ('open', 'inProgress')`),
    index('service_needs_owner_idx').on(t.ownerId, t.state),
    index('service_needs_enterprise_idx').on(t.enterpriseId),
    index('service_needs_visit_idx').on(t.visitId),
  ],
);

/** The follow-up log of a need: every change of state or owner, and notes. */
export const serviceNeedEvents = pgTable(
  'service_need_events',
  {
    id: uuid('id').primaryKey(),
    needId: uuid('need_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').notNull(),
    action: text('action').notNull(),
    ownerId: uuid('owner_id'),
    note: text('note'),
  },
  (t) => [index('service_need_events_need_idx').on(t.needId, t.at)],
);

/**
 * How many visits of a programme each organisation path holds (`visits`, `aspect:<aspect>`) and
 * how many enterprises there were visited at least once (`visited`): the dashboard reads these,
 * not the visits. Kept by the visits' writes and an enterprise's move, rebuilt after a bulk load,
 * tested equal to the lists.
 */
export const serviceCounts = pgTable(
  'service_counts',
  {
    programmeId: uuid('programme_id').notNull(),
    orgPath: text('org_path').notNull(),
    item: text('item').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.item, t.orgPath] })],
);

/** A seasonal campaign (送清凉 in summer, 送温暖 in winter) of one unit, one per season and year. */
export const serviceCampaigns = pgTable(
  'service_campaigns',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    season: text('season').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    description: text('description'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_campaigns_unit_uq').on(t.orgId, t.season, t.year),
    index('service_campaigns_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/**
 * A delivery of a campaign: an enterprise (or a place outside the registry) visited on a day, the
 * people reached by group (some by name), the money and goods given. `org_path` is the
 * enterprise's township, or the recording unit's for a place.
 */
export const serviceCampaignVisits = pgTable(
  'service_campaign_visits',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    season: text('season').notNull(),
    year: integer('year').notNull(),
    enterpriseId: uuid('enterprise_id'),
    place: text('place'),
    orgPath: text('org_path').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    leaders: text('leaders'),
    groups: jsonb('groups').$type<Record<string, number>>().notNull(),
    people: integer('people').notNull(),
    workers: jsonb('workers').$type<{ name: string; group: string; note: string | null }[]>().notNull(),
    moneyFen: bigint('money_fen', { mode: 'number' }).notNull(),
    goods: text('goods'),
    goodsValueFen: bigint('goods_value_fen', { mode: 'number' }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_campaign_visits_season_idx').on(t.season, t.year, t.orgPath.op('text_pattern_ops')),
    index('service_campaign_visits_campaign_idx').on(t.campaignId, t.visitedOn),
    index('service_campaign_visits_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Pictures taken on a visit, in the order they were added. */
export const serviceVisitImages = pgTable(
  'service_visit_images',
  {
    id: uuid('id').primaryKey(),
    visitId: uuid('visit_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    storageKey: text('storage_key').notNull(),
    position: integer('position').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_visit_images_visit_idx').on(t.visitId, t.position)],
);
