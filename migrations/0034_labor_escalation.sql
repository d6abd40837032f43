CREATE TABLE "labor_report_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"org_id" uuid,
	"text" text NOT NULL,
	"partner" text
);
--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "awaiting_org_id" uuid;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "ack_path" text;--> statement-breakpoint
UPDATE "labor_reports" r SET
  "ack_path" = coalesce((SELECT p."path" FROM "orgs" o JOIN "orgs" p ON p."id" = o."parent_id" WHERE o."id" = r."reporting_org_id"), r."org_path"),
  "awaiting_org_id" = (SELECT o."parent_id" FROM "orgs" o WHERE o."id" = r."reporting_org_id"),
  "due_at" = r."reported_at" + interval '24 hours'
WHERE r."state" = 'reported';--> statement-breakpoint
UPDATE "labor_reports" r SET "ack_path" = r."org_path" WHERE "ack_path" IS NULL;--> statement-breakpoint
ALTER TABLE "labor_reports" ALTER COLUMN "ack_path" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "escalations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "handling_org_id" uuid;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "outcome" jsonb;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "follow_up_due" date;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "reopened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "labor_report_events" ADD CONSTRAINT "labor_report_events_report_id_labor_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."labor_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "labor_report_events_report_idx" ON "labor_report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "labor_reports_due_idx" ON "labor_reports" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "labor_reports_awaiting_idx" ON "labor_reports" USING btree ("awaiting_org_id");--> statement-breakpoint
CREATE INDEX "labor_reports_follow_up_idx" ON "labor_reports" USING btree ("state","follow_up_due");