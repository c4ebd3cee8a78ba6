-- A rating given before a dispute that was then ruled missed or cancelled stops counting toward the
-- carer's scores (app/ratings/ratings.server.ts withdrawRatingOfRuledVisit). Everything else about a
-- rating still cannot change, and "counts" may only be turned off: a rating never starts counting later.
CREATE OR REPLACE FUNCTION "ratings_scores_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.as_agreed IS DISTINCT FROM OLD.as_agreed OR NEW.care IS DISTINCT FROM OLD.care
     OR NEW.punctuality IS DISTINCT FROM OLD.punctuality OR NEW.is_default IS DISTINCT FROM OLD.is_default
     OR NEW.good IS DISTINCT FROM OLD.good OR (NEW.counts AND NOT OLD.counts)
     OR NEW.rated_at IS DISTINCT FROM OLD.rated_at OR NEW.carer_id IS DISTINCT FROM OLD.carer_id
     OR NEW.visit_id IS DISTINCT FROM OLD.visit_id OR NEW.comment IS DISTINCT FROM OLD.comment THEN
    RAISE EXCEPTION 'a rating cannot change once given' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
