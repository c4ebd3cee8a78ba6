// `npm run seed`: wipes the configured database and seeds the demo city again.
import { DEMO_PASSWORD, seedDemoCity, truncateAll } from "~db/seed/demo-city";
import { openConfiguredDatabase } from "./lib/open-database";

const handle = await openConfiguredDatabase();
await truncateAll(handle.db);
const { accounts } = await seedDemoCity(handle.db);
console.log(JSON.stringify({ msg: "seeded demo city (Hangzhou)", driver: handle.driver }));
for (const a of accounts)
  console.log(JSON.stringify({ msg: "demo login", email: a.email, role: a.role, password: DEMO_PASSWORD }));
await handle.close();
