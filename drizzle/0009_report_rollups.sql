CREATE TABLE "report_marks" (
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"received_online" smallint DEFAULT 0 NOT NULL,
	"received_counter" smallint DEFAULT 0 NOT NULL,
	"received_postal" smallint DEFAULT 0 NOT NULL,
	"resolved_early" smallint DEFAULT 0 NOT NULL,
	"resolved_on_time" smallint DEFAULT 0 NOT NULL,
	"resolved_late" smallint DEFAULT 0 NOT NULL,
	"refused" smallint DEFAULT 0 NOT NULL,
	"withdrawn" smallint DEFAULT 0 NOT NULL,
	"paused" smallint DEFAULT 0 NOT NULL,
	"overdue" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_marks_dossier_id_at_pk" PRIMARY KEY("dossier_id","at")
);
--> statement-breakpoint
CREATE TABLE "report_rollups" (
	"unit_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" date NOT NULL,
	"procedure_id" uuid NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_counter" integer DEFAULT 0 NOT NULL,
	"received_postal" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"paused" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_rollups_unit_id_grain_bucket_procedure_id_pk" PRIMARY KEY("unit_id","grain","bucket","procedure_id")
);
--> statement-breakpoint
CREATE INDEX "report_marks_unit_at_idx" ON "report_marks" USING btree ("unit_id","at");