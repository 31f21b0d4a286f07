CREATE TABLE "citizen_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"applicant" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"zalo_opt_in" boolean DEFAULT false NOT NULL,
	"zalo_phone" text,
	"locale" text DEFAULT 'vi' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "online_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"citizen_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"unit_id" uuid,
	"jurisdiction_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fee_indexes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result_delivery" text,
	"delivery_address" text,
	"code" text,
	"dossier_id" uuid,
	"refusal_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"application_id" uuid,
	"dossier_id" uuid,
	"unit_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"items" jsonb NOT NULL,
	"method" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"gateway" text,
	"gateway_transaction_no" text,
	"bank_code" text,
	"payer_name" text,
	"receipt_number" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"original_name" text NOT NULL,
	"purpose" text NOT NULL,
	"uploaded_by" uuid,
	"application_id" uuid,
	"dossier_id" uuid,
	"scan_status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "online_applications_code_uq" ON "online_applications" USING btree ("code");--> statement-breakpoint
CREATE INDEX "online_applications_citizen_idx" ON "online_applications" USING btree ("citizen_id","updated_at");--> statement-breakpoint
CREATE INDEX "online_applications_unit_idx" ON "online_applications" USING btree ("unit_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "payment_events_payment_idx" ON "payment_events" USING btree ("payment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reference_uq" ON "payments" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_receipt_uq" ON "payments" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "payments_application_idx" ON "payments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "payments_dossier_idx" ON "payments" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "payments_unit_paid_idx" ON "payments" USING btree ("unit_id","paid_at");--> statement-breakpoint
CREATE INDEX "stored_files_application_idx" ON "stored_files" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "stored_files_dossier_idx" ON "stored_files" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "stored_files_uploader_idx" ON "stored_files" USING btree ("uploaded_by","created_at");