CREATE TABLE "import_rows" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"address" text,
	"ownership" text,
	"industry" text,
	"employees" integer,
	"above_designated_size" boolean,
	"global500" boolean,
	"status" text NOT NULL,
	"registered_on" date,
	"closed_on" date,
	"note" text,
	"joint_union_org_id" uuid,
	"union_uscc" text,
	"facts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "import_rows_import_idx" ON "import_rows" USING btree ("import_id","uscc");