-- A closed enterprise always has its closing date. Rows closed without one are dated by the day
-- (China time) they were last changed, the best record there is of when the status was set.
UPDATE "enterprises"
SET "closed_on" = ("updated_at" AT TIME ZONE 'Asia/Shanghai')::date
WHERE "status" = 'closed' AND "closed_on" IS NULL;
