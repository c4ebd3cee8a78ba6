CREATE TYPE "public"."dispute_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."family_contact_kind" AS ENUM('visit', 'call');--> statement-breakpoint
CREATE TYPE "public"."visit_level" AS ENUM('usual', 'less', 'more');--> statement-breakpoint
CREATE TYPE "public"."visit_mood" AS ENUM('good', 'fair', 'low');--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"opened_by" uuid,
	"reason" text NOT NULL,
	"status" "dispute_status" DEFAULT 'open' NOT NULL,
	"outcome" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "family_contact_kind" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_contacts_minutes_range" CHECK ("family_contacts"."minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "parent_checks" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visit_actions" (
	"key" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_alerts" (
	"visit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_alerts_visit_id_kind_pk" PRIMARY KEY("visit_id","kind")
);
--> statement-breakpoint
CREATE TABLE "visit_corrections" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"visit_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"reason" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_logs" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"tasks_done" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"mood" "visit_mood",
	"appetite" "visit_level",
	"mobility" "visit_level",
	"concerns" text DEFAULT '' NOT NULL,
	"photo_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_positions" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"accuracy_m" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parents" ADD COLUMN "ask_after_visit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "parents" ADD COLUMN "phone_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "parents" ADD COLUMN "sms_locale" "user_locale" DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "late_cancellation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "cancellation_fee_cents" integer;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "on_the_way_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_in_lat" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_in_lng" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_in_accuracy_m" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_in_distance_m" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_in_reason" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "checked_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_out_lat" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_out_lng" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_out_accuracy_m" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_out_distance_m" double precision;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "check_out_reason" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "gps_flagged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "auto_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_parent_id_parents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_checks" ADD CONSTRAINT "parent_checks_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_actions" ADD CONSTRAINT "visit_actions_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_alerts" ADD CONSTRAINT "visit_alerts_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_corrections" ADD CONSTRAINT "visit_corrections_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_corrections" ADD CONSTRAINT "visit_corrections_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_logs" ADD CONSTRAINT "visit_logs_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_positions" ADD CONSTRAINT "visit_positions_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_open_idx" ON "disputes" USING btree ("created_at") WHERE "disputes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "disputes_visit_idx" ON "disputes" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "family_contacts_parent_at_idx" ON "family_contacts" USING btree ("parent_id","at");--> statement-breakpoint
CREATE INDEX "parent_checks_phone_idx" ON "parent_checks" USING btree ("phone","sent_at");--> statement-breakpoint
CREATE INDEX "visit_corrections_visit_idx" ON "visit_corrections" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visits_completed_ends_idx" ON "visits" USING btree ("ends_at") WHERE "visits"."status" = 'completed';