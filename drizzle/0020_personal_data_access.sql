CREATE TABLE "personal_data_access" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"jurisdiction_id" uuid,
	"actor_id" uuid NOT NULL,
	"actor_username" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject" text NOT NULL,
	"subject_hash" text,
	"dossier_id" uuid,
	"dossier_code" text,
	"unit_id" uuid,
	"ip" text,
	"request_id" text
);
--> statement-breakpoint
CREATE INDEX "personal_data_access_at_idx" ON "personal_data_access" USING btree ("at");--> statement-breakpoint
CREATE INDEX "personal_data_access_actor_idx" ON "personal_data_access" USING btree ("actor_username","at");--> statement-breakpoint
CREATE INDEX "personal_data_access_dossier_idx" ON "personal_data_access" USING btree ("dossier_code");--> statement-breakpoint
CREATE INDEX "personal_data_access_subject_idx" ON "personal_data_access" USING btree ("subject_hash");