CREATE TABLE "unit_channels" (
	"unit_id" integer NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"purpose" text DEFAULT 'unit' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_channels_unit_id_platform_chat_id_pk" PRIMARY KEY("unit_id","platform","chat_id"),
	CONSTRAINT "unit_channels_purpose_uq" UNIQUE("unit_id","platform","purpose")
);
--> statement-breakpoint
ALTER TABLE "unit_channels" ADD CONSTRAINT "unit_channels_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_channels_chat_idx" ON "unit_channels" USING btree ("platform","chat_id");--> statement-breakpoint
-- Each unit's group and channel move from its two columns into the table, as its own ('unit'):
-- an empty id was no destination before and is none now.
INSERT INTO "unit_channels" ("unit_id", "platform", "chat_id", "purpose")
SELECT "id", 'telegram', "telegram_chat_id", 'unit' FROM "units" WHERE "telegram_chat_id" IS NOT NULL AND "telegram_chat_id" <> ''
UNION ALL
SELECT "id", 'slack', "slack_channel_id", 'unit' FROM "units" WHERE "slack_channel_id" IS NOT NULL AND "slack_channel_id" <> '';--> statement-breakpoint
ALTER TABLE "units" DROP COLUMN "telegram_chat_id";--> statement-breakpoint
ALTER TABLE "units" DROP COLUMN "slack_channel_id";