CREATE TABLE "labor_grading_rules" (
	"version" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labor_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid,
	"enterprise_name" text NOT NULL,
	"org_path" text NOT NULL,
	"reporting_org_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"kinds" text[] NOT NULL,
	"workers" integer NOT NULL,
	"amount_fen" bigint,
	"months" integer,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"computed_grade" text NOT NULL,
	"grade" text NOT NULL,
	"grade_reasons" jsonb NOT NULL,
	"raise_reason" text,
	"rule_version" integer NOT NULL,
	"state" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "labor_reports_path_idx" ON "labor_reports" USING btree ("org_path" text_pattern_ops,"reported_at");--> statement-breakpoint
CREATE INDEX "labor_reports_grade_idx" ON "labor_reports" USING btree ("grade","reported_at");--> statement-breakpoint
CREATE INDEX "labor_reports_enterprise_idx" ON "labor_reports" USING btree ("enterprise_id");