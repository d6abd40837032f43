CREATE TABLE "campaign_commendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"participant_id" uuid,
	"awarded_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"decimals" integer NOT NULL,
	"rollup" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"enterprise_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_sources" (
	"campaign_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_units" (
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_value_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"value_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"value" numeric(24, 6),
	"text" text
);
--> statement-breakpoint
CREATE TABLE "campaign_values" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" numeric(24, 6) NOT NULL,
	"note" text,
	"state" text NOT NULL,
	"return_reason" text,
	"org_path" text NOT NULL,
	"source_item_id" uuid,
	"source_position" integer,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"level" text NOT NULL,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"cycle" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_commendations" ADD CONSTRAINT "campaign_commendations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_indicators" ADD CONSTRAINT "campaign_indicators_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sources" ADD CONSTRAINT "campaign_sources_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_value_events" ADD CONSTRAINT "campaign_value_events_value_id_campaign_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."campaign_values"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_values" ADD CONSTRAINT "campaign_values_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_values" ADD CONSTRAINT "campaign_values_indicator_id_campaign_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."campaign_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_values" ADD CONSTRAINT "campaign_values_participant_id_campaign_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."campaign_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_commendations_campaign_idx" ON "campaign_commendations" USING btree ("campaign_id","kind");--> statement-breakpoint
CREATE INDEX "campaign_indicators_campaign_idx" ON "campaign_indicators" USING btree ("campaign_id","sort_order");--> statement-breakpoint
CREATE INDEX "campaign_participants_campaign_idx" ON "campaign_participants" USING btree ("campaign_id","org_path");--> statement-breakpoint
CREATE INDEX "campaign_participants_path_idx" ON "campaign_participants" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_sources_uq" ON "campaign_sources" USING btree ("campaign_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_units_uq" ON "campaign_units" USING btree ("campaign_id","org_id");--> statement-breakpoint
CREATE INDEX "campaign_units_path_idx" ON "campaign_units" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "campaign_value_events_value_idx" ON "campaign_value_events" USING btree ("value_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_values_cell_uq" ON "campaign_values" USING btree ("indicator_id","participant_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_values_source_uq" ON "campaign_values" USING btree ("campaign_id","source_item_id","source_position") WHERE source_item_id is not null;--> statement-breakpoint
CREATE INDEX "campaign_values_campaign_idx" ON "campaign_values" USING btree ("campaign_id","state","period");--> statement-breakpoint
CREATE INDEX "campaign_values_path_idx" ON "campaign_values" USING btree ("org_path" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "campaigns_path_idx" ON "campaigns" USING btree ("org_path" text_pattern_ops,"starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_starts_idx" ON "campaigns" USING btree ("starts_on");