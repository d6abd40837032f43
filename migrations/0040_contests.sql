CREATE TABLE "contest_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contest_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"unit_name" text,
	"org_id" uuid,
	"members" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_judges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contest_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"chief" boolean DEFAULT false NOT NULL,
	"affiliation" text
);
--> statement-breakpoint
CREATE TABLE "contest_score_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contest_id" uuid NOT NULL,
	"round_id" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"before" integer NOT NULL,
	"after" integer NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_scores" (
	"contest_id" uuid NOT NULL,
	"round_id" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"criterion_id" text DEFAULT '' NOT NULL,
	"points" integer NOT NULL,
	"scored_by" uuid NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_scores_contest_id_round_id_entry_id_judge_id_criterion_id_pk" PRIMARY KEY("contest_id","round_id","entry_id","judge_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"held_on" date NOT NULL,
	"venue" text,
	"organisers" text NOT NULL,
	"entry_kind" text NOT NULL,
	"rounds" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"extra_awards" jsonb NOT NULL,
	"state" text NOT NULL,
	"released_at" timestamp with time zone,
	"notice_no" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_judges" ADD CONSTRAINT "contest_judges_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_score_corrections" ADD CONSTRAINT "contest_score_corrections_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contest_entries_contest_idx" ON "contest_entries" USING btree ("contest_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_judges_user_uq" ON "contest_judges" USING btree ("contest_id","user_id");--> statement-breakpoint
CREATE INDEX "contest_judges_user_idx" ON "contest_judges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "contest_corrections_contest_idx" ON "contest_score_corrections" USING btree ("contest_id","corrected_at");--> statement-breakpoint
CREATE INDEX "contest_scores_judge_idx" ON "contest_scores" USING btree ("judge_id");--> statement-breakpoint
CREATE INDEX "contests_path_idx" ON "contests" USING btree ("org_path" text_pattern_ops,"held_on");--> statement-breakpoint
CREATE INDEX "contests_held_idx" ON "contests" USING btree ("held_on");