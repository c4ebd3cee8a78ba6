// How pages and files leave the server (docs/decisions/012-page-speed.md): build files as their
// precompressed twins with the right headers, pages gzipped cheaply (or not, when a proxy does it),
// Server-Sent Events never compressed, each page carrying only its own language's text, map pages
// preloading Leaflet, and the build's budget check counting exactly what a page's HTML loads.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemoCity } from "~db/seed/demo-city";
import type { PageHandle } from "~/components/page-title";
import { en } from "~/i18n/locales/en";
import { zhCN } from "~/i18n/locales/zh-CN";
import { BUDGETS, readManifest, routeWeights, scriptsBeforeHydration } from "../../scripts/build/budgets";
import { sendResponse } from "../../server/compression";
import { postEntries } from "../support/geo-fixtures";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

const clientDir = path.resolve("build/client");

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET as a browser sends it, with the bytes exactly as they came over the wire. */
function raw(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const BROWSER = { "Accept-Encoding": "gzip, deflate, br, zstd", "Accept-Language": "en-GB,en;q=0.9" };

let app: TestApp;
beforeAll(async () => {
  app = await startAppWithPersonas();
  await seedDemoCity(app.db);
});
afterAll(() => app?.close());

describe("build files", () => {
  const manifest = () => readManifest(clientDir);

  it("go out as their build-time brotli or gzip twin, cached for a year, with Vary", async () => {
    const file = manifest().entry.module;
    const source = fs.readFileSync(path.join(clientDir, file));
    const br = await raw(`${app.url}${file}`, BROWSER);
    expect(br.status).toBe(200);
    expect(br.headers).toMatchObject({
      "content-encoding": "br",
      vary: "Accept-Encoding",
      "cache-control": "public, max-age=31536000, immutable",
      "content-type": "text/javascript; charset=utf-8",
      "content-length": String(br.body.length),
    });
    expect(br.body.equals(fs.readFileSync(path.join(clientDir, `${file}.br`)))).toBe(true);
    expect(brotliDecompressSync(br.body).equals(source)).toBe(true);

    const gz = await raw(`${app.url}${file}`, { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(source)).toBe(true);

    const plain = await raw(`${app.url}${file}`, { "Accept-Encoding": "br;q=0, gzip;q=0" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(source)).toBe(true);

    const again = await raw(`${app.url}${file}`, { ...BROWSER, "If-None-Match": String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const head = await raw(`${app.url}${file}`, BROWSER, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(br.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("are only the files the build made: anything else is a page", async () => {
    const favicon = await raw(`${app.url}/favicon.svg`, BROWSER);
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    for (const url of ["/assets/no-such-file.js", "/assets/../../package.json", "/build/client/favicon.svg"]) {
      const res = await raw(`${app.url}${url}`, BROWSER);
      expect(res.status, url).toBe(404);
      expect(String(res.headers["content-type"]), url).toMatch(/^text\/html/);
    }
  });
});

describe("pages", () => {
  it("are gzipped in one piece with their length, never brotli, and plain for a client that takes neither", async () => {
    const page = await raw(`${app.url}/`, BROWSER);
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/Accept-Encoding/);
    expect(page.headers["content-length"]).toBe(String(page.body.length));
    expect(gunzipSync(page.body).toString()).toContain(en.home.title);

    const plain = await raw(`${app.url}/`, { "Accept-Language": "en" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain(en.home.title);
  });

  it("carry the text they show in their language only, and prefetch the rest of it", async () => {
    for (const [lang, catalogue, other] of [
      ["en", en, zhCN],
      ["zh-CN", zhCN, en],
    ] as const) {
      const res = await fetch(`${app.url}/`, { headers: { "Accept-Language": lang } });
      const html = await res.text();
      const data = /<script id="kv-i18n" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1];
      expect(data, lang).toBeDefined();
      const carried = JSON.parse(data!) as typeof en;
      expect(carried.home.title).toBe(catalogue.home.title);
      expect(carried.nav.login).toBe(catalogue.nav.login);
      // Not the other language, and not this language's text the page does not show.
      expect(data).not.toContain(JSON.stringify(other.home.title).slice(1, -1));
      expect(carried.signup).toBeUndefined();
      const link = res.headers.get("Link") ?? "";
      expect(link).toMatch(new RegExp(`</assets/${lang}-[\\w-]+\\.js>; rel=prefetch`));
      expect(link).not.toMatch(new RegExp(`/assets/${lang === "en" ? "zh-CN" : "en"}-`));
    }
  });

  it("are titled in the reader's language, every page its own title", async () => {
    for (const [lang, title, home] of [
      ["en", "<title>Log in · Kinvisit</title>", "<title>Kinvisit</title>"],
      ["zh-CN", "<title>登录 · Kinvisit 常来看</title>", "<title>Kinvisit 常来看</title>"],
    ] as const) {
      const headers = { "Accept-Language": lang };
      expect(await (await fetch(`${app.url}/login`, { headers })).text(), lang).toContain(title);
      const front = await (await fetch(`${app.url}/`, { headers })).text();
      expect(front, lang).toContain(home);
      expect(front.match(/<title>/g), lang).toHaveLength(1);
    }
    // Every route that draws a page names its title, and both languages have it (the front page goes by
    // the app's name; the 404 catch-all is checked with the error pages below).
    const build = (await import(/* @vite-ignore */ path.resolve("build/server/index.js"))) as ServerBuild;
    // A layout (a route others sit in) leaves the title to the page inside it.
    const layouts = new Set(Object.values(build.routes).map((route) => route?.parentId));
    const untitled = Object.entries(build.routes)
      .filter(([id, route]) => route?.module.default && !["root", "routes/_index", "routes/$"].includes(id))
      .filter(([id]) => !layouts.has(id))
      .filter(([id]) => !id.startsWith("routes/dev."))
      .filter(([, route]) => {
        const key = (route!.module.handle as PageHandle | undefined)?.title;
        const [, name] = key?.split(".") ?? [];
        return !name || !(name in en.titles) || !(name in zhCN.titles);
      })
      .map(([id]) => id);
    expect(untitled).toEqual([]);
  });

  it("title an error page by its error, not by the page that was asked for", async () => {
    const family = new HttpClient(app.url);
    await family.login("family.a@kinvisit.test", DEMO_PASSWORD);
    // A page whose loader answers 404 (no such parent), and a URL no route claims.
    for (const url of [`/family/parents/${crypto.randomUUID()}`, "/no/such/page"]) {
      const res = await family.get(url);
      expect(res.status, url).toBe(404);
      const titles = (await res.text()).match(/<title>[^<]*<\/title>/g);
      expect(titles, url).toEqual(["<title>Page not found · Kinvisit</title>"]);
    }
    // A route's own error boundary (not the root's): a conversation with a carer who does not exist.
    const start = await postEntries(family, "/chat/new", {
      from: "service",
      carerId: crypto.randomUUID(),
      parentId: (await family.get("/family").then((r) => r.text())).match(/\/family\/parents\/([0-9a-f-]{36})/)![1]!,
      service: "companionship",
    });
    expect(start.status).toBe(404);
    expect((await start.text()).match(/<title>[^<]*<\/title>/g)).toEqual(["<title>Page not found · Kinvisit</title>"]);
    // Not allowed: a carer on a family's page (this carer reads Chinese).
    const carer = new HttpClient(app.url);
    await carer.login("carer.x@kinvisit.test", DEMO_PASSWORD);
    const refused = await carer.get("/family");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("<title>无权访问 · Kinvisit 常来看</title>");
  });

  it("hold no zero bytes where React's 2 kB views end (app/http/html-chunks.server.ts)", async () => {
    // The family's search lists Chinese names and prices in yuan: before the fix it carried 'CN\0¥70'
    // and '马\0\0军'. The carer's job list is the same in Chinese.
    const family = new HttpClient(app.url);
    await family.login("family.a@kinvisit.test", DEMO_PASSWORD);
    const parent = /\/family\/parents\/[0-9a-f-]{36}(?=")/.exec(await (await family.get("/family")).text())?.[0];
    expect(parent).toBeDefined();
    const carer = new HttpClient(app.url);
    await carer.login("carer.x@kinvisit.test", DEMO_PASSWORD);
    for (const [client, url] of [
      [family, `${parent}/carers`],
      [carer, "/carer/jobs"],
      [carer, "/carer/profile"],
    ] as const) {
      const res = await client.get(url);
      expect(res.status, url).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length, url).toBeGreaterThan(8 * 1024);
      expect(bytes.indexOf(0), url).toBe(-1);
    }
  });

  it("preload Leaflet when they show a map, and only then", async () => {
    const carer = new HttpClient(app.url);
    expect((await carer.login("carer.x@kinvisit.test", DEMO_PASSWORD)).status).toBe(302);
    const jobs = await carer.get("/carer/jobs");
    expect(jobs.status).toBe(200);
    const link = jobs.headers.get("Link") ?? "";
    // At low priority: the page's own CSS and scripts come first (the server drew the map's first view).
    expect(link).toMatch(/<\/assets\/points-map\.client-[\w-]+\.js>; rel=modulepreload; fetchpriority=low/);
    expect(link).toMatch(/<\/assets\/base-map\.client-[\w-]+\.js>; rel=modulepreload; fetchpriority=low/);
    expect(link).toMatch(/<\/assets\/[\w.-]+\.css>; rel=preload; as=style; crossorigin; fetchpriority=low/);
    const home = await fetch(`${app.url}/`);
    expect(home.headers.get("Link") ?? "").not.toMatch(/map/);
    // Every page asks first, at the usual priority, for the stylesheet its first paint waits for: the
    // one its <head> links, before the HTML is parsed and ahead of Leaflet and the catalogue.
    for (const res of [jobs, home]) {
      const html = await res.text();
      const stylesheet = /<link rel="stylesheet" href="(\/assets\/styles-[\w-]+\.css)"/.exec(html)?.[1];
      expect(stylesheet).toBeDefined();
      expect((res.headers.get("Link") ?? "").split(", ")[0]).toBe(`<${stylesheet}>; rel=preload; as=style`);
    }
    // A map with no first view in the HTML (the pin picker) is asked for at the usual priority.
    const family = new HttpClient(app.url);
    expect((await family.login("family.a@kinvisit.test", DEMO_PASSWORD)).status).toBe(302);
    const newParent = await family.get("/family/parents/new");
    expect(newParent.status).toBe(200);
    const picker = newParent.headers.get("Link") ?? "";
    expect(picker).toMatch(/<\/assets\/pin-picker\.client-[\w-]+\.js>; rel=modulepreload(,|$)/);
    expect(picker).not.toMatch(/fetchpriority/);
    // A route whose chunk can show a map preloads it only on the states that show one: the carer
    // profile's step with the service area, not its other steps (Chromium warned of a preload unused).
    const step = async (name: string) => (await carer.get(`/carer/profile?step=${name}`)).headers.get("Link") ?? "";
    expect(await step("area")).toMatch(/<\/assets\/pin-picker\.client-[\w-]+\.js>; rel=modulepreload(,|$)/);
    for (const other of ["about", "services"]) {
      const link = await step(other);
      expect(link, other).toMatch(/styles-[\w-]+\.css>; rel=preload; as=style/);
      expect(link, other).not.toMatch(/map\.client|pin-picker|leaflet/i);
    }
  });

  it("load before hydration exactly what the build's budget check counts, within budget", async () => {
    const manifest = readManifest(clientDir);
    const carer = new HttpClient(app.url);
    await carer.login("carer.x@kinvisit.test", DEMO_PASSWORD);
    for (const [client, url, routeId] of [
      [new HttpClient(app.url), "/", "routes/_index"],
      [carer, "/carer/jobs", "routes/carer_.jobs"],
      [new HttpClient(app.url), "/login", "routes/login"],
    ] as const) {
      const html = await (await client.get(url)).text();
      const loaded = new Set<string>();
      for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) loaded.add(m[1]!);
      for (const m of html.matchAll(/import \* as \w+ from "([^"]+)"/g)) loaded.add(m[1]!);
      expect([...loaded].sort(), url).toEqual(scriptsBeforeHydration(manifest, routeId).sort());
    }
    for (const w of routeWeights(clientDir)) {
      expect(w.bytes, w.routeId).toBeLessThanOrEqual(w.budget);
      expect(w.mapBytes, w.routeId).toBeLessThanOrEqual(BUDGETS.map);
    }
    // Forms check their input with zod only after hydration: no zod before it.
    const login = scriptsBeforeHydration(manifest, "routes/login");
    for (const file of login) expect(fs.readFileSync(path.join(clientDir, file), "utf8"), file).not.toMatch(/ZodError/);
  });
});

describe("responses", () => {
  it("as Server-Sent Events are never compressed or held back", async () => {
    const server = express();
    let release = () => {};
    server.get("/events", async (req, res) => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(`data: ${"x".repeat(4000)}\n\n`));
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          controller.close();
        },
      });
      await sendResponse(req, res, new Response(body, { headers: { "Content-Type": "text/event-stream" } }), {
        compress: true,
      });
    });
    const listening = server.listen(0, "127.0.0.1");
    await new Promise((r) => listening.once("listening", r));
    const { port } = listening.address() as { port: number };
    try {
      const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
        http
          .get(`http://127.0.0.1:${port}/events`, { headers: BROWSER }, (res) => {
            // The first event arrives while the stream is still open.
            res.once("data", (c: Buffer) => resolve({ headers: res.headers, chunk: c.toString() }));
          })
          .on("error", reject);
      });
      expect(first.headers["content-encoding"]).toBeUndefined();
      expect(first.chunk).toMatch(/^data: x+/);
    } finally {
      release();
      listening.closeAllConnections();
      await new Promise((r) => listening.close(r));
    }
  });
});

describe("with COMPRESS_PAGES=false (a proxy compresses)", () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await startAppWithPersonas({ COMPRESS_PAGES: "false" });
  });
  afterAll(() => plain?.close());

  it("pages go out as they are, build files still as their twins", async () => {
    const page = await raw(`${plain.url}/`, BROWSER);
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.body.toString()).toContain("<!DOCTYPE html>");
    const file = readManifest(clientDir).entry.module;
    expect((await raw(`${plain.url}${file}`, BROWSER)).headers["content-encoding"]).toBe("br");
  });
});
