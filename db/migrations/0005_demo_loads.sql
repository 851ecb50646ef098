CREATE TABLE "demo_loads" (
	"province_code" text PRIMARY KEY NOT NULL,
	"today" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
