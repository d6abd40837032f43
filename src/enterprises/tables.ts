import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The registered attributes, shared by the registry and the import's staging rows. */
function attributeColumns() {
  return {
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    address: text('address'),
    ownership: text('ownership'),
    industry: text('industry'),
    employees: integer('employees'),
    aboveDesignatedSize: boolean('above_designated_size'),
    global500: boolean('global500'),
    status: text('status').notNull().default('operating'),
    registeredOn: date('registered_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    note: text('note'),
    jointUnionOrgId: uuid('joint_union_org_id'),
    unionUscc: text('union_uscc'),
  };
}

/** The summary of an enterprise's facts (see summary.ts), shared the same way. */
function summaryColumns() {
  return {
    unionFoundedOn: date('union_founded_on', { mode: 'string' }),
    members: integer('members'),
    lastElectionOn: date('last_election_on', { mode: 'string' }),
    termYears: integer('term_years'),
    workersCongressOn: date('workers_congress_on', { mode: 'string' }),
    membersCongressOn: date('members_congress_on', { mode: 'string' }),
    collectiveContractTo: date('collective_contract_to', { mode: 'string' }),
    wageAgreementTo: date('wage_agreement_to', { mode: 'string' }),
    womenContractTo: date('women_contract_to', { mode: 'string' }),
    affairsDisclosureOn: date('affairs_disclosure_on', { mode: 'string' }),
  };
}

type AttributeKey = keyof ReturnType<typeof attributeColumns>;
type SummaryKey = keyof ReturnType<typeof summaryColumns>;
/** Property names of the shared attribute and summary columns, in column order. */
export const ATTRIBUTE_KEYS = Object.keys(attributeColumns()) as AttributeKey[];
export const SUMMARY_KEYS = Object.keys(summaryColumns()) as SummaryKey[];

/**
 * The enterprise registry. `orgPath` copies the path of the township the enterprise lies in, so
 * "my subtree" is an indexed prefix match; the summary columns are a cache of the current state
 * of its dated facts (rebuilt by refreshSummaries, tested equal to the facts).
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey(),
    ...attributeColumns(),
    // The summary of the facts as of today: a cache.
    ...summaryColumns(),
    /**
     * The day of the earliest labour-relations risk report of the enterprise not yet confirmed by
     * a follow-up visit, kept by the early-warning feature: the three categories read it as
     * category 2 (tense labour relations).
     */
    riskOpenSince: date('risk_open_since', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_uq').on(t.uscc),
    index('enterprises_path_idx').on(t.orgPath.op('text_pattern_ops'), t.name),
    index('enterprises_org_idx').on(t.orgId),
    index('enterprises_name_key_idx').on(t.nameKey),
    index('enterprises_joint_idx').on(t.jointUnionOrgId),
    // The list's orders, so that its first page (and any page after a cursor) is an index range
    // at any size; a descending order of a column with empty values has its own (empty last).
    index('enterprises_name_idx').on(t.name, t.id),
    // Names follow ownership (foreign firms under their brands, domestic ones under the place):
    // a list of one ownership by name walks its own names, not the others' first.
    index('enterprises_ownership_name_idx').on(t.ownership, t.name, t.id),
    index('enterprises_employees_idx').on(t.employees, t.id),
    index('enterprises_employees_desc_idx').on(t.employees.desc().nullsLast(), t.id),
    index('enterprises_union_founded_idx').on(t.unionFoundedOn, t.id),
    index('enterprises_union_founded_desc_idx').on(t.unionFoundedOn.desc().nullsLast(), t.id),
  ],
);

/** Dated facts of an enterprise's union and institutions; history is kept, never overwritten. */
export const enterpriseFacts = pgTable(
  'enterprise_facts',
  {
    id: uuid('id').primaryKey(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    eventDate: date('event_date', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    value: integer('value'),
    data: jsonb('data'),
    source: text('source').notNull().default('form'),
    importId: uuid('import_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_facts_enterprise_idx').on(t.enterpriseId, t.kind, t.eventDate)],
);

/**
 * Staging of an import: validated rows are copied here in chunks while the file is read, then
 * merged into the registry in one transaction. Rows of an import that did not commit are
 * deleted; nothing here is ever read as registry data.
 */
export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    id: uuid('id').notNull(),
    ...attributeColumns(),
    // The summary of the row's own facts, computed while reading (used for new enterprises).
    ...summaryColumns(),
  },
  // No indexes: staging holds one import at a time in practice, and COPY into it must be fast.
);

/** Staged facts of an import, keyed by the enterprise's USCC until the merge. */
export const importFacts = pgTable('import_facts', {
  importId: uuid('import_id').notNull(),
  uscc: text('uscc').notNull(),
  id: uuid('id').notNull(),
  kind: text('kind').notNull(),
  eventDate: date('event_date', { mode: 'string' }),
  validFrom: date('valid_from', { mode: 'string' }),
  validTo: date('valid_to', { mode: 'string' }),
  value: integer('value'),
  data: jsonb('data'),
});
