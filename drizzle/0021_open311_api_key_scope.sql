ALTER TABLE "api_keys" ADD COLUMN "unit_ids" uuid[];--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "prefix" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "revoked_by" uuid;