CREATE TABLE "coverage_priority_rule" (
	"id" integer PRIMARY KEY NOT NULL,
	"weak_failings" text[] NOT NULL,
	"weak_min" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "coverage_worklist_priority_idx";--> statement-breakpoint
DROP INDEX "coverage_worklist_category1_idx";--> statement-breakpoint
DROP INDEX "coverage_worklist_category2_idx";--> statement-breakpoint
DROP INDEX "coverage_worklist_category3_idx";--> statement-breakpoint
ALTER TABLE "coverage_worklist" ADD COLUMN "urgency" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coverage_worklist_state" ADD COLUMN "rule_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "coverage_worklist_priority_idx" ON "coverage_worklist" USING btree ("urgency" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE categories <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category1_idx" ON "coverage_worklist" USING btree ("urgency" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 1) <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category2_idx" ON "coverage_worklist" USING btree ("urgency" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 2) <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category3_idx" ON "coverage_worklist" USING btree ("urgency" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 4) <> 0;