// Tables of labour relations. A report carries the organisation path of its enterprise's township
// (or of the reporting unit, for an enterprise outside the registry), so that "my subtree" is a
// prefix match on an indexed column.
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { GradingRule, ReportView } from './contract';

type ReportOutcome = NonNullable<ReportView['outcome']>;

/** Every version of the grading rule the city federation saved; the newest is in force. */
export const laborGradingRules = pgTable('labor_grading_rules', {
  version: integer('version').primaryKey(),
  rule: jsonb('rule').$type<GradingRule>().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A risk report of the early-warning system, with the grade it was given when reported. */
export const laborReports = pgTable(
  'labor_reports',
  {
    id: uuid('id').primaryKey(),
    enterpriseId: uuid('enterprise_id'),
    enterpriseName: text('enterprise_name').notNull(),
    /**
     * The distinct pairs of adjacent characters of the lower-cased name (char_pairs, migration 0038), so
     * that a search for a part of the name asks the GIN index for its pairs (platform/search.ts).
     */
    namePairs: text('name_pairs')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`char_pairs(enterprise_name)`),
    /** The enterprise's industry and size band when reported (null: named by hand, or not given). */
    industry: text('industry'),
    sizeBand: text('size_band'),
    orgPath: text('org_path').notNull(),
    reportingOrgId: uuid('reporting_org_id').notNull(),
    reporterId: uuid('reporter_id').notNull(),
    kinds: text('kinds').array().notNull(),
    workers: integer('workers').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    months: integer('months'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    computedGrade: text('computed_grade').notNull(),
    grade: text('grade').notNull(),
    gradeReasons: jsonb('grade_reasons').$type<string[]>().notNull(),
    raiseReason: text('raise_reason'),
    /** The rule version that graded it (0: the default). */
    ruleVersion: integer('rule_version').notNull(),
    state: text('state').notNull(),
    /** 0 for red … 3 for blue: the list's order, the gravest first. */
    gravity: integer('gravity').notNull().default(3),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    /** The unit that must acknowledge now (null once acknowledged), and by when. */
    awaitingOrgId: uuid('awaiting_org_id'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /**
     * The path of the first unit asked to acknowledge (the one above the reporter): a unit may
     * acknowledge and handle the report when its scope covers this path.
     */
    ackPath: text('ack_path').notNull(),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalations: integer('escalations').notNull().default(0),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    handlingOrgId: uuid('handling_org_id'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: jsonb('outcome').$type<ReportOutcome>(),
    followUpDue: date('follow_up_due', { mode: 'string' }),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    reopened: integer('reopened').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('labor_reports_path_idx').on(t.orgPath.op('text_pattern_ops'), t.reportedAt),
    index('labor_reports_grade_idx').on(t.grade, t.reportedAt),
    index('labor_reports_enterprise_idx').on(t.enterpriseId),
    index('labor_reports_due_idx').on(t.state, t.dueAt),
    index('labor_reports_awaiting_idx').on(t.awaitingOrgId),
    index('labor_reports_follow_up_idx').on(t.state, t.followUpDue),
    index('labor_reports_order_idx').on(t.gravity, t.reportedAt.desc(), t.id),
    index('labor_reports_name_pairs_idx').using('gin', t.namePairs),
    // The analysis' drill-down: one industry or size band over a span of months.
    index('labor_reports_industry_idx').on(t.industry, t.reportedAt),
    index('labor_reports_size_band_idx').on(t.sizeBand, t.reportedAt),
  ],
);

/**
 * The reports of each organisation path and month (China time), by grade and whether still open:
 * what the analysis reads, kept exact by every write to the reports (summary.ts) and equal to the
 * reports themselves (tested).
 */
export const laborReportMonths = pgTable(
  'labor_report_months',
  {
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    grade: text('grade').notNull(),
    open: boolean('open').notNull(),
    n: integer('n').notNull(),
    workers: bigint('workers', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgPath, t.month, t.grade, t.open] }),
    index('labor_report_months_month_idx').on(t.month, t.orgPath.op('text_pattern_ops')),
  ],
);

/** The reports of each organisation path and month by kind of risk (a report counts in each of its kinds). */
export const laborReportKinds = pgTable(
  'labor_report_kinds',
  {
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    n: integer('n').notNull(),
    workers: bigint('workers', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgPath, t.month, t.kind] })],
);

/**
 * The reports of each organisation path and month by the enterprise's industry and by its size
 * band (`dimension` 'industry' or 'size'; `value` '' when not known), kept like the others.
 */
export const laborReportProfiles = pgTable(
  'labor_report_profiles',
  {
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
    open: integer('open').notNull(),
    workers: bigint('workers', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgPath, t.month, t.dimension, t.value] })],
);

/** The documents and photographs attached to a report (platform/attachments.ts keeps the bytes). */
export const laborReportAttachments = pgTable(
  'labor_report_attachments',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => laborReports.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('labor_report_attachments_report_idx').on(t.reportId, t.createdAt)],
);

/** The trail of a report: who knew what when, and what was done. */
export const laborReportEvents = pgTable(
  'labor_report_events',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => laborReports.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    /** Null for the system (a missed deadline). */
    actorId: uuid('actor_id'),
    orgId: uuid('org_id'),
    text: text('text').notNull(),
    partner: text('partner'),
  },
  (t) => [index('labor_report_events_report_idx').on(t.reportId, t.at)],
);

/**
 * A mediation case of a union's labour-dispute mediation committee. The workers who apply are
 * kept with their ID numbers and phones (personal data: presented masked to most readers).
 */
export const laborMediationCases = pgTable(
  'labor_mediation_cases',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** 2026年第3号: the year and the number within the unit. */
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    enterpriseId: uuid('enterprise_id'),
    employerName: text('employer_name').notNull(),
    employerRepresentative: text('employer_representative'),
    employerPhone: text('employer_phone'),
    workers: jsonb('workers').$type<{ name: string; idNumber: string; phone: string | null }[]>().notNull(),
    workerCount: integer('worker_count').notNull(),
    claims: jsonb('claims').$type<{ kind: string; amountFen: number }[]>().notNull(),
    claimedFen: bigint('claimed_fen', { mode: 'number' }).notNull(),
    facts: text('facts').notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    mediatorIds: uuid('mediator_ids').array().notNull(),
    reportId: uuid('report_id'),
    state: text('state').notNull(),
    result: text('result'),
    closedOn: date('closed_on', { mode: 'string' }),
    agreedFen: bigint('agreed_fen', { mode: 'number' }),
    paidFen: bigint('paid_fen', { mode: 'number' }),
    terms: text('terms'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('labor_mediation_cases_no_uq').on(t.orgId, t.year, t.seq),
    index('labor_mediation_cases_path_idx').on(t.orgPath.op('text_pattern_ops'), t.appliedOn),
    index('labor_mediation_cases_mediators_idx').using('gin', t.mediatorIds),
  ],
);

/** A mediation session of a case: when, where, what came of it. */
export const laborMediationSessions = pgTable(
  'labor_mediation_sessions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => laborMediationCases.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    outcome: text('outcome').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('labor_mediation_sessions_case_idx').on(t.caseId, t.heldOn)],
);
