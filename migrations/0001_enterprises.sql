CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"message" text,
	"result" jsonb,
	"actor_id" uuid,
	"org_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enterprise_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_date" date,
	"valid_from" date,
	"valid_to" date,
	"value" integer,
	"data" jsonb,
	"source" text DEFAULT 'form' NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"address" text,
	"ownership" text,
	"industry" text,
	"employees" integer,
	"above_designated_size" boolean,
	"global500" boolean,
	"status" text DEFAULT 'operating' NOT NULL,
	"registered_on" date,
	"closed_on" date,
	"note" text,
	"joint_union_org_id" uuid,
	"union_uscc" text,
	"union_founded_on" date,
	"members" integer,
	"last_election_on" date,
	"term_years" integer,
	"workers_congress_on" date,
	"members_congress_on" date,
	"collective_contract_to" date,
	"wage_agreement_to" date,
	"women_contract_to" date,
	"affairs_disclosure_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprise_facts" ADD CONSTRAINT "enterprise_facts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_actor_idx" ON "jobs" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "enterprise_facts_enterprise_idx" ON "enterprise_facts" USING btree ("enterprise_id","kind","event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_facts_same_uq" ON "enterprise_facts" USING btree ("enterprise_id","kind",coalesce("event_date", '0001-01-01'::date),coalesce("valid_from", '0001-01-01'::date),coalesce("valid_to", '0001-01-01'::date),coalesce("value", -1),coalesce("data"::text, ''));--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_uq" ON "enterprises" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprises_path_idx" ON "enterprises" USING btree ("org_path" text_pattern_ops,"name");--> statement-breakpoint
CREATE INDEX "enterprises_org_idx" ON "enterprises" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "enterprises_name_key_idx" ON "enterprises" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "enterprises_joint_idx" ON "enterprises" USING btree ("joint_union_org_id");