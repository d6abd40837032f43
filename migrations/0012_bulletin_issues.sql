CREATE TABLE "bulletin_issue_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"issue_id" uuid NOT NULL,
	"column_name" text NOT NULL,
	"column_position" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text NOT NULL,
	"flagged" text,
	"submission_id" uuid
);
--> statement-breakpoint
CREATE TABLE "bulletin_issues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"series_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer,
	"total_number" integer,
	"supplement" boolean DEFAULT false NOT NULL,
	"issue_date" date,
	"state" text NOT NULL,
	"distribution" jsonb NOT NULL,
	"print_count" integer,
	"masthead" text[] DEFAULT '{}'::text[] NOT NULL,
	"warnings" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_file" text,
	"org_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_series" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"distribution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulletin_issue_items" ADD CONSTRAINT "bulletin_issue_items_issue_id_bulletin_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."bulletin_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_issue_items" ADD CONSTRAINT "bulletin_issue_items_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_issues" ADD CONSTRAINT "bulletin_issues_series_id_bulletin_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."bulletin_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulletin_issue_items_issue_idx" ON "bulletin_issue_items" USING btree ("issue_id","column_position","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletin_issues_number_uq" ON "bulletin_issues" USING btree ("series_id","year","number","supplement") WHERE "bulletin_issues"."number" is not null;--> statement-breakpoint
CREATE INDEX "bulletin_issues_series_idx" ON "bulletin_issues" USING btree ("series_id","year");--> statement-breakpoint
CREATE INDEX "bulletin_issues_path_idx" ON "bulletin_issues" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "bulletin_series_name_uq" ON "bulletin_series" USING btree ("name");--> statement-breakpoint
CREATE INDEX "bulletin_series_path_idx" ON "bulletin_series" USING btree ("org_path" text_pattern_ops);