ALTER TYPE "public"."phone_code_purpose" ADD VALUE 'verify_parent';--> statement-breakpoint
ALTER TYPE "public"."sms_kind" ADD VALUE 'visit_late_carer';--> statement-breakpoint
ALTER TYPE "public"."sms_kind" ADD VALUE 'series_cancelled';--> statement-breakpoint
ALTER TYPE "public"."sms_kind" ADD VALUE 'parent_phone_code';--> statement-breakpoint
ALTER TYPE "public"."sms_kind" ADD VALUE 'parent_check';--> statement-breakpoint
CREATE INDEX "visits_on_the_way_starts_idx" ON "visits" USING btree ("starts_at") WHERE "visits"."status" = 'on_the_way';