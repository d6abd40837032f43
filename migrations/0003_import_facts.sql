CREATE TABLE "import_facts" (
	"import_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_date" date,
	"valid_from" date,
	"valid_to" date,
	"value" integer,
	"data" jsonb
);
--> statement-breakpoint
ALTER TABLE "import_rows" ALTER COLUMN "facts" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "union_founded_on" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "members" integer;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "last_election_on" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "term_years" integer;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "workers_congress_on" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "members_congress_on" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "collective_contract_to" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "wage_agreement_to" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "women_contract_to" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "affairs_disclosure_on" date;--> statement-breakpoint
CREATE INDEX "import_facts_import_idx" ON "import_facts" USING btree ("import_id");