// Carer profiles and photos over HTTP: a carer writes only their own profile; bad radius, coordinates
// and prices are refused; a bio's script stays inert; photos are sniffed, capped and re-encoded.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carerAvailability, carers, carerServices } from "~db/schema";
import { setCarerPhoto } from "~/carers/carers.server";
import { postEntries } from "../support/geo-fixtures";
import type { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let people: TestApp["personas"];
let carerX: HttpClient;
let carerY: HttpClient;
let familyA: HttpClient;
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-uploads-"));

beforeAll(async () => {
  app = await startAppWithPersonas({ UPLOAD_DIR: uploadDir });
  people = app.personas;
  carerX = people.carerX.client;
  carerY = people.carerY.client;
  familyA = people.familyA.client;
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

const profile = (over: Record<string, string> = {}): [string, string][] => {
  const base: Record<string, string> = {
    bio: "Retired nurse. I love Yue opera.",
    gender: "female",
    lat: "30.259871",
    lng: "120.130456",
    radiusKm: "6",
    timeZone: "Asia/Shanghai",
    "services[0].service": "companionship",
    "services[0].offered": "on",
    "services[0].price": "60",
    "services[0].minMinutes": "60",
    "services[1].service": "clinic_escort",
    "services[1].offered": "on",
    "services[1].price": "85.5",
    "services[1].minMinutes": "120",
    "services[2].service": "errands",
    "services[2].price": "",
    "availability[0].weekday": "1",
    "availability[0].start": "09:00",
    "availability[0].end": "12:00",
    "availability[1].weekday": "3",
    "availability[1].start": "",
    "availability[1].end": "",
    "faq[0].question": "Do you cook?",
    "faq[0].answer": "Simple Hangzhou dishes.",
    quickPhrases: "On my way!\nI have arrived.",
    ...over,
  };
  return [...Object.entries(base), ["languages", "mandarin"], ["languages", "hangzhounese"]];
};

describe("carer profile", () => {
  it("saves the carer's own profile: services in fen, radius in metres, availability windows", async () => {
    const res = await postEntries(carerX, "/carer/profile", profile());
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    expect(row).toMatchObject({
      radiusM: 6000,
      gender: "female",
      languages: ["mandarin", "hangzhounese"],
      quickPhrases: ["On my way!", "I have arrived."],
    });
    expect(row!.faq).toEqual([{ question: "Do you cook?", answer: "Simple Hangzhou dishes." }]);
    const services = await app.db.select().from(carerServices).where(eq(carerServices.carerId, people.carerX.id));
    expect(services.map((s) => [s.service, s.priceCents, s.minMinutes]).sort()).toEqual([
      ["clinic_escort", 8550, 120],
      ["companionship", 6000, 60],
    ]);
    const windows = await app.db
      .select()
      .from(carerAvailability)
      .where(eq(carerAvailability.carerId, people.carerX.id));
    expect(windows).toEqual([{ carerId: people.carerX.id, weekday: 1, startMinute: 540, endMinute: 720 }]);
  });

  it("lists the availability Monday first on the public profile, as the carer's form does", async () => {
    const sundayAndMonday = profile({
      "availability[0].weekday": "0",
      "availability[0].start": "10:00",
      "availability[0].end": "11:00",
      "availability[1].weekday": "1",
      "availability[1].start": "09:00",
      "availability[1].end": "12:00",
    });
    expect((await postEntries(carerX, "/carer/profile", sundayAndMonday)).status).toBe(302);
    const html = (await (await familyA.get(`/carers/${people.carerX.id}`)).text()).replaceAll("<!-- -->", "");
    const monday = html.indexOf("Monday: 09:00–12:00");
    const sunday = html.indexOf("Sunday: 10:00–11:00");
    expect(monday).toBeGreaterThan(-1);
    expect(sunday).toBeGreaterThan(monday);
    expect((await postEntries(carerX, "/carer/profile", profile())).status).toBe(302);
  });

  it("draws every saved FAQ pair, up to five, so saving the form as drawn keeps them all (an outside probe)", async () => {
    const five = Object.fromEntries(
      [0, 1, 2, 3, 4].flatMap((i) => [
        [`faq[${i}].question`, `Question ${i}?`],
        [`faq[${i}].answer`, `Answer ${i}.`],
      ]),
    );
    expect((await postEntries(carerX, "/carer/profile", profile(five))).status).toBe(302);
    const html = await (await carerX.get("/carer/profile?step=faq")).text();
    // The form as drawn, posted back: five pairs it shows, five saved (it drew three and dropped two).
    const drawn = [...html.matchAll(/name="(faq\[\d\]\.(?:question|answer))"[^>]*>(?:([^<]*)<\/textarea>)?/g)];
    expect(drawn.filter((m) => m[1]!.endsWith("question"))).toHaveLength(5);
    expect(html).toContain('value="Question 4?"');
    expect(html).toContain("Answer 4.</textarea>");
    // One saved pair: an empty row to add another, three rows in all.
    expect((await postEntries(carerX, "/carer/profile", profile())).status).toBe(302);
    const one = await (await carerX.get("/carer/profile?step=faq")).text();
    expect(one.match(/name="faq\[\d\]\.question"/g)).toHaveLength(3);
    // A quick phrase over 200 characters is refused beside the box, not cut when saved.
    const long = await postEntries(carerX, "/carer/profile", profile({ quickPhrases: `${"我".repeat(199)}😀好` }));
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("A phrase can be up to 200 characters.");
    expect(
      (await postEntries(carerX, "/carer/profile", profile({ quickPhrases: `${"我".repeat(199)}😀` }))).status,
    ).toBe(302);
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    expect(row!.quickPhrases).toEqual([`${"我".repeat(199)}😀`]);
    expect((await postEntries(carerX, "/carer/profile", profile())).status).toBe(302);
  });

  it("reads rows posted with gaps in their numbers as the rows they are (a careless client)", async () => {
    // services[0], [4] and [5]: zod refused the gaps in English, under rows no page draws, and the page
    // said nothing.
    const gappy = profile().map(([k, v]) => [
      k.replace("services[1].", "services[4].").replace("services[2].", "services[5]."),
      v,
    ]);
    expect((await postEntries(carerX, "/carer/profile", gappy as [string, string][])).status).toBe(302);
    const services = await app.db.select().from(carerServices).where(eq(carerServices.carerId, people.carerX.id));
    expect(services.map((s) => s.service).sort()).toEqual(["clinic_escort", "companionship"]);
  });

  it("refuses a radius above 20 km, coordinates out of range and a negative price, changing nothing", async () => {
    for (const [over, message] of [
      [{ radiusKm: "25" }, "The service radius must be between 1 and 20 km."],
      [{ radiusKm: "0.5" }, "The service radius must be between 1 and 20 km."],
      [{ lat: "95" }, "Latitude must be between -90 and 90."],
      [{ lng: "200" }, "Longitude must be between -180 and 180."],
      [{ "services[0].price": "-5" }, "The price must be more than 0: an offer at ¥0 cannot be sent."],
      // A tampered hidden field: the message is shown under the services, not under a key no page renders.
      [{ "services[0].service": "bogus" }, "<li>Choose one of the options.</li>"],
      // A service named twice replaced the first's price and dropped the service the row stood for.
      [{ "services[1].service": "companionship" }, "not as this page sent it"],
      [{ "availability[0].weekday": "9" }, "<li>Choose one of the options.</li>"],
    ] as const) {
      const res = await postEntries(carerX, "/carer/profile", profile(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      const page = await res.text();
      expect(page).toContain(message);
      expect(page).not.toContain("catalogue.");
    }
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    expect(row!.radiusM).toBe(6000);
    const services = await app.db.select().from(carerServices).where(eq(carerServices.carerId, people.carerX.id));
    expect(services.every((s) => s.priceCents >= 0)).toBe(true);
    expect(services.map((s) => s.service)).toEqual(expect.arrayContaining(["companionship", "clinic_escort"]));
  });

  it("refuses two overlapping windows on one weekday with a message on the row, changing nothing", async () => {
    const res = await postEntries(
      carerX,
      "/carer/profile",
      profile({ "availability[1].weekday": "1", "availability[1].start": "09:00", "availability[1].end": "10:00" }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This overlaps another window on the same day.");
    const windows = await app.db
      .select()
      .from(carerAvailability)
      .where(eq(carerAvailability.carerId, people.carerX.id));
    expect(windows).toEqual([{ carerId: people.carerX.id, weekday: 1, startMinute: 540, endMinute: 720 }]);
    // Back to back on the same day is fine.
    const ok = await postEntries(
      carerX,
      "/carer/profile",
      profile({ "availability[1].weekday": "1", "availability[1].start": "12:00", "availability[1].end": "14:00" }),
    );
    expect(ok.status).toBe(302);
    const after = await app.db.select().from(carerAvailability).where(eq(carerAvailability.carerId, people.carerX.id));
    expect(after.map((w) => [w.weekday, w.startMinute, w.endMinute]).sort()).toEqual([
      [1, 540, 720],
      [1, 720, 840],
    ]);
    await postEntries(carerX, "/carer/profile", profile());
  });

  it("never lets a carer edit another carer's profile", async () => {
    // Carer Y posts with carer X's id in every field that could name a carer: the session decides.
    const res = await postEntries(carerY, "/carer/profile", [
      ...profile({ bio: "Y's bio", radiusKm: "3" }),
      ["userId", people.carerX.id],
      ["carerId", people.carerX.id],
    ]);
    expect(res.status).toBe(302);
    const [x] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    const [y] = await app.db.select().from(carers).where(eq(carers.userId, people.carerY.id));
    expect(x!.bio).toBe("Retired nurse. I love Yue opera.");
    expect(y!.bio).toBe("Y's bio");
    // The public profile's action takes only review replies and an admin's hiding of review text
    // (ratings): a bio is refused and changes nothing. The profile form is for carers only.
    expect((await postEntries(carerY, `/carers/${people.carerX.id}`, { bio: "hacked" })).status).toBe(400);
    const [still] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    expect(still!.bio).toBe("Retired nurse. I love Yue opera.");
    expect((await postEntries(familyA, "/carer/profile", profile())).status).toBe(403);
  });

  it("renders a bio's script as inert text", async () => {
    await postEntries(
      carerY,
      "/carer/profile",
      profile({ bio: '<script>alert("x")</script><img src=x onerror=alert(1)>' }),
    );
    const html = await (await familyA.get(`/carers/${people.carerY.id}`)).text();
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows other people only an approximate base", async () => {
    const html = await (await familyA.get(`/carers/${people.carerX.id}`)).text();
    const data = await (await familyA.get(`/carers/${people.carerX.id}.data`)).text();
    for (const body of [html, data]) {
      expect(body).not.toContain("30.259871");
      expect(body).not.toContain("120.130456");
    }
    const own = await (await carerX.get(`/carers/${people.carerX.id}.data`)).text();
    expect(own).toContain("30.259871");
  });
});

async function upload(client: HttpClient, bytes: Uint8Array, filename: string, type: string) {
  const form = new FormData();
  form.set("photo", new Blob([new Uint8Array(bytes)], { type }), filename);
  return client.request("/carer/profile/photo", { method: "POST", body: form, headers: { Origin: client.origin } });
}

describe("carer photo", () => {
  it("re-encodes a JPEG, strips EXIF and GPS, and serves it as image/jpeg with nosniff", async () => {
    const withGps = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#c33" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "SecretCam", Copyright: "me" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 15/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await upload(carerX, withGps, "me.jpg", "image/jpeg");
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    expect(row!.photoKey).toMatch(/^carers\//);
    const served = await familyA.get(`/photos/${row!.photoKey}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(800);
    expect(bytes.includes(Buffer.from("SecretCam"))).toBe(false);
  });

  it("two photo uploads at once each replace a different key, so no old file is left behind", async () => {
    await setCarerPhoto(app.db, people.carerX.id, "carers/test-a.jpg");
    const [b, c] = await Promise.all([
      setCarerPhoto(app.db, people.carerX.id, "carers/test-b.jpg"),
      setCarerPhoto(app.db, people.carerX.id, "carers/test-c.jpg"),
    ]);
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    // One replaced a, the other replaced the first one's key; the last one stays.
    expect([b!.replaced, c!.replaced, row!.photoKey].sort()).toEqual([
      "carers/test-a.jpg",
      "carers/test-b.jpg",
      "carers/test-c.jpg",
    ]);
    expect(await setCarerPhoto(app.db, people.familyA.id, "carers/test-d.jpg")).toBeNull();
  });

  it("refuses SVG and HTML disguised as images with a field error", async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
    );
    const html = new TextEncoder().encode("<!doctype html><html><script>alert(1)</script></html>");
    for (const [bytes, name, type] of [
      [svg, "photo.jpg", "image/jpeg"],
      [svg, "photo.svg", "image/svg+xml"],
      [html, "photo.png", "image/png"],
    ] as const) {
      const res = await upload(carerY, bytes, name, type);
      expect(res.status, name).toBe(400);
      const body = await res.text();
      expect(body).toContain("The photo must be a JPEG, PNG or WebP image.");
    }
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, people.carerY.id));
    expect(row!.photoKey).toBeNull();
  });

  it("says a photo of too many pixels is too large, not that it is no image", async () => {
    // A small real JPEG whose header says 8000 × 6000 (48 megapixels): what sharp reads first.
    const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#888" } })
      .jpeg()
      .toBuffer();
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    small.writeUInt16BE(6000, sof + 5);
    small.writeUInt16BE(8000, sof + 7);
    const res = await upload(carerY, new Uint8Array(small), "big.jpg", "image/jpeg");
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("The photo is too large to take (over 40 megapixels).");
    expect(body).not.toContain("must be a JPEG, PNG or WebP");
    // Past sharp's own default limit (268 megapixels) too: 20000 × 20000 in the header.
    small.writeUInt16BE(20000, sof + 5);
    small.writeUInt16BE(20000, sof + 7);
    const huge = await upload(carerY, new Uint8Array(small), "huge.jpg", "image/jpeg");
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("The photo is too large to take (over 40 megapixels).");
  });

  it("answers 413 to a 20 MB photo before reading it whole (declared length)", async () => {
    const { status, sent } = await rawUpload({ declaredLength: 20 * 1024 * 1024 });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("says the limit and the way back to the form on a browser's 413 (a phone without scripts sends the photo whole)", async () => {
    const res = await upload(carerY, new Uint8Array(6 * 1024 * 1024), "phone.jpg", "image/jpeg");
    expect(res.status).toBe(413);
    const body = await res.text();
    expect(body).toContain("a photo can be up to 5 MB");
    expect(body).toContain("Back button");
  });

  it("answers 413 to a chunked upload as soon as it passes the cap", async () => {
    const { status, sent } = await rawUpload({ declaredLength: null });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });
});

/** Streams up to 20 MB in 64 KB chunks and stops writing as soon as the response arrives. */
function rawUpload({ declaredLength }: { declaredLength: number | null }): Promise<{ status: number; sent: number }> {
  const url = new URL("/carer/profile/photo", app.url);
  const headers: Record<string, string> = {
    Cookie: carerX.cookieHeader(),
    Origin: carerX.origin,
    "Content-Type": "multipart/form-data; boundary=XYZ",
  };
  if (declaredLength !== null) headers["Content-Length"] = String(declaredLength);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode!, sent });
      req.destroy();
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const pump = () => {
      while (!answered && sent < 20 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
