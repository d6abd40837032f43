CREATE TABLE "service_priority_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"stamp" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_pairings" ADD COLUMN "priority" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "service_pairings_priority_idx" ON "service_pairings" USING btree ("org_path" text_pattern_ops,"enterprise_id") WHERE ended_on is null and priority;