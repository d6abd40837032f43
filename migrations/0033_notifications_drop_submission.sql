ALTER TABLE "notifications" DROP COLUMN "submission_id";--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "event_id";