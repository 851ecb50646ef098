CREATE TABLE "scheduler_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_pace" (
	"key" text PRIMARY KEY NOT NULL,
	"times" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"paused_until" timestamp with time zone
);
