-- carers.visits_completed was never maintained (every profile read "0 visits completed" beside its
-- ratings). From now on fire() moves it with each transition; this sets it once from the visits, by
-- the same rule as countsAsDone (app/visits/visit-status.ts): checked out, completed or confirmed.
UPDATE "carers" SET "visits_completed" = (
  SELECT count(*)::int FROM "visits" v
  WHERE v."carer_id" = "carers"."user_id"
    AND v."status" IN ('completed', 'confirmed')
    AND v."checked_out_at" IS NOT NULL
);
