import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Server-side sessions; the cookie holds a random token, the table only its keyed hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins, counted per user name and per address to throttle guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey(),
    /** 'login', or 'password' for the current password when a user changes it. */
    kind: text('kind').notNull().default('login'),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_user_idx').on(t.username, t.at),
    index('login_failures_ip_idx').on(t.ip, t.at),
    index('login_failures_pair_idx').on(t.username, t.ip, t.kind, t.at),
  ],
);

/** Addresses a user has signed in from: attempts from them are not held back by others' failures. */
export const loginAddresses = pgTable(
  'login_addresses',
  {
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.username, t.ip] }), index('login_addresses_last_idx').on(t.lastAt)],
);

/** One row per write, stored in the write's own transaction. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** Materialised path of the organisation that owns the entity: audit is scoped like the data. */
    orgPath: text('org_path').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** Long work (imports, exports, rebuilds) with progress the UI can poll. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    state: text('state').notNull(), // queued | running | succeeded | failed
    progress: integer('progress').notNull().default(0),
    total: integer('total'),
    message: text('message'),
    result: jsonb('result'),
    actorId: uuid('actor_id'),
    orgPath: text('org_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_actor_idx').on(t.actorId, t.createdAt)],
);

/**
 * The last run of each housekeeping task, shared by every app process on one server: a process
 * runs a task only when no other ran it within the period (see platform/maintenance.ts).
 */
export const maintenanceRuns = pgTable('maintenance_runs', {
  task: text('task').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** How many times the task has run, by any process. */
  runs: integer('runs').notNull().default(0),
  /** Host and process id of the last run. */
  ranBy: text('ran_by').notNull(),
});

/**
 * In-app notifications. A notification goes to an audience rather than to named users, so that
 * someone who joins later still sees it: with `unit`, the users of the unit `recipientOrgId`
 * who hold `permission`; with `over`, the users holding `permission` whose scope covers
 * `orgPath`. `link` is the page of what it is about.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    audience: text('audience').notNull(), // unit | over
    permission: text('permission').notNull(),
    recipientOrgId: uuid('recipient_org_id'),
    orgPath: text('org_path').notNull(),
    link: text('link').notNull(),
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
