// Every link a page shows leads somewhere: each persona, a carer with no profile yet and a family with
// no parent among them, follows the links of its pages (same site, GET only) and none answers "not
// found", "not allowed" or an error. A new carer's dashboard linked to a public profile that did not
// exist yet (an outside probe); this walks every page's links rather than that one. Bounded: a few
// pages per route shape, at most MAX_PAGES per persona.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookThroughChat } from "../support/chat-fixtures";
import { makeCarerProfile, makeParent, makeVisitRequest } from "../support/geo-fixtures";
import type { HttpClient } from "../support/http-client";
import { PERSONA_KEYS, type PersonaKey } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

const MAX_PAGES = 150;
/** Pages of one shape (ids replaced) visited per persona: the same page for another id adds little. */
const PER_SHAPE = 3;
/** Left out: they change the session or the language, or answer something other than a page. */
const SKIP = /^\/(?:logout|language)(?:$|[/?])|\.data(?:$|\?)|^\/photos\/|\/photo$|\/stream$|^\/account\/export$/;

let app: TestApp;

beforeAll(async () => {
  app = await startAppWithPersonas();
  const p = app.personas;
  // Family A has a parent, a request and a booked visit with carer X (who has a profile); family B
  // has no parent yet, and carer Y no profile.
  const parentId = await makeParent(app.db, p.familyA.id);
  await makeCarerProfile(app.db, p.carerX.id);
  await makeVisitRequest(app.db, { id: p.familyA.id, role: "family" }, parentId);
  await bookThroughChat(app, p.familyA.id, p.carerX.id, parentId);
});
afterAll(() => app?.close());

const shapeOf = (path: string) =>
  path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id").replace(/\?.*$/, "?…");

/** The same-site links of a page, as paths with their query. */
function linksOf(html: string, base: string): string[] {
  const out: string[] = [];
  for (const [, href] of html.matchAll(/<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"/gi)) {
    if (!href) continue;
    const url = new URL(href.replace(/&amp;/g, "&"), base);
    if (url.origin !== new URL(base).origin) continue;
    out.push(url.pathname + url.search);
  }
  return out;
}

async function crawl(client: HttpClient, start: string) {
  const broken: string[] = [];
  const seen = new Set<string>([start]);
  const perShape = new Map<string, number>();
  const queue: { path: string; from: string }[] = [{ path: start, from: "(start)" }];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const { path, from } = queue.shift()!;
    visited++;
    const res = await client.get(path);
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const to = res.headers.get("Location");
      if (to && !seen.has(to) && !SKIP.test(to)) {
        seen.add(to);
        queue.unshift({ path: to, from: `${from} → ${path}` });
      }
      continue;
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      broken.push(`${res.status} ${path} (linked from ${from})`);
      continue;
    }
    const type = res.headers.get("Content-Type") ?? "";
    if (!type.startsWith("text/html")) {
      await res.body?.cancel();
      continue;
    }
    for (const link of linksOf(await res.text(), new URL(path, app.url).href)) {
      if (seen.has(link) || SKIP.test(link)) continue;
      const shape = shapeOf(link);
      if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      seen.add(link);
      queue.push({ path: link, from: path });
    }
  }
  return { broken, visited };
}

describe("links", () => {
  const starts: Record<PersonaKey | "anonymous", string> = {
    anonymous: "/",
    familyA: "/family",
    familyB: "/family",
    carerX: "/carer",
    carerY: "/carer",
    admin: "/admin",
  };
  it.each(["anonymous", ...PERSONA_KEYS] as const)("lead somewhere for %s", { timeout: 120_000 }, async (who) => {
    const client = app.personas[who].client;
    const { broken, visited } = await crawl(client, starts[who]);
    expect(broken).toEqual([]);
    // The walk went past its first page.
    expect(visited).toBeGreaterThan(5);
    if (process.env.CRAWL_LOG) console.log(who, visited);
  });
});
