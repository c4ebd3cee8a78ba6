// A page whose lazy part fails on the server (here its chunk is missing from a copy of the build, as
// when a deploy replaces the files under a running process): the answer is a 500, and the error is in
// the log. Before, an error inside a Suspense boundary of a page rendered whole was logged nowhere.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeParent } from "../support/geo-fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

// Under node_modules/.cache, as bench:sms keeps its bundle: the copy's bare imports (react,
// @remix-run/*) must find node_modules.
fs.mkdirSync(path.resolve("node_modules/.cache"), { recursive: true });
const copy = fs.mkdtempSync(path.resolve("node_modules/.cache/kv-build-copy-"));
const lines: string[] = [];
let app: TestApp;
let parent: string;

beforeAll(async () => {
  fs.cpSync(path.resolve("build/server"), path.join(copy, "server"), { recursive: true });
  fs.symlinkSync(path.resolve("build/client"), path.join(copy, "client"));
  const assets = path.join(copy, "server/assets");
  const chunk = fs.readdirSync(assets).find((f) => f.startsWith("search-filters-"));
  if (!chunk) throw new Error("the search filters' server chunk is not in build/server/assets");
  fs.rmSync(path.join(assets, chunk));
  app = await startAppWithPersonas({}, { buildDir: copy, log: (line) => lines.push(line) });
  parent = await makeParent(app.db, app.personas.familyA.id);
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(copy, { recursive: true, force: true });
});

it("answers 500 and logs the error when a lazy part of the page cannot render", async () => {
  const res = await app.personas.familyA.client.get(`/family/parents/${parent}/carers`);
  expect(res.status).toBe(500);
  const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string; error?: { message?: string } });
  const render = logged.find((l) => l.msg === "render error");
  expect(render?.level).toBe("error");
  expect(render?.error?.message).toMatch(/search-filters/);
});

it("still serves the pages that need nothing missing", async () => {
  const res = await app.personas.familyA.client.get(`/family/parents/${parent}`);
  expect(res.status).toBe(200);
});
