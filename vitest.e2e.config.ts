import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

const jsonOut = process.env.VITEST_JSON_OUT;

// Chromium end-to-end suite: one built server, one browser, files run one after another.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/**/*.spec.ts"],
    globalSetup: ["tests/support/global-setup.ts", "tests/e2e/setup/global.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: jsonOut ? ["default", ["json", { outputFile: jsonOut }]] : ["default"],
  },
});
