import { defineConfig } from "drizzle-kit";

// Only used to *generate* SQL migrations; they are applied by db/migrate.ts
// because drizzle-kit cannot load cube/earthdistance into PGlite.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
