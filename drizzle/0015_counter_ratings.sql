CREATE TABLE "counter_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"dossier_id" uuid,
	"officer_id" uuid,
	"level" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "counter_ratings_ticket_uq" ON "counter_ratings" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "counter_ratings_unit_idx" ON "counter_ratings" USING btree ("unit_id","created_at");