DROP INDEX "carers_location_idx";--> statement-breakpoint
ALTER TABLE "carers" ADD COLUMN "search_key" integer GENERATED ALWAYS AS (least(4, greatest(1, ceil(radius_m / 5000.0)::int)) * 100000000
        + (floor(lat / 0.05::float8)::int + 1800) * 8000
        + ((floor(lng / 0.05::float8)::int + 3600) % 7200 + 7200) % 7200) STORED;--> statement-breakpoint
CREATE INDEX "carers_search_idx" ON "carers" USING btree ("search_key") include ("user_id", "lat", "lng", "radius_m", "listed", "languages", "gender", "verified_at", "rating_score", "service_prices", "min_price_cents", "time_zone");--> statement-breakpoint
CREATE INDEX "carers_location_idx" ON "carers" USING gist (ll_to_earth("lat", "lng"));