CREATE TABLE "coverage_rules" (
	"year" integer PRIMARY KEY NOT NULL,
	"min_employees" integer NOT NULL,
	"ownerships" text[] NOT NULL,
	"joint_union_counts" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
