CREATE TABLE "report_rollups_d" (
	"unit_id" uuid NOT NULL,
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
	CONSTRAINT "report_rollups_d_unit_id_bucket_procedure_id_pk" PRIMARY KEY("unit_id","bucket","procedure_id")
);
--> statement-breakpoint
CREATE TABLE "report_rollups_m" (
	"unit_id" uuid NOT NULL,
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
	CONSTRAINT "report_rollups_m_unit_id_bucket_procedure_id_pk" PRIMARY KEY("unit_id","bucket","procedure_id")
);
--> statement-breakpoint
CREATE TABLE "report_rollups_y" (
	"unit_id" uuid NOT NULL,
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
	CONSTRAINT "report_rollups_y_unit_id_bucket_procedure_id_pk" PRIMARY KEY("unit_id","bucket","procedure_id")
);
