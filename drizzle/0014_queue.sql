CREATE TABLE "queue_counters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"service_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"officer_id" uuid,
	"open" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"counter_id" uuid,
	"actor_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_number_counters" (
	"unit_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"local_date" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_number_counters_unit_id_service_code_local_date_pk" PRIMARY KEY("unit_id","service_code","local_date")
);
--> statement-breakpoint
CREATE TABLE "queue_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"field_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"local_date" date NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"priority" text,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"counter_id" uuid,
	"officer_id" uuid,
	"recalls" integer DEFAULT 0 NOT NULL,
	"called_at" timestamp with time zone,
	"serving_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"dossier_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "queue_counters_unit_number_uq" ON "queue_counters" USING btree ("unit_id","number");--> statement-breakpoint
CREATE INDEX "queue_events_ticket_idx" ON "queue_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "queue_events_unit_idx" ON "queue_events" USING btree ("unit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_services_unit_code_uq" ON "queue_services" USING btree ("unit_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_uq" ON "queue_tickets" USING btree ("unit_id","local_date","service_code","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("unit_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "queue_tickets_day_idx" ON "queue_tickets" USING btree ("unit_id","local_date");