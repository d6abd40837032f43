CREATE TABLE "honour_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"honour_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"org_id" uuid,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honour_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"honour_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"content" text NOT NULL,
	"resolved_on" date,
	"resolution" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"awarding_body" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"gender" text,
	"job_title" text,
	"unit_name" text,
	"enterprise_id" uuid,
	"recipient_org_id" uuid,
	"nominating_org_id" uuid,
	"nominating_unit_name" text,
	"name_pairs" text[] GENERATED ALWAYS AS (char_pairs(recipient_name || ' ' || coalesce(unit_name, ''))) STORED NOT NULL,
	"org_path" text NOT NULL,
	"state" text NOT NULL,
	"imported" boolean DEFAULT false NOT NULL,
	"return_reason" text,
	"publicity_starts_on" date,
	"publicity_days" integer,
	"publicity_ends_on" date,
	"open_objections" integer DEFAULT 0 NOT NULL,
	"conferred_on" date,
	"revoke_reason" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "honour_events" ADD CONSTRAINT "honour_events_honour_id_honours_id_fk" FOREIGN KEY ("honour_id") REFERENCES "public"."honours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honour_objections" ADD CONSTRAINT "honour_objections_honour_id_honours_id_fk" FOREIGN KEY ("honour_id") REFERENCES "public"."honours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "honour_events_honour_idx" ON "honour_events" USING btree ("honour_id","at");--> statement-breakpoint
CREATE INDEX "honour_objections_honour_idx" ON "honour_objections" USING btree ("honour_id","received_on");--> statement-breakpoint
CREATE INDEX "honours_path_idx" ON "honours" USING btree ("org_path" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "honours_state_idx" ON "honours" USING btree ("state","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "honours_order_idx" ON "honours" USING btree ("year" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "honours_enterprise_idx" ON "honours" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "honours_recipient_org_idx" ON "honours" USING btree ("recipient_org_id");--> statement-breakpoint
CREATE INDEX "honours_name_pairs_idx" ON "honours" USING gin ("name_pairs");