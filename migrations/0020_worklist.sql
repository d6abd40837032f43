CREATE TABLE "coverage_worklist" (
	"enterprise_id" uuid PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"global500" boolean NOT NULL,
	"employees" integer,
	"reasons" integer NOT NULL,
	"categories" integer NOT NULL,
	"has_union" boolean NOT NULL,
	"union_founded_on" date,
	"last_election_on" date,
	"term_years" integer,
	"election_due" date,
	"collective_contract_to" date,
	"wage_agreement_to" date,
	"women_contract_to" date,
	"collective_contract_renewed" boolean NOT NULL,
	"wage_agreement_renewed" boolean NOT NULL,
	"women_contract_renewed" boolean NOT NULL,
	"last_evaluation_year" integer,
	"items" text[] NOT NULL,
	"next_change_on" date
);
--> statement-breakpoint
CREATE TABLE "coverage_worklist_counts" (
	"org_path" text NOT NULL,
	"item" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "coverage_worklist_counts_item_org_path_pk" PRIMARY KEY("item","org_path")
);
--> statement-breakpoint
CREATE TABLE "coverage_worklist_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"format" integer NOT NULL,
	"day" date NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "coverage_worklist_path_idx" ON "coverage_worklist" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coverage_worklist_priority_idx" ON "coverage_worklist" USING btree ("global500" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE categories <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category1_idx" ON "coverage_worklist" USING btree ("global500" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 1) <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category2_idx" ON "coverage_worklist" USING btree ("global500" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 2) <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_category3_idx" ON "coverage_worklist" USING btree ("global500" DESC NULLS LAST,"employees" DESC NULLS LAST,"enterprise_id") WHERE (categories & 4) <> 0;--> statement-breakpoint
CREATE INDEX "coverage_worklist_election_idx" ON "coverage_worklist" USING btree ("election_due","last_evaluation_year" NULLS FIRST,"employees" DESC NULLS LAST,"enterprise_id") WHERE election_due is not null;--> statement-breakpoint
CREATE INDEX "coverage_worklist_collective_idx" ON "coverage_worklist" USING btree ("collective_contract_to","last_evaluation_year" NULLS FIRST,"employees" DESC NULLS LAST,"enterprise_id") WHERE has_union and collective_contract_to is not null;--> statement-breakpoint
CREATE INDEX "coverage_worklist_wage_idx" ON "coverage_worklist" USING btree ("wage_agreement_to","last_evaluation_year" NULLS FIRST,"employees" DESC NULLS LAST,"enterprise_id") WHERE has_union and wage_agreement_to is not null;--> statement-breakpoint
CREATE INDEX "coverage_worklist_women_idx" ON "coverage_worklist" USING btree ("women_contract_to","last_evaluation_year" NULLS FIRST,"employees" DESC NULLS LAST,"enterprise_id") WHERE has_union and women_contract_to is not null;--> statement-breakpoint
CREATE INDEX "coverage_worklist_evaluation_idx" ON "coverage_worklist" USING btree ("last_evaluation_year" NULLS FIRST,"employees" DESC NULLS LAST,"enterprise_id") WHERE has_union;--> statement-breakpoint
CREATE INDEX "coverage_worklist_next_change_idx" ON "coverage_worklist" USING btree ("next_change_on") WHERE next_change_on is not null;