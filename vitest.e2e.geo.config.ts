import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The maps' browser test on its own (self-contained: it starts its own server and Chromium).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/geo.spec.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
