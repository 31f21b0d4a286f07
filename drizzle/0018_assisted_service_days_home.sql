CREATE TABLE "digital_team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "digital_team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "digital_teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"village" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_service_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"note" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_service_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"requested_via" text NOT NULL,
	"status" text NOT NULL,
	"dossier_id" uuid,
	"procedure_code" text,
	"applicant" jsonb NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"scheduled_at" timestamp with time zone,
	"officer_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_service_days" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_service_days_unit_id_day_kind_pk" PRIMARY KEY("unit_id","day","kind")
);
--> statement-breakpoint
ALTER TABLE "online_applications" ADD COLUMN "assisted_by" uuid;--> statement-breakpoint
ALTER TABLE "online_applications" ADD COLUMN "assist_team_id" uuid;--> statement-breakpoint
ALTER TABLE "online_applications" ADD COLUMN "assist_consent" jsonb;--> statement-breakpoint
CREATE INDEX "digital_team_members_user_idx" ON "digital_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digital_teams_unit_name_uq" ON "digital_teams" USING btree ("unit_id","name");--> statement-breakpoint
CREATE INDEX "home_service_events_request_idx" ON "home_service_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "home_service_requests_code_uq" ON "home_service_requests" USING btree ("code");--> statement-breakpoint
CREATE INDEX "home_service_requests_unit_idx" ON "home_service_requests" USING btree ("unit_id","status","created_at");--> statement-breakpoint
CREATE INDEX "home_service_requests_dossier_idx" ON "home_service_requests" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "online_applications_team_idx" ON "online_applications" USING btree ("assist_team_id","submitted_at");