// Model workers' innovation studios (劳模创新工作室) and their designation. A studio carries the
// path of the organisation that applied for it (the host unit's union, or a union above that
// applied on its behalf), so that the applicant, its district and the city see it by prefix.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A named yearly batch of designation (2011年第一批), at one level, with its plaque ceremony. */
export const studioBatches = pgTable(
  'studio_batches',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** The level the batch designates: city | province | national. */
    level: text('level').notNull(),
    awardingBody: text('awarding_body').notNull(),
    /** The plaque date (挂牌). */
    plaqueOn: date('plaque_on', { mode: 'string' }).notNull(),
    /** The ceremony: where, who presented the plaques. */
    ceremony: text('ceremony'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('studio_batches_name_idx').on(t.name), index('studio_batches_year_idx').on(t.year)],
);

/** One studio, from its application on. */
export const studios = pgTable(
  'studios',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The leader: a model worker of the register. */
    leaderId: uuid('leader_id').notNull(),
    /** The host unit as an enterprise of the registry, or as an organisation (a school's union). */
    enterpriseId: uuid('enterprise_id'),
    hostOrgId: uuid('host_org_id'),
    /** The host unit's name (copied from the linked one, or typed). */
    hostUnitName: text('host_unit_name').notNull(),
    field: text('field').notNull(),
    /** The level it holds now (null before its first designation). */
    level: text('level'),
    /** The level applied for in the current application (a designated studio may apply to move up). */
    appliedLevel: text('applied_level').notNull(),
    /** applied | recommended | approved | returned | designated | revoked */
    state: text('state').notNull(),
    /** The batch of its latest designation. */
    batchId: uuid('batch_id'),
    designatedOn: date('designated_on', { mode: 'string' }),
    plaqueOn: date('plaque_on', { mode: 'string' }),
    returnReason: text('return_reason'),
    revokedOn: date('revoked_on', { mode: 'string' }),
    revokeReason: text('revoke_reason'),
    introduction: text('introduction'),
    /** The organisation that applied, and its path (scope). */
    applicantOrgId: uuid('applicant_org_id').notNull(),
    orgPath: text('org_path').notNull(),
    namePairs: text('name_pairs')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`char_pairs(name || ' ' || host_unit_name)`),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('studios_path_idx').on(t.orgPath.op('text_pattern_ops'), t.state),
    index('studios_state_idx').on(t.state, t.orgPath.op('text_pattern_ops')),
    index('studios_leader_idx').on(t.leaderId),
    index('studios_batch_idx').on(t.batchId),
    index('studios_enterprise_idx').on(t.enterpriseId),
    index('studios_name_pairs_idx').using('gin', t.namePairs),
  ],
);

/** Each designation a studio received (its first, and each move up a level), in order. */
export const studioDesignations = pgTable(
  'studio_designations',
  {
    id: uuid('id').primaryKey(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => studioBatches.id),
    level: text('level').notNull(),
    plaqueOn: date('plaque_on', { mode: 'string' }).notNull(),
    designatedBy: uuid('designated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('studio_designations_studio_idx').on(t.studioId, t.plaqueOn),
    index('studio_designations_batch_idx').on(t.batchId),
  ],
);

/** The studio's members over time (the leader is a member too). */
export const studioMembers = pgTable(
  'studio_members',
  {
    id: uuid('id').primaryKey(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** A member who is a model worker of the register. */
    modelWorkerId: uuid('model_worker_id'),
    position: text('position'),
    /** leader | member */
    role: text('role').notNull(),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('studio_members_studio_idx').on(t.studioId, t.joinedOn)],
);

/** The studio's trail: application, each step, designations, member changes, revocation. */
export const studioEvents = pgTable(
  'studio_events',
  {
    id: uuid('id').primaryKey(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studios.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    orgId: uuid('org_id'),
    text: text('text').notNull(),
  },
  (t) => [index('studio_events_studio_idx').on(t.studioId, t.at)],
);
