import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (hashes, salts). Both drivers hand back a Buffer or Uint8Array; callers get a Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => new Uint8Array(v),
});
