CREATE TABLE "coverage_targets" (
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_targets_org_id_year_indicator_pk" PRIMARY KEY("org_id","year","indicator")
);
--> statement-breakpoint
CREATE INDEX "coverage_targets_path_idx" ON "coverage_targets" USING btree ("org_path" text_pattern_ops);