-- Whether an offer's sender was warned of an overlapping visit and sent it anyway. Without it, any overlap
-- found at acceptance came after the offer (a booking that committed while the offer was being sent
-- had an earlier creation time than the offer, and passed the "booked since" check).
ALTER TABLE "offers" ADD COLUMN "overlap_confirmed" boolean DEFAULT false NOT NULL;
