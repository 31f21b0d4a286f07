CREATE TABLE "postal_handover_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" text NOT NULL,
	"postman_name" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_shipment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"status" text NOT NULL,
	"dossier_id" uuid,
	"applicant" jsonb NOT NULL,
	"fee" integer DEFAULT 0 NOT NULL,
	"note" text,
	"handover_list_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "postal_handover_lists_number_uq" ON "postal_handover_lists" USING btree ("unit_id","number");--> statement-breakpoint
CREATE INDEX "postal_shipment_events_shipment_idx" ON "postal_shipment_events" USING btree ("shipment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "postal_shipments_tracking_uq" ON "postal_shipments" USING btree ("carrier","tracking_number");--> statement-breakpoint
CREATE INDEX "postal_shipments_unit_idx" ON "postal_shipments" USING btree ("unit_id","status","created_at");--> statement-breakpoint
CREATE INDEX "postal_shipments_dossier_idx" ON "postal_shipments" USING btree ("dossier_id");