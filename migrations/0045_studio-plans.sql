CREATE TABLE "studio_milestone_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"milestone_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"percent" integer NOT NULL,
	"text" text NOT NULL,
	"done" boolean NOT NULL,
	"reported_by" uuid,
	"reporter_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"studio_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"owner" text NOT NULL,
	"done_on" date,
	"progress_percent" integer DEFAULT 0 NOT NULL,
	"progress_text" text,
	"last_reported_on" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"goals" text NOT NULL,
	"tasks" text NOT NULL,
	"requirements" text NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_milestone_reports" ADD CONSTRAINT "studio_milestone_reports_milestone_id_studio_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."studio_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_milestones" ADD CONSTRAINT "studio_milestones_plan_id_studio_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."studio_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_milestone_reports_milestone_idx" ON "studio_milestone_reports" USING btree ("milestone_id","reported_on");--> statement-breakpoint
CREATE INDEX "studio_milestones_path_idx" ON "studio_milestones" USING btree ("org_path" text_pattern_ops,"due_on");--> statement-breakpoint
CREATE INDEX "studio_milestones_open_idx" ON "studio_milestones" USING btree ("due_on","org_path" text_pattern_ops) WHERE "studio_milestones"."done_on" is null;--> statement-breakpoint
CREATE INDEX "studio_milestones_plan_idx" ON "studio_milestones" USING btree ("plan_id","due_on");--> statement-breakpoint
CREATE INDEX "studio_milestones_studio_idx" ON "studio_milestones" USING btree ("studio_id");--> statement-breakpoint
CREATE INDEX "studio_plans_studio_idx" ON "studio_plans" USING btree ("studio_id","period_from");