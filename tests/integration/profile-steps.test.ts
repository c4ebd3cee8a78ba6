// The carer profile form in steps, over HTTP against the real app: a new carer starts at the area step
// whatever the URL says; each step's save goes on to the next with its own toast; the last one stays
// and says the profile is saved; a refused step changes nothing. Works the same without JavaScript.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carerAvailability, carerServices, carers, parents } from "~db/schema";
import { makeParent, postEntries } from "../support/geo-fixtures";
import type { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let carerX: HttpClient;
let familyA: HttpClient;

beforeAll(async () => {
  app = await startAppWithPersonas();
  carerX = app.personas.carerX.client;
  familyA = app.personas.familyA.client;
});
afterAll(async () => {
  await app?.close();
});

const area = (step: string, over: Record<string, string> = {}): [string, string][] => [
  ...Object.entries({ step, lat: "30.259871", lng: "120.130456", radiusKm: "6", timeZone: "Asia/Shanghai", ...over }),
  ["languages", "mandarin"],
];

/** The toast the redirect carries, decoded from its cookie. */
function toastOf(res: Response): string | null {
  const line = res.headers.getSetCookie().find((c) => c.startsWith("kv_toast="));
  if (!line) return null;
  const value = line.slice("kv_toast=".length).split(";")[0]!;
  return JSON.parse(Buffer.from(value, "base64url").toString("utf8")).message;
}

describe("carer profile steps", () => {
  it("a carer without a profile is shown the area step, whatever step the URL asks for", async () => {
    const html = await (await carerX.get("/carer/profile?step=faq")).text();
    expect(html).toMatch(/<section[^>]*id="step-area"(?![^>]*hidden)/);
    expect(html).toMatch(/<section[^>]*id="step-faq"[^>]*hidden/);
    // Before the profile exists, the later steps are not links.
    expect(html).not.toContain('href="/carer/profile?step=services"');
    // The zone asked here is the availability's; the pages follow the account's (it read as ignored).
    const select = /<select[^>]*name="timeZone"[^>]*>/.exec(html)![0];
    const hintId = /aria-describedby="([^" ]+-hint)"/.exec(select)![1]!;
    expect(html).toMatch(new RegExp(`<p id="${hintId}" class="field-hint">[^<]*(Account|账户)`));
  });

  it("a refused step changes nothing and answers 400", async () => {
    const res = await postEntries(carerX, "/carer/profile?step=area", area("area", { radiusKm: "99" }));
    expect(res.status).toBe(400);
    expect(await app.db.select().from(carers).where(eq(carers.userId, app.personas.carerX.id))).toEqual([]);
  });

  it("each step saves and goes on to the next with a toast; the last one stays and says the profile is saved", async () => {
    const first = await postEntries(carerX, "/carer/profile?step=area", area("area"));
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/carer/profile?step=about");
    expect(toastOf(first)).toBe("profileStepSaved");
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, app.personas.carerX.id));
    expect(row?.radiusM).toBe(6000);

    const about = await postEntries(carerX, "/carer/profile?step=about", [...area("about"), ["bio", "Retired nurse."]]);
    expect(about.headers.get("location")).toBe("/carer/profile?step=services");
    const [saved] = await app.db.select().from(carers).where(eq(carers.userId, app.personas.carerX.id));
    expect(saved?.bio).toBe("Retired nurse.");

    // The services step saved with none ticked moves on too, and says families cannot find the carer yet.
    const none = await postEntries(carerX, "/carer/profile?step=services", [
      ...area("services"),
      ["bio", "Retired nurse."],
    ]);
    expect(none.headers.get("location")).toBe("/carer/profile?step=availability");
    expect(toastOf(none)).toBe("profileSavedNoService");
    const ticked = await postEntries(carerX, "/carer/profile?step=services", [
      ...area("services"),
      ["bio", "Retired nurse."],
      ["services[0].service", "companionship"],
      ["services[0].offered", "on"],
      ["services[0].price", "80"],
      ["services[0].minMinutes", "60"],
    ]);
    expect(toastOf(ticked)).toBe("profileStepSaved");

    const last = await postEntries(carerX, "/carer/profile?step=faq", [...area("faq"), ["bio", "Retired nurse."]]);
    expect(last.headers.get("location")).toBe("/carer/profile?step=faq&saved=1");
    expect(toastOf(last)).toBe("profileSaved");

    // Now every step is a link, and the one in the URL is on screen with a progress count.
    const html = await (await carerX.get("/carer/profile?step=services")).text();
    expect(html).toContain('href="/carer/profile?step=faq"');
    expect(html).toMatch(/<section[^>]*id="step-services"(?![^>]*hidden)/);
    expect(html).toContain("Step 3 of 5");
  });

  it("saves only the posted step's fields: a client posting one step alone blanks nothing (an outside probe)", async () => {
    const services = () => app.db.select().from(carerServices).where(eq(carerServices.carerId, app.personas.carerX.id));
    await postEntries(carerX, "/carer/profile?step=services", [
      ...area("services"),
      ["services[0].service", "companionship"],
      ["services[0].offered", "on"],
      ["services[0].price", "80"],
      ["services[0].minMinutes", "60"],
    ]);
    expect(await services()).toHaveLength(1);
    // The about step, with nothing of the services step in it.
    const about = await postEntries(carerX, "/carer/profile?step=about", [...area("about"), ["bio", "Hello"]]);
    expect(about.status).toBe(302);
    expect(await services()).toHaveLength(1);
    const [row] = await app.db.select().from(carers).where(eq(carers.userId, app.personas.carerX.id));
    expect(row?.bio).toBe("Hello");
    // The area step's own fields still save from it, and its radius is the one posted.
    await postEntries(carerX, "/carer/profile?step=area", area("area", { radiusKm: "7" }));
    const [moved] = await app.db.select().from(carers).where(eq(carers.userId, app.personas.carerX.id));
    expect(moved).toMatchObject({ radiusM: 7000, bio: "Hello" });
    expect(await services()).toHaveLength(1);
  });

  it("keeps a window that ends at midnight, and shows it as a time field can (an outside probe)", async () => {
    const windows = () =>
      app.db.select().from(carerAvailability).where(eq(carerAvailability.carerId, app.personas.carerX.id));
    const post = (end: string) =>
      postEntries(carerX, "/carer/profile?step=availability", [
        ...area("availability"),
        ["availability[0].weekday", "1"],
        ["availability[0].start", "20:00"],
        ["availability[0].end", end],
      ]);
    for (const end of ["24:00", "00:00"]) {
      expect((await post(end)).status, end).toBe(302);
      expect((await windows()).map((w) => [w.weekday, w.startMinute, w.endMinute])).toEqual([[1, 1200, 1440]]);
      // 24:00 was written into the field, which Chromium shows empty, and the next save said the end was missing.
      const html = await (await carerX.get("/carer/profile?step=availability")).text();
      expect(html).toMatch(
        /name="availability\[\d\]\.end"[^>]*value="00:00"|value="00:00"[^>]*name="availability\[\d\]\.end"/,
      );
      expect(html).not.toContain('value="24:00"');
    }
  });

  it("an unknown step in the URL is the first step, never an error", async () => {
    const res = await carerX.get("/carer/profile?step=%3Cscript%3E");
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<section[^>]*id="step-area"(?![^>]*hidden)/);
  });
});

