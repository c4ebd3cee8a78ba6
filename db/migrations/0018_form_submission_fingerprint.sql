ALTER TABLE "form_submissions" ADD COLUMN "fingerprint" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "form_submissions" DROP CONSTRAINT "form_submissions_user_id_key_pk";--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_user_id_key_fingerprint_pk" PRIMARY KEY("user_id","key","fingerprint");
