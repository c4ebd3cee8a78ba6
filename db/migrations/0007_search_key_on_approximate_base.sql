-- Carers are filed by the grid cell of their approximate base, the base the search measures to
-- (0006), so a search reads the same cells as before instead of widening them by the ~530 m an
-- approximate point can move. Dropping the column drops the search index; it is built again.
ALTER TABLE "carers" drop column "search_key";--> statement-breakpoint
ALTER TABLE "carers" ADD COLUMN "search_key" integer GENERATED ALWAYS AS (least(4, greatest(1, ceil(radius_m / 5000.0)::int)) * 100000000
        + (floor(approx_lat(lat) / 0.05::float8)::int + 1800) * 8000
        + ((floor(approx_lng(lat, lng) / 0.05::float8)::int + 3600) % 7200 + 7200) % 7200) STORED;--> statement-breakpoint
CREATE INDEX "carers_search_idx" ON "carers" USING btree ("search_key") include ("user_id", "approx_lat", "approx_lng", "radius_m", "language_bits", "gender", "verified", "rating_score", "service_prices", "min_price_cents") WHERE "carers"."listed";
