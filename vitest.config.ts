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
    // The built server is imported by Node itself, as `npm start` runs it, not through vitest's module
    // runner: the runner evaluates a cycle (the server chunk and a lazy part's chunk that imports it)
    // in an order Node does not, and a part's code could run before its module's constants existed.
    server: { deps: { external: [/\/build\/server\//] } },
    reporters: jsonOut ? ["default", ["json", { outputFile: jsonOut }]] : ["default"],
  },
});
