CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "enterprises_employees_idx" ON "enterprises" USING btree ("employees","id");--> statement-breakpoint
CREATE INDEX "enterprises_employees_desc_idx" ON "enterprises" USING btree ("employees" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "enterprises_union_founded_idx" ON "enterprises" USING btree ("union_founded_on","id");--> statement-breakpoint
CREATE INDEX "enterprises_union_founded_desc_idx" ON "enterprises" USING btree ("union_founded_on" DESC NULLS LAST,"id");