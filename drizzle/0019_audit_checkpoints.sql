CREATE TABLE "audit_checkpoints" (
	"key" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"count" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"seal" text NOT NULL
);
