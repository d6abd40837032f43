-- A joint union's coverage of an enterprise becomes a dated fact (kind 'jointUnion': value 1 with
-- the joint union in data.orgId, 0 when it no longer covers it). Each current link is recorded as
-- holding since the enterprise's registration, the best record there is; later changes are dated
-- from the day they are made.
INSERT INTO "enterprise_facts" ("id", "enterprise_id", "kind", "event_date", "valid_from", "valid_to", "value", "data", "source")
SELECT gen_random_uuid(), e."id", 'jointUnion', NULL, NULL, NULL, 1, jsonb_build_object('orgId', e."joint_union_org_id"), 'migration'
FROM "enterprises" e
WHERE e."joint_union_org_id" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "enterprise_facts" f WHERE f."enterprise_id" = e."id" AND f."kind" = 'jointUnion'
  );
