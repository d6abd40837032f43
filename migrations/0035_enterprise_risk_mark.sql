ALTER TABLE "enterprises" ADD COLUMN "risk_open_since" date;--> statement-breakpoint
UPDATE "enterprises" e SET "risk_open_since" = m."since"
FROM (
  SELECT "enterprise_id", min(("reported_at" AT TIME ZONE 'UTC' + interval '8 hours')::date) AS "since"
  FROM "labor_reports"
  WHERE "enterprise_id" IS NOT NULL AND "state" <> 'followedUp'
  GROUP BY "enterprise_id"
) m
WHERE e."id" = m."enterprise_id";
