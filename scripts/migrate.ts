// `npm run db:migrate`: applies pending migrations to the configured database (the app does the same at start).
import { appliedMigrationCount } from "~db/migrate";
import { openConfiguredDatabase } from "./lib/open-database";

const handle = await openConfiguredDatabase();
console.log(
  JSON.stringify({ msg: "migrations applied", driver: handle.driver, applied: await appliedMigrationCount(handle) }),
);
await handle.close();
