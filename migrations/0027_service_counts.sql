CREATE TABLE "service_counts" (
	"programme_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"item" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "service_counts_programme_id_item_org_path_pk" PRIMARY KEY("programme_id","item","org_path")
);
--> statement-breakpoint
CREATE INDEX "coverage_worklist_priority_ids_idx" ON "coverage_worklist" USING btree ("enterprise_id") WHERE categories <> 0;--> statement-breakpoint
-- Counts of the visits written before the counts were kept.
INSERT INTO "service_counts" ("programme_id", "org_path", "item", "n")
SELECT coalesce(v.programme_id, '00000000-0000-0000-0000-000000000000'), v.org_path, i.item, count(*)
FROM (
  SELECT programme_id, org_path, aspects,
    row_number() OVER (PARTITION BY programme_id, enterprise_id ORDER BY id) = 1 AS first
  FROM service_visits
) v, unnest(array['visits'] || array(SELECT 'aspect:' || a FROM unnest(v.aspects) a)
  || CASE WHEN v.first THEN array['visited'] ELSE array[]::text[] END) AS i(item)
GROUP BY 1, 2, 3;
