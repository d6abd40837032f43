CREATE TABLE "service_need_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"owner_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "service_needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"programme_id" uuid,
	"visit_id" uuid,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_on" date,
	"state" text NOT NULL,
	"resolved_on" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_pairings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"cadre_id" uuid NOT NULL,
	"visit_every_days" integer,
	"started_on" date NOT NULL,
	"ended_on" date,
	"ended_reason" text,
	"last_visit_on" date,
	"due_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"levels" text[] NOT NULL,
	"visit_every_days" integer NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid,
	"enterprise_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"cadre_ids" uuid[] NOT NULL,
	"items" text[] NOT NULL,
	"aspects" text[] NOT NULL,
	"approaches" text[] NOT NULL,
	"met" text,
	"content" text NOT NULL,
	"facts" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "service_need_events_need_idx" ON "service_need_events" USING btree ("need_id","at");--> statement-breakpoint
CREATE INDEX "service_needs_path_idx" ON "service_needs" USING btree ("org_path" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "service_needs_open_due_idx" ON "service_needs" USING btree ("due_on") WHERE state in ('open', 'inProgress');--> statement-breakpoint
CREATE INDEX "service_needs_owner_idx" ON "service_needs" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "service_needs_enterprise_idx" ON "service_needs" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_needs_visit_idx" ON "service_needs" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_pairings_current_uq" ON "service_pairings" USING btree ("programme_id","enterprise_id") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "service_pairings_path_idx" ON "service_pairings" USING btree ("programme_id","org_path" text_pattern_ops) WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "service_pairings_due_idx" ON "service_pairings" USING btree ("programme_id","due_on") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "service_pairings_cadre_idx" ON "service_pairings" USING btree ("cadre_id","due_on") WHERE ended_on is null;--> statement-breakpoint
CREATE INDEX "service_pairings_enterprise_idx" ON "service_pairings" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_programmes_path_idx" ON "service_programmes" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_visits_path_idx" ON "service_visits" USING btree ("org_path" text_pattern_ops,"visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_programme_idx" ON "service_visits" USING btree ("programme_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_enterprise_idx" ON "service_visits" USING btree ("enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_cadres_idx" ON "service_visits" USING gin ("cadre_ids");