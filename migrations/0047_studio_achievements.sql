CREATE TABLE "studio_achievement_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"achievement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_achievements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"achieved_on" date,
	"patent_number" text,
	"patent_kind" text,
	"patent_date" date,
	"people_trained" integer,
	"proposals_count" integer,
	"benefit_fen" bigint,
	"benefit_basis" text,
	"award_name" text,
	"award_level" text,
	"note" text,
	"org_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_achievement_attachments" ADD CONSTRAINT "studio_achievement_attachments_achievement_id_studio_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."studio_achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_achievement_attachments_idx" ON "studio_achievement_attachments" USING btree ("achievement_id","created_at");--> statement-breakpoint
CREATE INDEX "studio_achievements_path_idx" ON "studio_achievements" USING btree ("org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "studio_achievements_studio_idx" ON "studio_achievements" USING btree ("studio_id","year");