// A page on which nothing waits renders as one string (app/http/render-whole.server.ts), except when a
// lazy part's code is not loaded yet, the first time after a start: React's stream renders it then. Both
// must give the same page, with the data the browser hydrates from and the text it shows. This file runs in its own process,
// so its first request is the build's first render of the search page and its filter sheet.
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

it("renders a page the same the first time after a start (lazy part loading) as every time after", async () => {
  const url = `/family/parents/${parent}/carers`;
  const pages: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await app.personas.familyA.client.get(url);
    expect(res.status).toBe(200);
    pages.push(await res.text());
  }
  const [first, ...later] = pages.map(steady);
  for (const page of later) expect(page).toBe(first);
  // The stream renders a part that waited after the catalogue's script, so its page carries the whole
  // catalogue; the string carries what it showed, the filter sheet's text included.
  const [firstText, laterText] = pages.map((page) => JSON.parse(CATALOGUE.exec(page)?.[1] ?? "null"));
  expect(laterText.search.sorts.best).toBe("Best match");
  expect(firstText.search).toMatchObject(laterText.search);
  expect(Object.keys(firstText).length).toBeGreaterThan(Object.keys(laterText).length);
  // Whole: the filter sheet (the lazy part) is in it, no boundary was left for the browser to render,
  // and the loader data the browser hydrates from is there and closed.
  expect(first).toMatch(/^<!DOCTYPE html><html/);
  expect(first).toContain('class="sheet__body filters"');
  expect(first).not.toContain("<!--$!-->");
  expect(first).toMatch(/streamController\.enqueue\(".*\\"loaderData\\"/);
  expect(first).toContain("window.__remixContext.streamController.close();");
});
