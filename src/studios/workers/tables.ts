// The model workers register (劳模名册). A model worker carries the path of the organisation that
// keeps the record (the unit that entered or imported it), so that "my subtree" is a prefix match;
// contact details sit in their own columns, shown only to holders of studio:contacts.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One person honoured as a model worker (劳动模范), at city, province or national level. */
export const modelWorkers = pgTable(
  'model_workers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender'),
    birthYear: integer('birth_year'),
    /** city | province | national */
    level: text('level').notNull(),
    /** The year the title was conferred. */
    year: integer('year').notNull(),
    /** The honour of the honours register this title is, when it is recorded there. */
    honourId: uuid('honour_id'),
    unitName: text('unit_name').notNull(),
    /** The unit as an enterprise of the registry, when it is one. */
    enterpriseId: uuid('enterprise_id'),
    position: text('position'),
    /** The field of work (行业/专业领域). */
    field: text('field'),
    /** active | retired | deceased */
    status: text('status').notNull(),
    phone: text('phone'),
    address: text('address'),
    note: text('note'),
    /** The organisation keeping the record. */
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** Adjacent character pairs of the name and unit, for part-of-name search (platform/search.ts). */
    namePairs: text('name_pairs')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`char_pairs(name || ' ' || unit_name)`),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('model_workers_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
    index('model_workers_order_idx').on(t.year.desc(), t.name, t.id),
    index('model_workers_honour_idx').on(t.honourId),
    index('model_workers_enterprise_idx').on(t.enterpriseId),
    index('model_workers_name_pairs_idx').using('gin', t.namePairs),
  ],
);
