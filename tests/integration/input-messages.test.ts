// Refused input over HTTP (docs/decisions/013): each class the second outside test found. A bad value
// is answered next to its field with a localised message (never a raw key, nor zod's English default),
// changes nothing, and is never a 500.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carerAvailability, carerServices, carers, parents, smsPreferences, users, visitRequests } from "~db/schema";
import { makeParent, postEntries } from "../support/geo-fixtures";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
beforeAll(async () => {
  app = await startAppWithPersonas();
});
afterAll(() => app?.close());

/** The messages shown beside fields (ErrorList), as text. */
function fieldErrorsIn(html: string): string[] {
  return [...html.matchAll(/<ul[^>]*class="field-errors"[^>]*>(.*?)<\/ul>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/<li>(.*?)<\/li>/g)].map((li) => li[1]!),
  );
}

/** A refused form shows `message` beside a field, and no fallback: zod's English default (in the reply
 *  too), a raw key, or the generic message ErrorList shows for a key it cannot translate. */
function expectFieldError(html: string, message: string) {
  const shown = fieldErrorsIn(html);
  expect(shown).toContain(message);
  expect(html).not.toContain("Invalid input");
  for (const text of shown) {
    expect(text).not.toMatch(/^[a-z]+(\.[A-Za-z_]+)+$/);
    expect(["Something went wrong. Please try again.", "出错了，请重试。"]).not.toContain(text);
  }
}

describe("a blank phone or email", () => {
  it("is answered with the required message, in English and Chinese", async () => {
    const family = app.personas.familyA;
    const before = await app.db.select({ phone: users.phone }).from(users).where(eq(users.id, family.id));
    const phone = await family.client.post("/account/phone", { intent: "send", phone: "   " });
    expect(phone.status).toBe(400);
    const phoneHtml = await phone.text();
    expectFieldError(phoneHtml, "This field is required.");
    expect(await app.db.select({ phone: users.phone }).from(users).where(eq(users.id, family.id))).toEqual(before);

    for (const [path, extra] of [
      ["/login", { password: "x" }],
      ["/signup", { name: "Blank Email", password: "correct horse battery", phone: "+8613800199999" }],
    ] as const) {
      const chinese = new HttpClient(app.url);
      chinese.cookies.set("kv_lng", "zh-CN");
      const response = await chinese.post(path, { email: "   ", ...extra });
      expect(response.status, path).toBe(400);
      const html = await response.text();
      expectFieldError(html, "此项为必填。");
    }
  });
});

describe("SMS preferences", () => {
  it("refuse an unknown kind, save nothing, and say so beside the boxes", async () => {
    const carer = app.personas.carerX;
    const response = await postEntries(carer.client, "/account/sms", [
      ["kinds", "<script>"],
      ["timeZone", "Asia/Shanghai"],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expectFieldError(html, "Choose one of the options.");
    expect(await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, carer.id))).toEqual([]);
    // A real kind that only families are sent is no choice of a carer's; nor the carers' of a family.
    for (const [who, kind] of [
      [carer, "carer_arrived"],
      [app.personas.familyB, "nearby_job"],
    ] as const) {
      const foreign = await postEntries(who.client, "/account/sms", [
        ["kinds", kind],
        ["timeZone", "Asia/Shanghai"],
      ]);
      expect(foreign.status, kind).toBe(400);
      expectFieldError(await foreign.text(), "Choose one of the options.");
      expect(await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, who.id))).toEqual([]);
    }
    // A real kind is saved; the others it offers are turned off.
    const saved = await postEntries(carer.client, "/account/sms", [
      ["kinds", "visit_confirmed"],
      ["timeZone", "Asia/Shanghai"],
    ]);
    expect(saved.status).toBe(302);
    const [row] = await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, carer.id));
    expect(row!.disabledKinds).not.toContain("visit_confirmed");
    expect(row!.disabledKinds).toContain("chat_message");
  });
});

