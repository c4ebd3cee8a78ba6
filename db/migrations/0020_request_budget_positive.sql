-- A request's budget is more than ¥0, or none. A ¥0 budget was taken, shown to carers as "budget ¥0",
-- and left them nothing to offer (an offer is more than ¥0): the ones stored read as no budget.
UPDATE "visit_requests" SET "budget_cents" = NULL WHERE "budget_cents" = 0;--> statement-breakpoint
ALTER TABLE "visit_requests" DROP CONSTRAINT "visit_requests_budget_nonnegative";--> statement-breakpoint
ALTER TABLE "visit_requests" ADD CONSTRAINT "visit_requests_budget_positive" CHECK ("visit_requests"."budget_cents" is null or "visit_requests"."budget_cents" > 0);
