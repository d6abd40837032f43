CREATE TABLE "bulletin_search_docs" (
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"column_name" text,
	"state" text NOT NULL,
	"source_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tokens" "tsvector" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "bulletin_search_docs_source_source_id_pk" PRIMARY KEY("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "points_configs" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_credits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"beneficiary" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"author" text,
	"points" numeric(10, 2) NOT NULL,
	"occurred_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"outlet_level" text,
	"outlet_name" text,
	"kind" text,
	"instructed_by" text,
	"note" text,
	"points" numeric(10, 2) NOT NULL,
	"occurred_on" date NOT NULL,
	"org_path" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "submission_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"storage_key" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_figures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"raw" text NOT NULL,
	"value" numeric(24, 6) NOT NULL,
	"unit" text NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_credits" ADD CONSTRAINT "points_credits_event_id_points_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."points_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_events" ADD CONSTRAINT "points_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_images" ADD CONSTRAINT "submission_images_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulletin_search_docs_tokens_idx" ON "bulletin_search_docs" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "bulletin_search_docs_path_idx" ON "bulletin_search_docs" USING btree ("org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "points_credits_event_idx" ON "points_credits" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "points_credits_org_idx" ON "points_credits" USING btree ("beneficiary","occurred_on","org_id");--> statement-breakpoint
CREATE INDEX "points_credits_path_idx" ON "points_credits" USING btree ("org_path" text_pattern_ops,"occurred_on");--> statement-breakpoint
CREATE INDEX "points_events_submission_idx" ON "points_events" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "points_events_date_idx" ON "points_events" USING btree ("occurred_on");--> statement-breakpoint
CREATE INDEX "submission_images_submission_idx" ON "submission_images" USING btree ("submission_id","position");--> statement-breakpoint
CREATE INDEX "text_figures_source_idx" ON "text_figures" USING btree ("source","source_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletin_issue_items_submission_uq" ON "bulletin_issue_items" USING btree ("submission_id") WHERE "bulletin_issue_items"."submission_id" is not null;