let parentCounter = 0;
/** A complete parent form; `over` replaces fields or adds more. */
function parentForm(over: Record<string, string> = {}): [string, string][] {
  const fields: Record<string, string> = {
    name: `Phone Check ${++parentCounter}`,
    address: "7 Hefang Street",
    lat: "30.241234",
    lng: "120.170987",
    timeZone: "Asia/Shanghai",
    languages: "mandarin",
    submissionKey: crypto.randomUUID(),
    ...over,
  };
  return Object.entries(fields);
}

describe("a parent's home address", () => {
  it("is asked for beside its field (blank or only spaces), and nothing is created", async () => {
    const family = app.personas.familyA;
    for (const address of ["", "   "]) {
      const form = parentForm({ address });
      const name = form.find(([k]) => k === "name")![1];
      const response = await postEntries(family.client, "/family/parents/new", form);
      expect(response.status).toBe(400);
      expectFieldError(
        await response.text(),
        "Enter the home address: the carer of a booked visit needs it to find the door.",
      );
      expect(await app.db.select().from(parents).where(eq(parents.name, name))).toEqual([]);
    }
  });

  it("too long, is refused with its limit, in English and Chinese (not just 'too long')", async () => {
    const family = app.personas.familyA;
    for (const [locale, message] of [
      ["en", "Use at most 300 characters."],
      ["zh-CN", "最多 300 个字符。"],
    ] as const) {
      await app.db.update(users).set({ locale }).where(eq(users.id, family.id));
      const form = parentForm({ address: "巷".repeat(301) });
      const name = form.find(([k]) => k === "name")![1];
      const response = await postEntries(family.client, "/family/parents/new", form);
      expect(response.status).toBe(400);
      expectFieldError(await response.text(), message);
      expect(await app.db.select().from(parents).where(eq(parents.name, name))).toEqual([]);
    }
    await app.db.update(users).set({ locale: "en" }).where(eq(users.id, family.id));
  });
});

/** The parent's edit form, posted whole with `fields` over the usual values. */
const editParent = (client: HttpClient, parentId: string, name: string, fields: Record<string, string>) =>
  postEntries(client, `/family/parents/${parentId}/edit`, parentForm({ name, ...fields }));

describe("an emergency contact with only a relation", () => {
  it("is refused beside the row, in English and Chinese, and an edit changes nothing (it was dropped without a word)", async () => {
    const family = app.personas.familyA;
    const parentId = await makeParent(app.db, family.id, {
      emergencyContacts: [{ name: "Zhou Lei", relation: "son", phone: "+8613800001111" }],
    });
    const [before] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    for (const [locale, message] of [
      ["en", "Add a name or a phone number, or clear the relation."],
      ["zh-CN", "请填写姓名或电话，或清空关系。"],
    ] as const) {
      await app.db.update(users).set({ locale }).where(eq(users.id, family.id));
      const edit = await editParent(family.client, parentId, before!.name, {
        "emergencyContacts[0].name": "Zhou Lei",
        "emergencyContacts[0].relation": "son",
        "emergencyContacts[0].phone": "+8613800001111",
        "emergencyContacts[1].relation": "女儿",
      });
      expect(edit.status).toBe(400);
      const html = await edit.text();
      expectFieldError(html, message);
      expect(html).toMatch(/<ul id="[^"]*emergencyContacts\[1\]\.name-error"/);
    }
    await app.db.update(users).set({ locale: "en" }).where(eq(users.id, family.id));
    expect((await app.db.select().from(parents).where(eq(parents.id, parentId)))[0]).toEqual(before);
  });
});

