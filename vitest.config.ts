import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

const jsonOut = process.env.VITEST_JSON_OUT;

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "server/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts", "tests/support/global-template-db.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: jsonOut ? ["default", ["json", { outputFile: jsonOut }]] : ["default"],
  },
});
