CREATE TYPE "public"."gender" AS ENUM('female', 'male', 'other');--> statement-breakpoint
CREATE TYPE "public"."service_kind" AS ENUM('companionship', 'errands', 'meal_prep', 'medication_reminder', 'clinic_escort', 'light_housework', 'tech_help', 'walk_exercise');--> statement-breakpoint
CREATE TYPE "public"."parent_member_role" AS ENUM('owner', 'member');--> statement-breakpoint
CREATE TYPE "public"."visit_request_status" AS ENUM('open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TABLE "parent_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"role" "parent_member_role" DEFAULT 'member' NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parent_members" (
	"parent_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "parent_member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parent_members_parent_id_user_id_pk" PRIMARY KEY("parent_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "parents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"birth_year" integer,
	"address" text DEFAULT '' NOT NULL,
	"phone" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text DEFAULT '' NOT NULL,
	"emergency_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"access_notes" text DEFAULT '' NOT NULL,
	"visit_goal_visits" integer,
	"visit_goal_minutes" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carer_availability" (
	"carer_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "carer_availability_carer_id_weekday_start_minute_pk" PRIMARY KEY("carer_id","weekday","start_minute"),
	CONSTRAINT "carer_availability_window" CHECK ("carer_availability"."weekday" between 0 and 6 and "carer_availability"."start_minute" >= 0 and "carer_availability"."end_minute" <= 1440 and "carer_availability"."start_minute" < "carer_availability"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "carer_services" (
	"carer_id" uuid NOT NULL,
	"service" "service_kind" NOT NULL,
	"price_cents" integer NOT NULL,
	"min_minutes" integer NOT NULL,
	CONSTRAINT "carer_services_carer_id_service_pk" PRIMARY KEY("carer_id","service"),
	CONSTRAINT "carer_services_price_nonnegative" CHECK ("carer_services"."price_cents" >= 0),
	CONSTRAINT "carer_services_min_minutes_range" CHECK ("carer_services"."min_minutes" between 15 and 720)
);
--> statement-breakpoint
CREATE TABLE "carers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"gender" "gender",
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"radius_m" integer NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"faq" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quick_phrases" text[] DEFAULT '{}'::text[] NOT NULL,
	"photo_key" text,
	"verified_at" timestamp with time zone,
	"rating_score" double precision,
	"visits_completed" integer DEFAULT 0 NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"service_prices" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"min_price_cents" integer,
	"search_key" integer GENERATED ALWAYS AS (least(4, greatest(1, ceil(radius_m / 5000.0)::int)) * 100000000
        + (floor(lat / 0.05::float8)::int + 1800) * 8000
        + ((floor(lng / 0.05::float8)::int + 3600) % 7200 + 7200) % 7200) STORED,
	"language_bits" integer GENERATED ALWAYS AS ((case when 'mandarin' = any(languages) then 1 else 0 end) + (case when 'cantonese' = any(languages) then 2 else 0 end) + (case when 'shanghainese' = any(languages) then 4 else 0 end) + (case when 'hangzhounese' = any(languages) then 8 else 0 end) + (case when 'wu' = any(languages) then 16 else 0 end) + (case when 'hokkien' = any(languages) then 32 else 0 end) + (case when 'teochew' = any(languages) then 64 else 0 end) + (case when 'hakka' = any(languages) then 128 else 0 end) + (case when 'english' = any(languages) then 256 else 0 end)) STORED,
	"verified" boolean GENERATED ALWAYS AS (verified_at is not null) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carers_radius_range" CHECK ("carers"."radius_m" between 1000 and 20000),
	CONSTRAINT "carers_lat_range" CHECK ("carers"."lat" between -90 and 90),
	CONSTRAINT "carers_lng_range" CHECK ("carers"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "visit_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"service" "service_kind" NOT NULL,
	"starts_at" timestamp with time zone,
	"weekdays" smallint[],
	"start_minute" smallint,
	"duration_minutes" integer NOT NULL,
	"budget_cents" integer,
	"notes" text DEFAULT '' NOT NULL,
	"status" "visit_request_status" DEFAULT 'open' NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_requests_duration_range" CHECK ("visit_requests"."duration_minutes" between 15 and 720),
	CONSTRAINT "visit_requests_budget_nonnegative" CHECK ("visit_requests"."budget_cents" is null or "visit_requests"."budget_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"user_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"redirect_to" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "sms_preferences" ADD COLUMN "opted_in_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "parent_invitations" ADD CONSTRAINT "parent_invitations_parent_id_parents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_invitations" ADD CONSTRAINT "parent_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_invitations" ADD CONSTRAINT "parent_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_members" ADD CONSTRAINT "parent_members_parent_id_parents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_members" ADD CONSTRAINT "parent_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parents" ADD CONSTRAINT "parents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_availability" ADD CONSTRAINT "carer_availability_carer_id_carers_user_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carer_services" ADD CONSTRAINT "carer_services_carer_id_carers_user_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."carers"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carers" ADD CONSTRAINT "carers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_requests" ADD CONSTRAINT "visit_requests_parent_id_parents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_requests" ADD CONSTRAINT "visit_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parent_invitations_token_hash_key" ON "parent_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "parent_invitations_parent_id_idx" ON "parent_invitations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "parent_members_user_id_idx" ON "parent_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "parents_location_idx" ON "parents" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "carer_services_service_price_idx" ON "carer_services" USING btree ("service","price_cents");--> statement-breakpoint
CREATE INDEX "carers_search_idx" ON "carers" USING btree ("search_key") include ("user_id", "lat", "lng", "radius_m", "language_bits", "gender", "verified", "rating_score", "service_prices", "min_price_cents") WHERE "carers"."listed";--> statement-breakpoint
CREATE INDEX "carers_location_idx" ON "carers" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "visit_requests_open_location_idx" ON "visit_requests" USING gist (ll_to_earth("lat", "lng")) WHERE "visit_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "visit_requests_parent_id_idx" ON "visit_requests" USING btree ("parent_id");