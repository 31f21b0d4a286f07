ALTER TABLE "stored_files" ADD COLUMN "feedback_id" uuid;--> statement-breakpoint
CREATE INDEX "stored_files_feedback_idx" ON "stored_files" USING btree ("feedback_id");