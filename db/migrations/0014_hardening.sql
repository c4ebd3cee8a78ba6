ALTER TYPE "public"."sms_kind" ADD VALUE 'account_notice';--> statement-breakpoint
-- Issue 14 (docs/decisions/013-input-rules.md): a zone name the database does not know (Node's Intl
-- accepted US/Pacific-New) is never an error in a query: kinvisit_time_zone gives NULL instead.
CREATE OR REPLACE FUNCTION kinvisit_time_zone(zone text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN zone;
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Stored zones the database does not know become the market's zone.
UPDATE "users" SET "time_zone" = 'Asia/Shanghai' WHERE kinvisit_time_zone("time_zone") IS NULL;
--> statement-breakpoint
UPDATE "carers" SET "time_zone" = 'Asia/Shanghai' WHERE kinvisit_time_zone("time_zone") IS NULL;
--> statement-breakpoint
UPDATE "parents" SET "time_zone" = 'Asia/Shanghai' WHERE kinvisit_time_zone("time_zone") IS NULL;
--> statement-breakpoint
UPDATE "offers" SET "time_zone" = 'Asia/Shanghai' WHERE kinvisit_time_zone("time_zone") IS NULL;
--> statement-breakpoint
UPDATE "visit_series" SET "time_zone" = 'Asia/Shanghai' WHERE kinvisit_time_zone("time_zone") IS NULL;
--> statement-breakpoint
-- Line breaks and other control characters in one-line fields become spaces (the forms refuse them now).
UPDATE "users" SET "name" = btrim(regexp_replace("name", '[[:cntrl:]]', ' ', 'g')) WHERE "name" ~ '[[:cntrl:]]';
--> statement-breakpoint
UPDATE "parents" SET "name" = btrim(regexp_replace("name", '[[:cntrl:]]', ' ', 'g')) WHERE "name" ~ '[[:cntrl:]]';
--> statement-breakpoint
UPDATE "parents" SET "address" = btrim(regexp_replace("address", '[[:cntrl:]]', ' ', 'g')) WHERE "address" ~ '[[:cntrl:]]';
