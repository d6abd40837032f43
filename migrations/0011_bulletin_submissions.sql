CREATE TABLE "bulletin_columns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"audience" text NOT NULL,
	"recipient_org_id" uuid,
	"org_path" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"event_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "submission_orgs" (
	"submission_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	CONSTRAINT "submission_orgs_submission_id_org_id_pk" PRIMARY KEY("submission_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"suggested_column_id" uuid,
	"state" text DEFAULT 'draft' NOT NULL,
	"editor_comment" text,
	"reject_reason" text,
	"column_id" uuid,
	"adoption_kind" text,
	"edited_title" text,
	"edited_body" text,
	"merged_into" uuid,
	"submitted_at" timestamp with time zone,
	"adopted_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_submission_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."submission_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_orgs" ADD CONSTRAINT "submission_orgs_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_suggested_column_id_bulletin_columns_id_fk" FOREIGN KEY ("suggested_column_id") REFERENCES "public"."bulletin_columns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_column_id_bulletin_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."bulletin_columns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulletin_columns_name_uq" ON "bulletin_columns" USING btree ("name");--> statement-breakpoint
CREATE INDEX "notifications_org_idx" ON "notifications" USING btree ("recipient_org_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_path_idx" ON "notifications" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "submission_events_submission_idx" ON "submission_events" USING btree ("submission_id","at");--> statement-breakpoint
CREATE INDEX "submission_orgs_org_idx" ON "submission_orgs" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "submission_orgs_path_idx" ON "submission_orgs" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "submissions_path_idx" ON "submissions" USING btree ("org_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "submissions_org_idx" ON "submissions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_state_idx" ON "submissions" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "submissions_merged_into_idx" ON "submissions" USING btree ("merged_into");--> statement-breakpoint
-- The bulletin's usual columns; editors configure more through the API.
INSERT INTO "bulletin_columns" ("id", "name", "sort_order") VALUES
	('01a213d9-ee96-7ae4-9c91-d967863121ee', '工作动态', 1),
	('01a213d9-ee98-7d2f-80a6-fff09571d5ef', '创先争优', 2),
	('01a213d9-ee98-7d2f-80a6-fff1dd63e394', '工作简讯', 3);
