-- The distinct pairs of adjacent characters of a lower-cased text: what a GIN index answers a
-- search for part of a short name with (platform/search.ts, partOfName).
CREATE FUNCTION char_pairs(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}'::text[])
  FROM generate_series(1, char_length(t) - 1) AS i
$$;--> statement-breakpoint
CREATE TABLE "labor_report_profiles" (
	"org_path" text NOT NULL,
	"month" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	"open" integer NOT NULL,
	"workers" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "labor_report_profiles_org_path_month_dimension_value_pk" PRIMARY KEY("org_path","month","dimension","value")
);
--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "name_pairs" text[] GENERATED ALWAYS AS (char_pairs(enterprise_name)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "labor_reports" ADD COLUMN "size_band" text;--> statement-breakpoint
CREATE INDEX "labor_reports_name_pairs_idx" ON "labor_reports" USING gin ("name_pairs");--> statement-breakpoint
CREATE INDEX "labor_reports_industry_idx" ON "labor_reports" USING btree ("industry","reported_at");--> statement-breakpoint
CREATE INDEX "labor_reports_size_band_idx" ON "labor_reports" USING btree ("size_band","reported_at");--> statement-breakpoint
UPDATE "labor_reports" AS r SET "industry" = e."industry", "size_band" = CASE
  WHEN e."employees" IS NULL THEN NULL
  WHEN e."employees" < 10 THEN 'lt10'
  WHEN e."employees" < 25 THEN '10to24'
  WHEN e."employees" < 100 THEN '25to99'
  WHEN e."employees" < 1000 THEN '100to999'
  ELSE 'gte1000' END
FROM "enterprises" AS e WHERE e."id" = r."enterprise_id";--> statement-breakpoint
INSERT INTO "labor_report_profiles" ("org_path", "month", "dimension", "value", "n", "open", "workers", "amount_fen")
SELECT coalesce(substring("org_path" from '^/[^/]+/[^/]+/'), "org_path"), to_char("reported_at" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'), d, v, count(*),
  count(*) FILTER (WHERE "state" NOT IN ('closed', 'followedUp')), sum("workers"), coalesce(sum("amount_fen"), 0)
FROM "labor_reports", LATERAL (VALUES ('industry', coalesce("industry", '')), ('size', coalesce("size_band", ''))) AS p(d, v)
GROUP BY 1, 2, 3, 4;