describe("parent and emergency-contact phones", () => {
  it.each([
    ["phone", "2026-02-30", "phone"],
    ["phone", "-99999999", "phone"],
    ["phone", "99999999999999999999", "phone"],
    ["emergencyContacts[0].phone", "2026-02-30", "emergency contact phone"],
  ])("refuse %s=%s beside the field and create nothing", async (field, value) => {
    const family = app.personas.familyA;
    const form = parentForm({ [field]: value, "emergencyContacts[0].name": "Zhou Lei" });
    const name = form.find(([k]) => k === "name")![1];
    const response = await postEntries(family.client, "/family/parents/new", form);
    expect(response.status).toBe(400);
    expectFieldError(
      await response.text(),
      "Enter a valid phone number, mobile or landline. For example: +86 138 0013 8000, 0571 8888 1234.",
    );
    expect(await app.db.select().from(parents).where(eq(parents.name, name))).toEqual([]);
  });

  it("are refused with the form's other problems in one answer, not in a round of their own", async () => {
    const family = app.personas.familyA;
    const form = parentForm({
      birthYear: "1850",
      phone: "021-1234",
      "emergencyContacts[0].name": "Zhou Lei",
      "emergencyContacts[0].phone": "abc",
    });
    const response = await postEntries(family.client, "/family/parents/new", form);
    expect(response.status).toBe(400);
    const shown = fieldErrorsIn(await response.text());
    const phoneMessage =
      "Enter a valid phone number, mobile or landline. For example: +86 138 0013 8000, 0571 8888 1234.";
    // The parent's phone (a shape, but no number), beside the year and the contact's phone (no shape).
    expect(shown.filter((m) => m === phoneMessage)).toHaveLength(2);
    expect(shown.some((m) => /1900/.test(m))).toBe(true);
    expect(shown).toHaveLength(3);
  });

  it("store a mobile or a landline in E.164, and an edit with a bad one changes nothing", async () => {
    const family = app.personas.familyA;
    const form = parentForm({
      phone: "0571 8888 1234",
      "emergencyContacts[0].name": "Zhou Lei",
      "emergencyContacts[0].phone": "138 0000 1111",
    });
    const name = form.find(([k]) => k === "name")![1];
    expect((await postEntries(family.client, "/family/parents/new", form)).status).toBe(302);
    const [row] = await app.db.select().from(parents).where(eq(parents.name, name));
    expect(row!.phone).toBe("+8657188881234");
    expect(row!.emergencyContacts[0]!.phone).toBe("+8613800001111");

    const parentId = await makeParent(app.db, family.id, { phone: "+8613800001234" });
    const [before] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    const edit = await editParent(family.client, parentId, before!.name, {
      "emergencyContacts[0].name": "Zhou Lei",
      "emergencyContacts[0].phone": "-99999999",
    });
    expect(edit.status).toBe(400);
    expectFieldError(
      await edit.text(),
      "Enter a valid phone number, mobile or landline. For example: +86 138 0013 8000, 0571 8888 1234.",
    );
    expect((await app.db.select().from(parents).where(eq(parents.id, parentId)))[0]).toEqual(before);
  });
});

describe("bad weekdays", () => {
  it.each([["8"], ["1.5"], ["0x1"]])("refuse a weekly visit request on day %s beside the day boxes", async (day) => {
    const family = app.personas.familyA;
    const parentId = await makeParent(app.db, family.id);
    const response = await postEntries(family.client, `/family/parents/${parentId}/requests/new`, [
      ["submissionKey", crypto.randomUUID()],
      ["service", "companionship"],
      ["schedule", "weekly"],
      ["weekdays", "1"],
      ["weekdays", day],
      ["time", "09:30"],
      ["durationMinutes", "60"],
    ]);
    expect(response.status).toBe(400);
    expectFieldError(await response.text(), "Choose one of the options.");
    expect(await app.db.select().from(visitRequests).where(eq(visitRequests.parentId, parentId))).toEqual([]);
  });

  it("refuse a carer's availability on day 9 beside the availability, and keep the saved one", async () => {
    const carer = app.personas.carerY;
    const profile = (day: string): [string, string][] => [
      ["lat", "30.259871"],
      ["lng", "120.130456"],
      ["radiusKm", "6"],
      ["timeZone", "Asia/Shanghai"],
      ["languages", "mandarin"],
      ["availability[0].weekday", "1"],
      ["availability[0].start", "09:00"],
      ["availability[0].end", "12:00"],
      ["availability[1].weekday", day],
      ["availability[1].start", "13:00"],
      ["availability[1].end", "15:00"],
    ];
    expect((await postEntries(carer.client, "/carer/profile", profile("2"))).status).toBe(302);
    const saved = async () =>
      (await app.db.select().from(carerAvailability).where(eq(carerAvailability.carerId, carer.id)))
        .map((w) => w.weekday)
        .sort();
    expect(await saved()).toEqual([1, 2]);
    const [before] = await app.db.select().from(carers).where(eq(carers.userId, carer.id));
    for (const day of ["9", "1.5", "0x2"]) {
      const response = await postEntries(carer.client, "/carer/profile", profile(day));
      expect(response.status, day).toBe(400);
      expectFieldError(await response.text(), "Choose one of the options.");
    }
    expect(await saved()).toEqual([1, 2]);
    expect((await app.db.select().from(carers).where(eq(carers.userId, carer.id)))[0]).toEqual(before);
  });
});

