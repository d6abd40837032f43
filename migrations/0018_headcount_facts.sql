-- The head count becomes a dated fact (kind 'headcount'). The count each enterprise has today is
-- recorded as holding since its registration (a fact without a date), the best record there is;
-- later changes are dated from the day they are made.
INSERT INTO "enterprise_facts" ("id", "enterprise_id", "kind", "event_date", "valid_from", "valid_to", "value", "data", "source")
SELECT gen_random_uuid(), e."id", 'headcount', NULL, NULL, NULL, e."employees", NULL, 'migration'
FROM "enterprises" e
WHERE e."employees" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "enterprise_facts" f WHERE f."enterprise_id" = e."id" AND f."kind" = 'headcount'
  );
