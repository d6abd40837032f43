CREATE TABLE "assessment_sheets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"excellent_from" integer NOT NULL,
	"pass_from" integer NOT NULL,
	"fails_to_revoke" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"sheet_id" uuid NOT NULL,
	"level" text NOT NULL,
	"batch_id" uuid,
	"org_path" text NOT NULL,
	"state" text NOT NULL,
	"scores" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total" numeric(5, 2),
	"proposed_result" text,
	"final_result" text,
	"review_comment" text,
	"scored_by" uuid,
	"scored_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"revoked_studio" boolean DEFAULT false NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_note" text,
	"bulletin_item_ids" uuid[] DEFAULT '{}' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_assessments" ADD CONSTRAINT "studio_assessments_sheet_id_assessment_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."assessment_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_sheets_year_idx" ON "assessment_sheets" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "studio_assessments_studio_year_idx" ON "studio_assessments" USING btree ("studio_id","year");--> statement-breakpoint
CREATE INDEX "studio_assessments_path_idx" ON "studio_assessments" USING btree ("org_path" text_pattern_ops,"year","state");--> statement-breakpoint
CREATE INDEX "studio_assessments_year_idx" ON "studio_assessments" USING btree ("year","state");--> statement-breakpoint
CREATE INDEX "studio_assessments_sheet_idx" ON "studio_assessments" USING btree ("sheet_id","state");--> statement-breakpoint
CREATE INDEX "studio_assessments_batch_idx" ON "studio_assessments" USING btree ("batch_id","year");