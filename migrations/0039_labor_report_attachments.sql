CREATE TABLE "labor_report_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "labor_report_attachments" ADD CONSTRAINT "labor_report_attachments_report_id_labor_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."labor_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "labor_report_attachments_report_idx" ON "labor_report_attachments" USING btree ("report_id","created_at");