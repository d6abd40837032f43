CREATE TABLE "labor_report_kinds" (
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	"workers" bigint NOT NULL,
	CONSTRAINT "labor_report_kinds_org_path_month_kind_pk" PRIMARY KEY("org_path","month","kind")
);
--> statement-breakpoint
CREATE TABLE "labor_report_months" (
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"grade" text NOT NULL,
	"open" boolean NOT NULL,
	"n" integer NOT NULL,
	"workers" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "labor_report_months_org_path_month_grade_open_pk" PRIMARY KEY("org_path","month","grade","open")
);
--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "gravity" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX "labor_report_months_month_idx" ON "labor_report_months" USING btree ("month","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "labor_reports_order_idx" ON "labor_reports" USING btree ("gravity","reported_at" DESC NULLS LAST,"id");--> statement-breakpoint
UPDATE "labor_reports" SET "gravity" = CASE "grade" WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END;--> statement-breakpoint
INSERT INTO "labor_report_months" ("org_path", "month", "grade", "open", "n", "workers", "amount_fen")
SELECT "org_path", to_char("reported_at" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'), "grade",
  "state" NOT IN ('closed', 'followedUp'), count(*), sum("workers"), coalesce(sum("amount_fen"), 0)
FROM "labor_reports" GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "labor_report_kinds" ("org_path", "month", "kind", "n", "workers")
SELECT "org_path", to_char("reported_at" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'), k, count(*), sum("workers")
FROM "labor_reports", unnest("kinds") AS k GROUP BY 1, 2, 3;
