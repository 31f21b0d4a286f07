CREATE TABLE "dossier_code_counters" (
	"unit_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_unit_id_local_date_pk" PRIMARY KEY("unit_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"step" text,
	"unit_id" uuid,
	"payload" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "dossier_events_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"code" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"process_code" text NOT NULL,
	"process_version" integer NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"current_unit_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_id_number" text,
	"applicant_search" text NOT NULL,
	"form_data" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"result_delivery" text NOT NULL,
	"status" text NOT NULL,
	"step" text,
	"assignee_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"appointment_at" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer NOT NULL,
	"bundle_id" uuid,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "process_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "reception_slips" (
	"id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"procedure_code" text NOT NULL,
	"applicant" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"reason" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dossier_events_type_at_idx" ON "dossier_events" USING btree ("type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_uq" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossiers_receiving_idx" ON "dossiers" USING btree ("receiving_unit_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_current_idx" ON "dossiers" USING btree ("current_unit_id","status");--> statement-breakpoint
CREATE INDEX "dossiers_status_due_idx" ON "dossiers" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_id_number_idx" ON "dossiers" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "dossiers_jurisdiction_idx" ON "dossiers" USING btree ("jurisdiction_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_bundle_idx" ON "dossiers" USING btree ("bundle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "process_definitions_uq" ON "process_definitions" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "reception_slips_unit_idx" ON "reception_slips" USING btree ("unit_id","created_at");