CREATE TABLE "counter_devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"counter_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "counter_devices_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE INDEX "counter_devices_counter_idx" ON "counter_devices" USING btree ("counter_id");