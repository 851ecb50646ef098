CREATE TABLE "dialogues" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"account_id" text NOT NULL,
	"staff_id" integer NOT NULL,
	"state" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dialogues_platform_chat_id_account_id_pk" PRIMARY KEY("platform","chat_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialogues_expires_idx" ON "dialogues" USING btree ("expires_at");