// `npm run seed`: wipes the configured database and seeds the demo city again.
import { DEMO_PASSWORD, seedDemoCity, truncateAll } from "~db/seed/demo-city";
import { getEnv } from "~/env.server";
import { getStorage } from "~/storage/storage.server";
import { openConfiguredDatabase } from "./lib/open-database";

const handle = await openConfiguredDatabase();
await truncateAll(handle.db);
// Demo carers' photos go where uploaded photos go (UPLOAD_DIR), so the photo route serves them.
const { accounts } = await seedDemoCity(handle.db, { photos: getStorage(getEnv()) });
console.log(JSON.stringify({ msg: "seeded demo city (Hangzhou)", driver: handle.driver }));
for (const a of accounts)
  console.log(JSON.stringify({ msg: "demo login", email: a.email, role: a.role, password: DEMO_PASSWORD }));
await handle.close();
