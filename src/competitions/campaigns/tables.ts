// Tables of labour competitions (劳动竞赛). A competition carries its owner's organisation path, and
// each participant and value the path of its participating unit, so that "my subtree" and "my
// district" are prefix matches on indexed columns.
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A competition run by a union organisation, with its partner organisers named in text. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** labour | innovation | skill */
    kind: text('kind').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** city | district | township: from the owner's kind when created. */
    level: text('level').notNull(),
    /** Partner bodies that organise it with the owner (商务局…), by name. */
    partners: text('partners')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** month | quarter | year: the periods values are reported for. */
    cycle: text('cycle').notNull(),
    /** active | closed */
    state: text('state').notNull().default('active'),
    description: text('description'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaigns_path_idx').on(t.orgPath.op('text_pattern_ops'), t.startsOn),
    index('campaigns_starts_idx').on(t.startsOn),
  ],
);

/** A participating unit: an organisation of the owner's subtree. */
export const campaignUnits = pgTable(
  'campaign_units',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
  },
  (t) => [
    uniqueIndex('campaign_units_uq').on(t.campaignId, t.orgId),
    index('campaign_units_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** A project, team or person competing for a participating unit. */
export const campaignParticipants = pgTable(
  'campaign_participants',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** project | team | person */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    enterpriseId: uuid('enterprise_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_participants_campaign_idx').on(t.campaignId, t.orgPath),
    index('campaign_participants_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** An indicator with its unit of measure, decimals and roll-up (sum, or none for rates). */
export const campaignIndicators = pgTable(
  'campaign_indicators',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    decimals: integer('decimals').notNull(),
    /** sum | none */
    rollup: text('rollup').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_indicators_campaign_idx').on(t.campaignId, t.sortOrder)],
);

/**
 * A value of an indicator for a participant and a period (2026-03, 2026-Q1, 2026), reported by
 * its unit and checked by the organiser: reported → accepted, or returned with a reason and
 * reported again. Only accepted values count. A value taken from a bulletin item keeps the item
 * and the figure's place in it.
 */
export const campaignValues = pgTable(
  'campaign_values',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => campaignIndicators.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => campaignParticipants.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    value: numeric('value', { precision: 24, scale: 6 }).notNull(),
    note: text('note'),
    /** reported | accepted | returned */
    state: text('state').notNull(),
    returnReason: text('return_reason'),
    orgPath: text('org_path').notNull(),
    sourceItemId: uuid('source_item_id'),
    sourcePosition: integer('source_position'),
    reportedBy: uuid('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    checkedBy: uuid('checked_by'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_values_cell_uq').on(t.indicatorId, t.participantId, t.period),
    uniqueIndex('campaign_values_source_uq')
      .on(t.campaignId, t.sourceItemId, t.sourcePosition)
      .where(sql`source_item_id is not null`),
    index('campaign_values_campaign_idx').on(t.campaignId, t.state, t.period),
    index('campaign_values_path_idx').on(t.orgPath.op('text_pattern_ops'), t.state),
  ],
);

/** The trail of a value: reported, accepted, returned, by whom and when. */
export const campaignValueEvents = pgTable(
  'campaign_value_events',
  {
    id: uuid('id').primaryKey(),
    valueId: uuid('value_id')
      .notNull()
      .references(() => campaignValues.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').notNull(),
    value: numeric('value', { precision: 24, scale: 6 }),
    text: text('text'),
  },
  (t) => [index('campaign_value_events_value_idx').on(t.valueId, t.at)],
);

/** The advanced individuals and collectives commended at the end (先进个人/先进集体). */
export const campaignCommendations = pgTable(
  'campaign_commendations',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** individual | collective */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    title: text('title').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    participantId: uuid('participant_id'),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    /** The commendation's entry in the honours register (劳动竞赛先进个人/集体). */
    honourId: uuid('honour_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_commendations_campaign_idx').on(t.campaignId, t.kind)],
);

/** Adopted bulletin items linked to a competition as sources of its figures. */
export const campaignSources = pgTable(
  'campaign_sources',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    linkedBy: uuid('linked_by').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('campaign_sources_uq').on(t.campaignId, t.itemId)],
);
