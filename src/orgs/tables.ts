import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/**
 * The union organisation tree. `path` is the materialised path of short sequence numbers
 * (`/1/12/305/`) so that "this node's subtree" is an indexed prefix match.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    seq: integer('seq').generatedByDefaultAsIdentity().notNull().unique(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    divisionCode: text('division_code'),
    uscc: text('uscc'),
    address: text('address'),
    contactPhone: text('contact_phone'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orgs_path_uq').on(t.path),
    index('orgs_path_prefix_idx').on(t.path.op('text_pattern_ops')),
    index('orgs_parent_idx').on(t.parentId, t.sortOrder),
    uniqueIndex('orgs_uscc_uq')
      .on(t.uscc)
      .where(sql`${t.uscc} is not null`),
    uniqueIndex('orgs_sibling_name_uq').on(t.parentId, t.name),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    department: text('department'),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_org_idx').on(t.orgId)],
);
