// `npm run screenshots`: the main pages of each role on a 390 px phone, in English and 简体中文, as
// docs/screenshots/<page>.<locale>.jpg (the first screen, what a phone shows before scrolling). Builds
// if the build is stale, serves it on a throwaway PGlite seeded with the demo city (the e2e suite's own
// setup), books one visit so chat and visit pages have content, and drives Debian's Chromium.
// Options (environment): SCREENSHOTS_ONLY (a regex on page names), SCREENSHOTS_FULL=1 (whole pages).
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import buildIfStale from "../tests/support/global-setup";
import startServer from "../tests/e2e/setup/global";
import {
  bookVisit,
  CARER,
  discoverPages,
  FAMILY,
  launchPhoneChromium,
  type Locale,
  logInAs,
  openQuietly,
  phoneContext,
  setLanguage,
} from "../tests/e2e/phone-pages";

const OUT = path.resolve("docs/screenshots");
/** The pages worth a picture: the rest are checked by tests/e2e/phone-ux.spec.ts all the same. */
const MAIN = new Set([
  "home",
  "login",
  "family-dashboard",
  "family-parent",
  "family-search",
  "family-request-form",
  "family-chat",
  "family-visit",
  "family-account",
  "carer-dashboard",
  "carer-profile-form",
  "carer-jobs",
  "carer-visit",
]);
const ONLY = process.env.SCREENSHOTS_ONLY ? new RegExp(process.env.SCREENSHOTS_ONLY) : null;
const FULL = process.env.SCREENSHOTS_FULL === "1";

async function main() {
  buildIfStale();
  let baseURL = "";
  const stop = await startServer({
    provide: (key: string, value: string) => {
      if (key === "baseUrl") baseURL = value;
    },
  } as unknown as TestProject);
  const browser = await launchPhoneChromium();
  fs.mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  try {
    let booked: Awaited<ReturnType<typeof bookVisit>> | null = null;
    for (const locale of ["en", "zh-CN"] as Locale[]) {
      const contexts = await Promise.all([
        phoneContext(browser, baseURL, locale),
        phoneContext(browser, baseURL, locale),
        phoneContext(browser, baseURL, locale),
      ]);
      const [visitor, family, carer] = await Promise.all(contexts.map((c) => c.newPage()));
      await logInAs(family!, FAMILY);
      await logInAs(carer!, CARER);
      await Promise.all([
        setLanguage(visitor!, baseURL, locale),
        setLanguage(family!, baseURL, locale),
        setLanguage(carer!, baseURL, locale),
      ]);
      booked ??= await bookVisit(family!, carer!, baseURL);
      const pages = await discoverPages(family!, carer!, booked);
      for (const p of pages) {
        if (!MAIN.has(p.name) || (ONLY && !ONLY.test(p.name))) continue;
        const page = p.role === "visitor" ? visitor! : p.role === "family" ? family! : carer!;
        await openQuietly(page, p.path);
        const file = path.join(OUT, `${p.name}.${locale}.jpg`);
        await page.screenshot({ path: file, type: "jpeg", quality: 70, fullPage: FULL });
        written.push(path.relative(process.cwd(), file));
        console.log(`${p.name} (${locale}) ${p.path} → ${path.relative(process.cwd(), file)}`);
      }
      await Promise.all(contexts.map((c) => c.close()));
    }
  } finally {
    await browser.close();
    await stop();
  }
  console.log(`${written.length} screenshots in ${path.relative(process.cwd(), OUT)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
