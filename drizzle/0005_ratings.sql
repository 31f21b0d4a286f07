CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"officer_id" uuid,
	"level" text NOT NULL,
	"criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"channel" text DEFAULT 'tracking' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_dossier_uq" ON "ratings" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "ratings_unit_idx" ON "ratings" USING btree ("unit_id","created_at");