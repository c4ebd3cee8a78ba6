// The pin picker's address search, proxied to a Nominatim-compatible geocoder (here a local fake):
// only logged-in users, the query validated, the answer validated, upstream failures a clean 502.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let geocoder: http.Server;
const seen: URLSearchParams[] = [];

beforeAll(async () => {
  geocoder = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://127.0.0.1");
    seen.push(url.searchParams);
    const q = url.searchParams.get("q");
    res.setHeader("Content-Type", "application/json");
    if (url.pathname !== "/search") return res.writeHead(404).end("[]");
    if (q === "fail") return res.writeHead(500).end("{}");
    if (q === "junk") return res.end(JSON.stringify({ error: "not a list" }));
    res.end(
      JSON.stringify([
        { display_name: "West Lake, Xihu District, Hangzhou", lat: "30.2467", lon: "120.1485" },
        { display_name: "", lat: "30", lon: "120" },
        { display_name: "Out of range", lat: "95", lon: "120" },
        { display_name: "<script>alert(1)</script> Lane", lat: "30.25", lon: "120.16" },
      ]),
    );
  });
  await new Promise<void>((resolve) => geocoder.listen(0, "127.0.0.1", resolve));
  app = await startAppWithPersonas({ GEOCODER_URL: `http://127.0.0.1:${(geocoder.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => geocoder?.close(resolve));
});

describe("address search", () => {
  it("answers logged-in users with the geocoder's valid hits, in their language", async () => {
    const family = app.personas.familyA.client;
    const res = await family.get("/geocode?q=West+Lake");
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { label: string; lat: number; lng: number }[] };
    expect(results).toEqual([
      { label: "West Lake, Xihu District, Hangzhou", lat: 30.2467, lng: 120.1485 },
      { label: "<script>alert(1)</script> Lane", lat: 30.25, lng: 120.16 },
    ]);
    expect(seen.at(-1)!.get("accept-language")).toBe("en");
    expect(seen.at(-1)!.get("format")).toBe("json");

    expect((await family.get("/geocode?q=x")).status).toBe(400);
    expect((await family.get(`/geocode?q=${"a".repeat(201)}`)).status).toBe(400);
    expect((await family.get("/geocode?q=fail")).status).toBe(502);
    expect((await family.get("/geocode?q=junk")).status).toBe(502);
  });

  it("sends anonymous visitors to log in and never calls the geocoder for them", async () => {
    const before = seen.length;
    const res = await new HttpClient(app.url).get("/geocode?q=West+Lake");
    expect(res.status).toBe(302);
    expect(seen.length).toBe(before);
  });
});
