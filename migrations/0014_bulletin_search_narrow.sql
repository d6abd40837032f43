CREATE TABLE "bulletin_search_tokens" (
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"tokens" "tsvector" NOT NULL,
	CONSTRAINT "bulletin_search_tokens_source_source_id_pk" PRIMARY KEY("source","source_id")
);
--> statement-breakpoint
-- The words move to their own table (written by hand: drizzle-kit would drop them).
INSERT INTO "bulletin_search_tokens" ("source", "source_id", "tokens") SELECT "source", "source_id", "tokens" FROM "bulletin_search_docs";--> statement-breakpoint
DROP INDEX "bulletin_search_docs_tokens_idx";--> statement-breakpoint
ALTER TABLE "bulletin_search_tokens" ADD CONSTRAINT "bulletin_search_tokens_source_source_id_bulletin_search_docs_source_source_id_fk" FOREIGN KEY ("source","source_id") REFERENCES "public"."bulletin_search_docs"("source","source_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulletin_search_tokens_tokens_idx" ON "bulletin_search_tokens" USING gin ("tokens") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "bulletin_search_docs_year_idx" ON "bulletin_search_docs" USING btree ("year","source","source_id");--> statement-breakpoint
ALTER TABLE "bulletin_search_docs" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "bulletin_search_docs" DROP COLUMN "body";--> statement-breakpoint
ALTER TABLE "bulletin_search_docs" DROP COLUMN "tokens";