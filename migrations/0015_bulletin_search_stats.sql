-- Which units' documents are of which kind and state go together (issue items carry the series'
-- path, submissions their unit's): without these statistics PostgreSQL multiplies the conditions
-- of a search branch as if independent, expects a tenth of the rows and sorts every candidate
-- instead of walking the newest first.
CREATE STATISTICS "bulletin_search_docs_kind_stats" (dependencies, mcv) ON "source", "org_path", "state" FROM "bulletin_search_docs";--> statement-breakpoint
-- Rewrites the rows without the dropped title, body and tokens (the space of a dropped column is
-- only given back by a rewrite), in the order of the primary key.
CLUSTER "bulletin_search_docs" USING "bulletin_search_docs_source_source_id_pk";--> statement-breakpoint
ANALYZE "bulletin_search_docs";--> statement-breakpoint
ANALYZE "bulletin_search_tokens";
