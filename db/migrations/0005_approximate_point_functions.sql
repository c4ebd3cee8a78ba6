-- The approximate point of app/privacy/location.ts (approximatePoint), in SQL, so that "does this
-- carer's circle cover that home" can be decided against the point the other side is allowed to
-- see. Deciding it against exact points let a carer find a stranger's home by nudging their own
-- radius until a job appeared (and a family find a carer's base by nudging their parent's pin).
-- Same arithmetic, in the same order, as the TypeScript; it skips the final rounding to 5
-- decimals (under a metre). Simple immutable SQL functions: the planner inlines them.
CREATE FUNCTION approx_lat(lat float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN least(90::float8, -90::float8 + (floor((lat + 90) / (750::float8 / 111320::float8)) + 0.5) * (750::float8 / 111320::float8));
--> statement-breakpoint
CREATE FUNCTION approx_lng(lat float8, lng float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN -180::float8
    + (floor((lng + 180) / (750::float8 / (111320::float8 * greatest(cos((approx_lat(lat) * pi()) / 180), cos((85 * pi()) / 180))))) + 0.5)
    * (750::float8 / (111320::float8 * greatest(cos((approx_lat(lat) * pi()) / 180), cos((85 * pi()) / 180))));
