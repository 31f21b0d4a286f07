CREATE TABLE "report_index_inputs" (
	"unit_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"indicator" text NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_index_inputs_unit_id_period_from_period_to_indicator_pk" PRIMARY KEY("unit_id","period_from","period_to","indicator")
);
