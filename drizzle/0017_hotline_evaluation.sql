CREATE TABLE "hotline_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"caller_name" text,
	"caller_phone" text,
	"summary" text NOT NULL,
	"procedure_code" text,
	"dossier_id" uuid,
	"feedback_id" uuid,
	"shipment_id" uuid,
	"officer_id" uuid,
	"follow_up_due" date,
	"follow_up_done_at" timestamp with time zone,
	"follow_up_note" text,
	"received_by" uuid NOT NULL,
	"received_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"tasks" text,
	"submitted_at" timestamp with time zone,
	"facts" jsonb,
	"grade" text,
	"comment" text,
	"graded_by" uuid,
	"graded_by_name" text,
	"graded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "hotline_calls_unit_idx" ON "hotline_calls" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "hotline_calls_officer_idx" ON "hotline_calls" USING btree ("officer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_evaluations_uq" ON "staff_evaluations" USING btree ("unit_id","officer_id","week_start");