describe("parent edit steps", () => {
  const parentForm = (step: string | null, over: Record<string, string> = {}): [string, string][] => [
    ...(step ? ([["step", step]] as [string, string][]) : []),
    ...Object.entries({
      name: "Zhou Mei 周梅",
      address: "7 Hefang Street",
      lat: "30.241234",
      lng: "120.170987",
      timeZone: "Asia/Shanghai",
      ...over,
    }),
  ];

  it("each step saves and leads to the next; the last, and a post without steps, lead to the parent's page", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id);
    const edit = `/family/parents/${parentId}/edit`;
    const who = await postEntries(familyA, `${edit}?step=who`, parentForm("who", { name: "Zhou Mei" }));
    expect(who.status).toBe(302);
    expect(who.headers.get("location")).toBe(`${edit}?step=where`);
    expect(toastOf(who)).toBe("parentSaved");
    const [saved] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(saved?.name).toBe("Zhou Mei");

    const last = await postEntries(familyA, `${edit}?step=contacts`, parentForm("contacts"));
    expect(last.headers.get("location")).toBe(`/family/parents/${parentId}`);
    const whole = await postEntries(familyA, edit, parentForm(null));
    expect(whole.headers.get("location")).toBe(`/family/parents/${parentId}`);

    // The step in the URL is on screen; the others are in the form, hidden, with their saved values.
    const html = await (await familyA.get(`${edit}?step=contacts`)).text();
    expect(html).toMatch(/<section[^>]*id="step-contacts"(?![^>]*hidden)/);
    expect(html).toMatch(/<section[^>]*hidden[^>]*id="step-who"|<section[^>]*id="step-who"[^>]*hidden/);
    expect(html).toContain('name="lat" value="30.241234"');
  });

  it("saves only the posted step's fields: the phone, door code and contacts stay (an outside probe)", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id, {
      phone: "+8613812345678",
      accessNotes: "Key under the mat",
      interests: "Opera",
      emergencyContacts: [{ name: "Li Wei", relation: "son", phone: "+8613912345678" }],
      visitGoalVisits: 3,
    });
    const res = await postEntries(
      familyA,
      `/family/parents/${parentId}/edit?step=who`,
      parentForm("who", { name: "New" }),
    );
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({
      name: "New",
      phone: "+8613812345678",
      accessNotes: "Key under the mat",
      visitGoalVisits: 3,
      emergencyContacts: [{ name: "Li Wei", relation: "son", phone: "+8613912345678" }],
    });
    // The who step's own optional fields are its to clear.
    expect(row?.interests).toBe("");
  });

  it("refuses a step drawn before another save, unless it changes nothing (an outside probe)", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id, { name: "Dst Parent" });
    const edit = `/family/parents/${parentId}/edit?step=who`;
    const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];
    const tabA = versionIn(await (await familyA.get(edit)).text())!;
    expect(tabA).toMatch(/^\d+$/);
    // Tab B renames; tab A, drawn before, saves its old name with another birth year.
    const tabB = await postEntries(familyA, edit, [
      ...parentForm("who", { name: "Renamed In Tab B" }),
      ["version", tabA],
    ]);
    expect(tabB.status).toBe(302);
    const stale = await postEntries(familyA, edit, [
      ...parentForm("who", { name: "Dst Parent", birthYear: "1940" }),
      ["version", tabA],
    ]);
    expect(stale.status).toBe(409);
    const said = await stale.text();
    expect(said).toContain("nothing was saved");
    let [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({ name: "Renamed In Tab B" });
    // The answer's form carries the version now saved: saving again from it is a choice, and goes through.
    const now = versionIn(said)!;
    expect(now).not.toBe(tabA);
    // A double tap of tab B's save (the same values, drawn before its own first post) is answered as saved.
    const twin = await postEntries(familyA, edit, [
      ...parentForm("who", { name: "Renamed In Tab B" }),
      ["version", tabA],
    ]);
    expect(twin.status).toBe(302);
    const again = await postEntries(familyA, edit, [
      ...parentForm("who", { name: "Dst Parent", birthYear: "1940" }),
      ["version", now],
    ]);
    expect(again.status).toBe(302);
    [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({ name: "Dst Parent", birthYear: 1940 });
  });

  it("answers a repeat of a save as saved when the parent has contacts, and the texts' settings leave the form current (a review)", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id, {
      name: "Kept",
      emergencyContacts: [{ name: "Li Wei", relation: "son", phone: "+8613912345678" }],
    });
    const edit = `/family/parents/${parentId}/edit`;
    const drawn = /name="version" value="(\d+)"/.exec(await (await familyA.get(edit)).text())![1]!;
    // The texts' settings are not the details: saving them leaves a form drawn before current.
    expect(
      (await postEntries(familyA, `/family/parents/${parentId}/checks`, { intent: "save", smsLocale: "zh-CN" })).status,
    ).toBe(302);
    const contacts: [string, string][] = [
      ["emergencyContacts[0].name", "Li Wei"],
      ["emergencyContacts[0].relation", "son"],
      ["emergencyContacts[0].phone", "+86 139 1234 5678"],
    ];
    const whole = [...parentForm(null, { name: "Kept Again" }), ...contacts, ["version", drawn]] as [string, string][];
    expect((await postEntries(familyA, edit, whole)).status).toBe(302);
    // The same post again (a retry after a lost answer), drawn from the version before it: saved, once.
    const [before] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect((await postEntries(familyA, edit, whole)).status).toBe(302);
    const [after] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(after!.updatedAt).toEqual(before!.updatedAt);
    expect(after).toMatchObject({ name: "Kept Again", smsLocale: "zh-CN" });
  });

  it("a refused step answers 400 and changes nothing", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id, { name: "Before" });
    const res = await postEntries(
      familyA,
      `/family/parents/${parentId}/edit?step=where`,
      parentForm("where", { name: "After", lat: "99" }),
    );
    expect(res.status).toBe(400);
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row?.name).toBe("Before");
  });
});
