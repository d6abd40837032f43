ALTER TABLE "notifications" DROP CONSTRAINT "notifications_submission_id_submissions_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_event_id_submission_events_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "submission_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "permission" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "link" text;--> statement-breakpoint
UPDATE "notifications" SET
  "permission" = CASE "audience" WHEN 'editors' THEN 'bulletin:edit' ELSE 'bulletin:submit' END,
  "audience" = CASE "audience" WHEN 'editors' THEN 'over' ELSE 'unit' END,
  "link" = '/bulletin/submissions/' || "submission_id";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "permission" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "link" SET NOT NULL;
