DROP INDEX "import_facts_import_idx";--> statement-breakpoint
DROP INDEX "import_rows_import_idx";