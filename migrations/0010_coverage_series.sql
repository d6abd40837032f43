CREATE TABLE "coverage_daily" (
	"rule_key" text NOT NULL,
	"org_path" text NOT NULL,
	"day" date NOT NULL,
	"enterprises" bigint DEFAULT 0 NOT NULL,
	"unionised" bigint DEFAULT 0 NOT NULL,
	"employees" bigint DEFAULT 0 NOT NULL,
	"unionised_employees" bigint DEFAULT 0 NOT NULL,
	"members" bigint DEFAULT 0 NOT NULL,
	"wage_agreement" bigint DEFAULT 0 NOT NULL,
	"wage_agreement_employees" bigint DEFAULT 0 NOT NULL,
	"workers_congress" bigint DEFAULT 0 NOT NULL,
	"collective_contract" bigint DEFAULT 0 NOT NULL,
	"affairs_disclosure" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_daily_rule_key_day_org_path_pk" PRIMARY KEY("rule_key","day","org_path")
);
--> statement-breakpoint
CREATE TABLE "coverage_monthly" (
	"rule_key" text NOT NULL,
	"org_path" text NOT NULL,
	"month_end" date NOT NULL,
	"enterprises" bigint DEFAULT 0 NOT NULL,
	"unionised" bigint DEFAULT 0 NOT NULL,
	"employees" bigint DEFAULT 0 NOT NULL,
	"unionised_employees" bigint DEFAULT 0 NOT NULL,
	"members" bigint DEFAULT 0 NOT NULL,
	"wage_agreement" bigint DEFAULT 0 NOT NULL,
	"wage_agreement_employees" bigint DEFAULT 0 NOT NULL,
	"workers_congress" bigint DEFAULT 0 NOT NULL,
	"collective_contract" bigint DEFAULT 0 NOT NULL,
	"affairs_disclosure" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_monthly_rule_key_month_end_org_path_pk" PRIMARY KEY("rule_key","month_end","org_path")
);
--> statement-breakpoint
CREATE TABLE "coverage_series" (
	"rule_key" text PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"range_from" date NOT NULL,
	"range_to" date NOT NULL,
	"ready" boolean DEFAULT false NOT NULL,
	"built_at" timestamp with time zone
);
