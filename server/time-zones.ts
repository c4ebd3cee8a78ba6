// The time zones the database knows, read once at boot: a zone Intl accepts but PostgreSQL does not
// (US/Pacific-New) would be stored and then fail every query that converts with it. Forms check
// against this set (app/validation/text.ts); loaders and actions find it on context.timeZones.
import type { DatabaseHandle } from "~db/client";
import { registerKnownTimeZones } from "~/validation/text";

export async function loadTimeZones(handle: Pick<DatabaseHandle, "executeSql">): Promise<ReadonlySet<string>> {
  const { rows } = await handle.executeSql("select name from pg_timezone_names", []);
  const zones = new Set(rows.map((r) => String(r.name)));
  registerKnownTimeZones(zones);
  return zones;
}