describe("numbers in hex or exponent notation", () => {
  it.each([["0x10"], ["1e3"]])(
    "are refused as %s with the enter-a-number message, and create nothing",
    async (text) => {
      const family = app.personas.familyA;
      const parentId = await makeParent(app.db, family.id);
      const request = await postEntries(family.client, `/family/parents/${parentId}/requests/new`, [
        ["submissionKey", crypto.randomUUID()],
        ["service", "companionship"],
        ["schedule", "weekly"],
        ["weekdays", "1"],
        ["time", "09:30"],
        ["durationMinutes", text],
      ]);
      expect(request.status).toBe(400);
      expectFieldError(await request.text(), "Enter a number.");
      expect(await app.db.select().from(visitRequests).where(eq(visitRequests.parentId, parentId))).toEqual([]);

      const form = parentForm({ lat: text });
      const name = form.find(([k]) => k === "name")![1];
      const parent = await postEntries(family.client, "/family/parents/new", form);
      expect(parent.status).toBe(400);
      expect(await app.db.select().from(parents).where(eq(parents.name, name))).toEqual([]);
    },
  );
});

describe("a date already passed", () => {
  // Parent-zone dates relative to the server's clock (the parent fixture lives in Asia/Shanghai).
  const shanghaiDate = (daysFromNow: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(
      new Date(Date.now() + daysFromNow * 86_400_000),
    );

  it("is reported on a visit request with the form's other problems, in one answer", async () => {
    const family = app.personas.familyA;
    const parentId = await makeParent(app.db, family.id);
    const request = (date: string, time: string) =>
      postEntries(family.client, `/family/parents/${parentId}/requests/new`, [
        ["submissionKey", crypto.randomUUID()],
        ["service", "companionship"],
        ["schedule", "once"],
        ["date", date],
        ["time", time],
        ["durationMinutes", "5"],
      ]);
    const yesterday = await request(shanghaiDate(-1), "09:30");
    expect(yesterday.status).toBe(400);
    expect(fieldErrorsIn(await yesterday.text()).sort()).toEqual(
      ["Choose a date from today up to a year ahead.", "Enter between 15 and 720 minutes."].sort(),
    );
    // A right date with a wrong duration: the duration alone.
    const later = await request(shanghaiDate(7), "09:30");
    expect(fieldErrorsIn(await later.text())).toEqual(["Enter between 15 and 720 minutes."]);
    expect(await app.db.select().from(visitRequests).where(eq(visitRequests.parentId, parentId))).toEqual([]);
  });
});

describe("a missing map location", () => {
  it("is one message for the pair on the parent form and the carer profile", async () => {
    const family = app.personas.familyA;
    const form = parentForm().filter(([k]) => k !== "lat" && k !== "lng");
    const parent = await postEntries(family.client, "/family/parents/new", form);
    expect(parent.status).toBe(400);
    const message = "Set the location on the map, or type its latitude and longitude.";
    const parentErrors = fieldErrorsIn(await parent.text());
    expect(parentErrors.filter((e) => e === message)).toHaveLength(1);
    expect(parentErrors).not.toContain("Enter a number.");

    const carer = app.personas.carerX;
    const profile = await postEntries(carer.client, "/carer/profile", [
      ["radiusKm", "6"],
      ["timeZone", "Asia/Shanghai"],
      ["languages", "mandarin"],
    ]);
    expect(profile.status).toBe(400);
    const profileErrors = fieldErrorsIn(await profile.text());
    expect(profileErrors.filter((e) => e === message)).toHaveLength(1);
    expect(profileErrors).not.toContain("Enter a number.");
  });
});

describe("bad language switches and address searches", () => {
  it("answer a bad lng with the localised 400 page, and change nothing", async () => {
    for (const [cookie, title] of [
      ["en", "Bad request"],
      ["zh-CN", "请求无效"],
    ] as const) {
      const client = new HttpClient(app.url);
      client.cookies.set("kv_lng", cookie);
      const response = await client.post("/language", { lng: "xx", redirectTo: "/" });
      expect(response.status).toBe(400);
      expect(response.headers.get("Content-Type")).toContain("text/html");
      expect(await response.text()).toContain(title);
      expect(response.headers.getSetCookie().join()).not.toContain("kv_lng=xx");
    }
  });

  it("answer a bad address search briefly, never with a 500", async () => {
    const client = app.personas.familyA.client;
    for (const q of ["%00", "x", "%FF"]) {
      const response = await client.get(`/geocode?q=${q}`);
      expect(response.status, q).toBe(400);
    }
    const short = await client.get("/geocode?q=x");
    expect(await short.json()).toEqual({ results: [] });
  });
});

describe("the audit log's filter", () => {
  it("shows an impossible date beside its field, with a 400 and the form as sent", async () => {
    const response = await app.personas.admin.client.get("/admin/audit?from=2026-02-30&action=user.suspend");
    expect(response.status).toBe(400);
    const html = await response.text();
    expectFieldError(html, "Enter a date.");
    expect(html).toContain('value="2026-02-30"');
    expect((await app.personas.admin.client.get("/admin/audit?from=2026-02-28")).status).toBe(200);
  });

  it("reads a paging cursor it cannot use as the first page: the first page, never an error (an outside probe)", async () => {
    for (const url of ["/admin/audit?before=0", "/admin/audit?before=-1", "/admin/audit?before=1.5"]) {
      const response = await app.personas.admin.client.get(url);
      expect(response.status, url).toBe(200);
      expect(fieldErrorsIn(await response.text()), url).toEqual([]);
    }
  });
});

describe("a box or button answer a page does not offer (an outside probe)", () => {
  it("is said beside it, localised, and changes nothing", async () => {
    const familyB = app.personas.familyB;
    const quiet = await postEntries(familyB.client, "/account/sms", [
      ["kinds", "visit_confirmed"],
      ["quietHours", "yes"],
      ["timeZone", "Asia/Shanghai"],
    ]);
    expect(quiet.status).toBe(400);
    // A tick box with a value its form never sends: a changed form, beside the box and at the form's top.
    const quietPage = await quiet.text();
    expectFieldError(quietPage, "Part of this form is not as this page sent it. Reload the page, then try again.");
    expect(fieldErrorsIn(quietPage).filter((t) => t.startsWith("Part of this form is not"))).toHaveLength(2);
    expect(await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, familyB.id))).toEqual([]);
    const carer = app.personas.carerY;
    for (const body of [{ jobTexts: "maybe" }, {}] as Record<string, string>[]) {
      const answered = await carer.client.post("/carer", body);
      expect(answered.status).toBe(400);
      expectFieldError(await answered.text(), "Choose one of the options.");
    }
  });
});

