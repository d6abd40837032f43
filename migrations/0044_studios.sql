CREATE TABLE "studio_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"awarding_body" text NOT NULL,
	"plaque_on" date NOT NULL,
	"ceremony" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_designations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"level" text NOT NULL,
	"plaque_on" date NOT NULL,
	"designated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"org_id" uuid,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"name" text NOT NULL,
	"model_worker_id" uuid,
	"position" text,
	"role" text NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studios" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"leader_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"host_org_id" uuid,
	"host_unit_name" text NOT NULL,
	"field" text NOT NULL,
	"level" text,
	"applied_level" text NOT NULL,
	"state" text NOT NULL,
	"batch_id" uuid,
	"designated_on" date,
	"plaque_on" date,
	"return_reason" text,
	"revoked_on" date,
	"revoke_reason" text,
	"introduction" text,
	"applicant_org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name_pairs" text[] GENERATED ALWAYS AS (char_pairs(name || ' ' || host_unit_name)) STORED NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_year" integer,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"honour_id" uuid,
	"unit_name" text NOT NULL,
	"enterprise_id" uuid,
	"position" text,
	"field" text,
	"status" text NOT NULL,
	"phone" text,
	"address" text,
	"note" text,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name_pairs" text[] GENERATED ALWAYS AS (char_pairs(name || ' ' || unit_name)) STORED NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_designations" ADD CONSTRAINT "studio_designations_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_designations" ADD CONSTRAINT "studio_designations_batch_id_studio_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."studio_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_events" ADD CONSTRAINT "studio_events_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_members" ADD CONSTRAINT "studio_members_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_batches_name_idx" ON "studio_batches" USING btree ("name");--> statement-breakpoint
CREATE INDEX "studio_batches_year_idx" ON "studio_batches" USING btree ("year");--> statement-breakpoint
CREATE INDEX "studio_designations_studio_idx" ON "studio_designations" USING btree ("studio_id","plaque_on");--> statement-breakpoint
CREATE INDEX "studio_designations_batch_idx" ON "studio_designations" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "studio_events_studio_idx" ON "studio_events" USING btree ("studio_id","at");--> statement-breakpoint
CREATE INDEX "studio_members_studio_idx" ON "studio_members" USING btree ("studio_id","joined_on");--> statement-breakpoint
CREATE INDEX "studios_path_idx" ON "studios" USING btree ("org_path" text_pattern_ops,"state");--> statement-breakpoint
CREATE INDEX "studios_state_idx" ON "studios" USING btree ("state","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "studios_leader_idx" ON "studios" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "studios_batch_idx" ON "studios" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "studios_enterprise_idx" ON "studios" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "studios_name_pairs_idx" ON "studios" USING gin ("name_pairs");--> statement-breakpoint
CREATE INDEX "model_workers_path_idx" ON "model_workers" USING btree ("org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "model_workers_order_idx" ON "model_workers" USING btree ("year" DESC NULLS LAST,"name","id");--> statement-breakpoint
CREATE INDEX "model_workers_honour_idx" ON "model_workers" USING btree ("honour_id");--> statement-breakpoint
CREATE INDEX "model_workers_enterprise_idx" ON "model_workers" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "model_workers_name_pairs_idx" ON "model_workers" USING gin ("name_pairs");