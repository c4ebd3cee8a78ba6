// A page on which nothing waits renders as one string (app/http/render-whole.server.ts). Its lazy parts'
// code is loaded on the server when it starts (lazy-island.tsx), so the first page after a start is
// rendered as every later one, with the data the browser hydrates from and only the text it shows. This
// file runs in its own process: its first request is the build's first render of the search page and of
// its filter sheet (a lazy part).
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeParent } from "../support/geo-fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let parent: string;

beforeAll(async () => {
  app = await startAppWithPersonas();
  parent = await makeParent(app.db, app.personas.familyA.id);
});
afterAll(() => app?.close());

const CATALOGUE = /<script id="kv-i18n" type="application\/json">(.*?)<\/script>/;

/**
 * The page without what changes on every request (the CSP nonce, the forms' one-time keys, the clock)
 * and without its catalogue (the text it carries for hydration: compared on its own).
 */
function steady(html: string): string {
  return html
    .replace(CATALOGUE, "")
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="submissionKey" value="[^"]*"/g, 'name="submissionKey" value=""')
    .replace(/\\"now\\",\\"[^\\]*\\"/g, '\\"now\\",\\"\\"');
}

it("renders a page with a lazy part the same the first time after a start as every time after", async () => {
  const url = `/family/parents/${parent}/carers`;
  const pages: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await app.personas.familyA.client.get(url);
    expect(res.status).toBe(200);
    pages.push(await res.text());
  }
  const [first, ...later] = pages.map(steady);
  for (const page of later) expect(page).toBe(first);
  // The same text carried, the filter sheet's included, and not the whole catalogue (which only a page
  // from React's stream carries: app/entry.server.tsx).
  const [firstText, ...laterText] = pages.map((page) => CATALOGUE.exec(page)?.[1]);
  for (const text of laterText) expect(text).toBe(firstText);
  const carried = JSON.parse(firstText ?? "null");
  expect(carried.search.sorts.best).toBe("Best match");
  expect(carried.visits).toBeUndefined();
  // Whole: the filter sheet (the lazy part) is in it, no boundary was left for the browser to render,
  // and the loader data the browser hydrates from is there and closed.
  expect(first).toMatch(/^<!DOCTYPE html><html/);
  expect(first).toContain('class="sheet__body filters"');
  expect(first).not.toContain("<!--$!-->");
  expect(first).toMatch(/streamController\.enqueue\(".*\\"loaderData\\"/);
  expect(first).toContain("window.__remixContext.streamController.close();");
});