describe("bad needs and languages", () => {
  it("are shown beside their boxes, and create nothing", async () => {
    for (const [field, value] of [
      ["needs", "flying"],
      ["languages", "klingon"],
    ]) {
      const form = [...parentForm(), [field, value] as [string, string]];
      const name = form.find(([k]) => k === "name")![1];
      const response = await postEntries(app.personas.familyA.client, "/family/parents/new", form);
      expect(response.status, field).toBe(400);
      expectFieldError(await response.text(), "Choose one of the options.");
      expect(await app.db.select().from(parents).where(eq(parents.name, name))).toEqual([]);
    }
  });
});

describe("the carer profile's paired fields", () => {
  const area: [string, string][] = [
    ["lat", "30.259871"],
    ["lng", "120.130456"],
    ["radiusKm", "6"],
    ["timeZone", "Asia/Shanghai"],
    ["languages", "mandarin"],
  ];
  const savedFaq = async (id: string) =>
    (await app.db.select({ faq: carers.faq }).from(carers).where(eq(carers.userId, id)))[0]?.faq;

  it("refuse half a question beside the empty half, save nothing and keep what was typed", async () => {
    const carer = app.personas.carerX;
    const whole: [string, string][] = [
      ["faq[0].question", "Do you cook?"],
      ["faq[0].answer", "Yes, Hangzhou dishes."],
    ];
    expect((await postEntries(carer.client, "/carer/profile?step=faq", [...area, ...whole])).status).toBe(302);
    const before = await savedFaq(carer.id);
    expect(before).toEqual([{ question: "Do you cook?", answer: "Yes, Hangzhou dishes." }]);

    const noAnswer = await postEntries(carer.client, "/carer/profile?step=faq", [
      ...area,
      ...whole,
      ["faq[1].question", "Can you drive?"],
      ["faq[1].answer", ""],
    ]);
    expect(noAnswer.status).toBe(400);
    const html = await noAnswer.text();
    expectFieldError(html, "Add an answer, or clear the question.");
    expect(fieldErrorsIn(html)).toHaveLength(1);
    expect(html).toContain("Can you drive?");

    // The reverse half (the Chinese message is checked in Chromium: tests/e2e/carer-profile.spec.ts).
    const noQuestion = await postEntries(carer.client, "/carer/profile?step=faq", [
      ...area,
      ["faq[0].question", " "],
      ["faq[0].answer", "Weekends too."],
    ]);
    expect(noQuestion.status).toBe(400);
    const reverse = await noQuestion.text();
    expectFieldError(reverse, "Add a question, or clear the answer.");
    expect(reverse).toContain("Weekends too.");
    expect(await savedFaq(carer.id)).toEqual(before);
  });

  it("name every problem of two ticked services on the first refusal, each field's message once", async () => {
    const carer = app.personas.carerX;
    const response = await postEntries(carer.client, "/carer/profile?step=services", [
      ...area,
      ["services[0].service", "companionship"],
      ["services[0].offered", "on"],
      ["services[0].price", ""],
      ["services[0].minMinutes", ""],
      ["services[1].service", "meal_prep"],
      ["services[1].offered", "on"],
      ["services[1].price", "abc"],
      ["services[1].minMinutes", ""],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expectFieldError(html, "Enter a number.");
    // Service 1's empty minimum is named beside its refused price, not in a second round.
    expect(fieldErrorsIn(html)).toEqual([
      "This field is required.",
      "This field is required.",
      "Enter a number.",
      "This field is required.",
    ]);
  });

  it("say a service's box with a value the page never sends is a changed form, at the top (an outside probe)", async () => {
    const carer = app.personas.carerX;
    const services = () => app.db.select().from(carerServices).where(eq(carerServices.carerId, carer.id));
    const before = await services();
    const response = await postEntries(carer.client, "/carer/profile?step=services", [
      ...area,
      ["services[0].service", "companionship"],
      ["services[0].offered", "yes"],
      ["services[0].price", "80"],
      ["services[0].minMinutes", "60"],
    ]);
    expect(response.status).toBe(400);
    expect(fieldErrorsIn(await response.text())).toContain(
      "Part of this form is not as this page sent it. Reload the page, then try again.",
    );
    expect(await services()).toEqual(before);
  });
});
