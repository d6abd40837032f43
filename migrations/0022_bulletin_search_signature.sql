-- Which words a search document may hold, as a Bloom filter of 2048 bits: each lexeme of the
-- tokens sets two bits chosen from its length, its first two characters and its last. A search
-- walking the newest documents compares the signature with its own words' bits and reads the
-- tokens only of the documents that have them all (written by hand: drizzle-kit writes no
-- functions). The same function gives the query's bits, so both sides always agree.
CREATE FUNCTION "bulletin_search_signature"(words tsvector) RETURNS bit(2048)
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  DECLARE
    signature bit(2048) := repeat('0', 2048)::bit(2048);
    word text;
    h int;
  BEGIN
    FOREACH word IN ARRAY tsvector_to_array(words) LOOP
      h := ((((length(word)::bigint * 1000003 + ascii(word)) % 2147483647 * 1000003
             + ascii(substr(word, 2, 1))) % 2147483647 * 1000003
             + ascii(right(word, 1))) % 2147483647) % 4194304;
      signature := set_bit(set_bit(signature, h % 2048, 1), h / 2048, 1);
    END LOOP;
    RETURN signature;
  END
  $$;--> statement-breakpoint
ALTER TABLE "bulletin_search_docs" ADD COLUMN "signature" bit(2048) DEFAULT repeat('1', 2048)::bit(2048) NOT NULL;--> statement-breakpoint
-- The documents already written get theirs (by hand), in one rewrite of the table that keeps no
-- old row versions (an UPDATE would leave them: PGlite runs no autovacuum).
CREATE FUNCTION "bulletin_search_signature_of"(doc_source text, doc_id uuid) RETURNS bit(2048)
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce((SELECT "bulletin_search_signature"(t."tokens") FROM "bulletin_search_tokens" t
                     WHERE t."source" = doc_source AND t."source_id" = doc_id),
                    repeat('1', 2048)::bit(2048))
  $$;--> statement-breakpoint
ALTER TABLE "bulletin_search_docs" ALTER COLUMN "signature" TYPE bit(2048)
  USING "bulletin_search_signature_of"("source", "source_id");--> statement-breakpoint
DROP FUNCTION "bulletin_search_signature_of"(text, uuid);--> statement-breakpoint
ANALYZE "bulletin_search_docs";
