CREATE TABLE "labor_mediation_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"enterprise_id" uuid,
	"employer_name" text NOT NULL,
	"employer_representative" text,
	"employer_phone" text,
	"workers" jsonb NOT NULL,
	"worker_count" integer NOT NULL,
	"claims" jsonb NOT NULL,
	"claimed_fen" bigint NOT NULL,
	"facts" text NOT NULL,
	"applied_on" date NOT NULL,
	"mediator_ids" uuid[] NOT NULL,
	"report_id" uuid,
	"state" text NOT NULL,
	"result" text,
	"closed_on" date,
	"agreed_fen" bigint,
	"paid_fen" bigint,
	"terms" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labor_mediation_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"outcome" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "labor_mediation_sessions" ADD CONSTRAINT "labor_mediation_sessions_case_id_labor_mediation_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."labor_mediation_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "labor_mediation_cases_no_uq" ON "labor_mediation_cases" USING btree ("org_id","year","seq");--> statement-breakpoint
CREATE INDEX "labor_mediation_cases_path_idx" ON "labor_mediation_cases" USING btree ("org_path" text_pattern_ops,"applied_on");--> statement-breakpoint
CREATE INDEX "labor_mediation_cases_mediators_idx" ON "labor_mediation_cases" USING gin ("mediator_ids");--> statement-breakpoint
CREATE INDEX "labor_mediation_sessions_case_idx" ON "labor_mediation_sessions" USING btree ("case_id","held_on");