import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { clientAssets } from "./scripts/build/client-assets";
import { precompress } from "./scripts/build/precompress";
import { serverBundle } from "./scripts/build/server-bundle";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const FRAMEWORK =
  /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/[\w-]+|turbo-stream)\//;

const COMMON =
  /\/app\/(components\/(ui\/(field|choice-fields|toaster|lazy-island|refocus|back-guard)|error-boundary|page-title|site-header|nonce)|i18n\/(formatters|i18n-data|language-ready)|geo\/time-zone|visit-requests\/format|http\/revalidate|components\/carers\/carer-badges)\.tsx?$|\/db\/catalogue\.ts$/;

export default defineConfig(({ isSsrBuild }) => ({
  server: { hmr: { port: 24678 } },
  build: {
    target: "es2020",
    // The browser's files by terser, twice over: 4% fewer gzipped bytes than esbuild's minifier on what
    // every page loads first (React and Remix), for some seconds more of build (ADR 012). The server
    // build stays readable, as Vite leaves it.
    minify: isSsrBuild ? false : "terser",
    terserOptions: { compress: { passes: 2 }, ecma: 2020 },
    rollupOptions: {
      onwarn(warning, warn) {
        // Forms import their schema lazily (deferred-validation.ts) and their action statically: the
        // server build, which keeps both, says so for every form. The browser build splits as meant.
        if (/is dynamically imported by .* but also statically imported by/.test(warning.message)) return;
        warn(warning);
      },
      output: {
        // What every page loads before it hydrates goes in one file: fewer requests on a slow network
        // (HTTP/1.1 opens six at a time) and one gzip dictionary instead of several.
        manualChunks(id) {
          if (FRAMEWORK.test(id) || id.includes("vite/preload-helper")) return "framework";
          // Small modules most pages share (fields, formatters, the catalogue): one file, not seven,
          // each of which would cost a request and its own gzip header.
          if (COMMON.test(id)) return "common";
          // The admin pages' shared pieces (their menu, the time of an event, a dispute's evidence part): one
          // file, not three. (The evidence part in the dispute page's chunk, which its lazy record also
          // imports, made Rollup add a second file for the page.)
          if (/\/app\/components\/admin\/(admin-nav|when|evidence-part)\.tsx$/.test(id)) return "admin";
        },
      },
    },
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
    clientAssets(),
    precompress(),
    serverBundle(),
  ],
}));
