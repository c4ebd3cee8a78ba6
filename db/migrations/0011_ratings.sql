CREATE TABLE "carer_scores" (
	"carer_id" uuid PRIMARY KEY NOT NULL,
	"as_agreed_sum" integer DEFAULT 0 NOT NULL,
	"care_sum" integer DEFAULT 0 NOT NULL,
	"punctuality_sum" integer DEFAULT 0 NOT NULL,
	"scored_count" integer DEFAULT 0 NOT NULL,
	"rated_count" integer DEFAULT 0 NOT NULL,
	"good_count" integer DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"peer_city" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_peer_groups" (
	"city" text NOT NULL,
	"service" "service_kind" NOT NULL,
	"carers" integer NOT NULL,
	"as_agreed_avg" double precision NOT NULL,
	"as_agreed_min" double precision NOT NULL,
	"as_agreed_max" double precision NOT NULL,
	"care_avg" double precision NOT NULL,
	"care_min" double precision NOT NULL,
	"care_max" double precision NOT NULL,
	"punctuality_avg" double precision NOT NULL,
	"punctuality_min" double precision NOT NULL,
	"punctuality_max" double precision NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rating_peer_groups_city_service_pk" PRIMARY KEY("city","service")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"carer_id" uuid NOT NULL,
	"parent_id" uuid NOT NULL,
	"rated_by" uuid,
	"service" "service_kind" NOT NULL,
	"as_agreed" smallint,
	"care" smallint,
	"punctuality" smallint,
	"is_default" boolean DEFAULT false NOT NULL,
	"good" boolean NOT NULL,
	"counts" boolean NOT NULL,
	"month" date NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"comment_hidden_at" timestamp with time zone,
	"follow_up" text,
	"follow_up_by" uuid,
	"follow_up_at" timestamp with time zone,
	"follow_up_hidden_at" timestamp with time zone,
	"reply" text,
	"reply_at" timestamp with time zone,
	"reply_hidden_at" timestamp with time zone,
	"moderated_by" uuid,
	"completed_at" timestamp with time zone NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_visit_key" UNIQUE("visit_id"),
	CONSTRAINT "ratings_scores_range" CHECK (("ratings"."is_default" and "ratings"."as_agreed" is null and "ratings"."care" is null and "ratings"."punctuality" is null)
        or (not "ratings"."is_default" and "ratings"."as_agreed" between 1 and 5 and "ratings"."care" between 1 and 5 and "ratings"."punctuality" between 1 and 5))
);
--> statement-breakpoint
ALTER TABLE "carer_scores" ADD CONSTRAINT "carer_scores_carer_id_users_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_carer_id_users_id_fk" FOREIGN KEY ("carer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_parent_id_parents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_follow_up_by_users_id_fk" FOREIGN KEY ("follow_up_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratings_carer_rated_idx" ON "ratings" USING btree ("carer_id","rated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ratings_carer_reviews_idx" ON "ratings" USING btree ("carer_id","rated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE not "ratings"."is_default";--> statement-breakpoint
CREATE INDEX "ratings_counted_rated_idx" ON "ratings" USING btree ("rated_at") WHERE "ratings"."counts";--> statement-breakpoint
CREATE INDEX "ratings_cap_idx" ON "ratings" USING btree ("carer_id","parent_id","month");--> statement-breakpoint
-- The hourly default-rating job reads finished visits by check-out time (visits_completed_ends_idx
-- covers only 'completed', and confirmed visits need their default rating too).
CREATE INDEX "visits_finished_checked_out_idx" ON "visits" USING btree ("checked_out_at") WHERE "status" IN ('completed', 'confirmed');
--> statement-breakpoint
CREATE FUNCTION "ratings_scores_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.as_agreed IS DISTINCT FROM OLD.as_agreed OR NEW.care IS DISTINCT FROM OLD.care
     OR NEW.punctuality IS DISTINCT FROM OLD.punctuality OR NEW.is_default IS DISTINCT FROM OLD.is_default
     OR NEW.good IS DISTINCT FROM OLD.good OR NEW.counts IS DISTINCT FROM OLD.counts
     OR NEW.rated_at IS DISTINCT FROM OLD.rated_at OR NEW.carer_id IS DISTINCT FROM OLD.carer_id
     OR NEW.visit_id IS DISTINCT FROM OLD.visit_id OR NEW.comment IS DISTINCT FROM OLD.comment THEN
    RAISE EXCEPTION 'a rating cannot change once given' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "ratings_scores_immutable" BEFORE UPDATE ON "ratings" FOR EACH ROW EXECUTE FUNCTION "ratings_scores_immutable"();
