CREATE TABLE "service_campaign_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"season" text NOT NULL,
	"year" integer NOT NULL,
	"enterprise_id" uuid,
	"place" text,
	"org_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"leaders" text,
	"groups" jsonb NOT NULL,
	"people" integer NOT NULL,
	"workers" jsonb NOT NULL,
	"money_fen" bigint NOT NULL,
	"goods" text,
	"goods_value_fen" bigint NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"season" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "service_campaign_visits_season_idx" ON "service_campaign_visits" USING btree ("season","year","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_campaign_visits_campaign_idx" ON "service_campaign_visits" USING btree ("campaign_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_campaign_visits_enterprise_idx" ON "service_campaign_visits" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_campaigns_unit_uq" ON "service_campaigns" USING btree ("org_id","season","year");--> statement-breakpoint
CREATE INDEX "service_campaigns_path_idx" ON "service_campaigns" USING btree ("org_path" text_pattern_ops);