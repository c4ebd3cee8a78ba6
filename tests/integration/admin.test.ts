// Admin and trust over HTTP against the running app and a fake Twilio: carer verification and the
// badge, suspension and everything it ends, reports, disputes with their evidence and decision,
// failed texts retried exactly once, the figures, and the audit log that nobody can change.
// Every capability is also refused to non-admins, and bad input changes nothing.
import { shownHtml } from "../support/html";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  carerChecks,
  carers,
  disputes,
  messageReports,
  messages,
  sessions,
  smsMessages,
  users,
  visitEvents,
  visitLogs,
  visits,
} from "~db/schema";
import { queryRows } from "~/db.server";
import { dateIn } from "~/geo/time-zone";
import { queueSms } from "~/sms/sms.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { withoutIds } from "../support/html";
import { bookThroughChat, daysAhead } from "../support/chat-fixtures";
import { giveVerifiedPhone, makeUser, TEST_PASSWORD } from "../support/fixtures";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { HttpClient, toastOf } from "../support/http-client";
import { createTestDatabase } from "../support/test-db";
import { sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { checkInAndOut } from "../support/visit-fixtures";
import { waitUntil } from "../support/wait";

const fake = new FakeTwilio();
let app: TestApp;
let people: TestApp["personas"];
let admin: HttpClient;
let parentA: string;
const FAMILY_PHONE = "+8613866660001";

beforeAll(async () => {
  await fake.start();
  app = await startAppWithPersonas({ ...fake.env(), PUBLIC_URL: "https://kinvisit.test" });
  people = app.personas;
  admin = people.admin.client;
  await giveVerifiedPhone(app.db, people.familyA.id, FAMILY_PHONE);
  parentA = await makeParent(app.db, people.familyA.id, { name: "Gao Lan" });
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

/** A new carer with a profile near parent A, and a logged-in client of theirs. */
/** A day `n` days before today, in UTC (YYYY-MM-DD): checks are dated within the last year. */
const utcDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function newCarer(name: string) {
  const user = await makeUser(app.db, "carer", { name });
  await makeCarerProfile(app.db, user.id);
  return { ...user, client: await sessionClient(app.url, app.db, user.id) };
}

const auditRows = (action: string, subjectId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

const searchPage = async () =>
  (await people.familyA.client.get(`/family/parents/${parentA}/carers?sort=distance`)).text();

describe("carer verification", () => {
  it("lists the carer as waiting, verifies after both checks, and shows the badge with the date", async () => {
    const carer = await newCarer("Verify Wu");
    const queue = await (await admin.get("/admin/carers")).text();
    expect(queue).toContain("Verify Wu");
    // When each signed up, written as a day ("Dec 6, 2026"), not "2026-12-06".
    expect(queue).toMatch(/signed up [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(queue).not.toMatch(/signed up \d{4}-/);
    // Unverified: labelled so on the profile and in search.
    expect(await (await people.familyA.client.get(`/carers/${carer.id}`)).text()).toContain("Not verified yet");
    // ...and the carer's own dashboard says what the badge waits for.
    const waiting = await (await carer.client.get("/carer")).text();
    expect(waiting).toContain(
      "You are in the team&#x27;s queue for both: they contact you at your verified mobile number",
    );

    const idForm = {
      intent: "check",
      carerId: carer.id,
      kind: "id",
      checkedOn: utcDaysAgo(17),
      note: "Resident ID seen",
    };
    // Sent three times at once (a double submit, a retry): one check, one audit entry.
    const idChecks = await Promise.all([1, 2, 3].map(() => postEntries(admin, "/admin/carers", idForm)));
    expect(idChecks.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id))).toHaveLength(1);
    let [row] = await app.db.select().from(carers).where(eq(carers.userId, carer.id));
    expect(row!.verifiedAt).toBeNull(); // one check is not enough

    const background = await postEntries(admin, "/admin/carers", {
      intent: "check",
      carerId: carer.id,
      kind: "background",
      checkedOn: utcDaysAgo(12),
      note: "Police record clear, ref 4471",
    });
    expect(background.status).toBe(302);
    [row] = await app.db.select().from(carers).where(eq(carers.userId, carer.id));
    expect(row!.verifiedAt?.toISOString()).toBe(`${utcDaysAgo(12)}T12:00:00.000Z`);
    expect(row!.verified).toBe(true);
    // On the reader's calendar (Shanghai, the accounts' zone), with the year only when it is not this year.
    const inShanghai = (d: Date, o: Intl.DateTimeFormatOptions) =>
      d.toLocaleDateString("en-US", { timeZone: "Asia/Shanghai", ...o });
    const checkedAt = new Date(`${utcDaysAgo(12)}T12:00:00Z`);
    const thisYear = inShanghai(checkedAt, { year: "numeric" }) === inShanghai(new Date(), { year: "numeric" });
    const lastChecked = `last checked ${inShanghai(checkedAt, { month: "short", day: "numeric", ...(thisYear ? {} : { year: "numeric" }) })}`;

    const profile = await (await people.familyA.client.get(`/carers/${carer.id}`)).text();
    expect(profile).toContain("Verified");
    expect(profile).toContain(lastChecked);
    const dashboard = await (await carer.client.get("/carer")).text();
    expect(dashboard).toContain(lastChecked);
    expect(dashboard).toContain("Kinvisit&#x27;s team has checked your ID and your background");
    const search = await searchPage();
    expect(search).toContain(`/carers/${carer.id}`);
    expect(search).toContain(lastChecked);
    // The "verified only" filter of search reads the generated column, and finds them.
    const verifiedOnly = await (
      await people.familyA.client.get(`/family/parents/${parentA}/carers?sort=distance&verified=on`)
    ).text();
    expect(verifiedOnly).toContain(`/carers/${carer.id}`);
    // Off the queue, and both checks audited with their notes.
    expect(await (await admin.get("/admin/carers")).text()).not.toContain("Verify Wu");
    // A stale queue page records another check for them: refused, nothing recorded, the badge kept (an
    // outside probe saw a verified carer lose it), and the queue as it now is, saying why.
    const stale = await postEntries(admin, "/admin/carers", { ...idForm, checkedOn: utcDaysAgo(1), note: "stale tab" });
    expect(stale.status).toBe(302);
    expect(toastOf(admin)).toMatchObject({ message: "adminCarerNotWaiting", kind: "error" });
    expect(await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id))).toHaveLength(2);
    [row] = await app.db.select().from(carers).where(eq(carers.userId, carer.id));
    expect(row!.verifiedAt?.toISOString()).toBe(`${utcDaysAgo(12)}T12:00:00.000Z`);
    const audited = await auditRows("carer.check", carer.id);
    expect(audited.map((a) => a.reason).sort()).toEqual(["Police record clear, ref 4471", "Resident ID seen"]);
    expect(audited.every((a) => a.actorId === people.admin.id)).toBe(true);
  });

  it("takes a check done today in the admin's own zone, ahead of UTC, and refuses the day after it (an outside probe)", async () => {
    const carer = await newCarer("Verify Kiritimati");
    const zone = "Pacific/Kiritimati"; // UTC+14: its today is UTC's tomorrow for most of the day
    const [own] = await app.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, people.admin.id));
    await app.db.update(users).set({ timeZone: zone }).where(eq(users.id, people.admin.id));
    try {
      const today = dateIn(zone, new Date());
      const page = await (await admin.get(`/admin/carers?q=${encodeURIComponent("Verify Kiritimati")}`)).text();
      expect(page).toMatch(new RegExp(`name="checkedOn"[^>]*max="${today}"`));
      const check = (checkedOn: string) =>
        postEntries(admin, "/admin/carers", {
          intent: "check",
          carerId: carer.id,
          kind: "id",
          checkedOn,
          note: "Seen",
        });
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect((await check(tomorrow)).status).toBe(400);
      expect((await check(today)).status).toBe(302);
      const [saved] = await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id));
      expect(saved!.checkedOn).toBe(today);
    } finally {
      await app.db.update(users).set({ timeZone: own!.timeZone }).where(eq(users.id, people.admin.id));
    }
  });

  it("refuses a missing note, a future date and an unknown carer, and changes nothing", async () => {
    const carer = await newCarer("Verify Bad");
    const base = { intent: "check", carerId: carer.id, kind: "id", checkedOn: utcDaysAgo(17), note: "ok" };
    // A check more than a year old cannot vouch for the carer now (the badge showed "last checked 1926").
    for (const checkedOn of ["1926-12-03", utcDaysAgo(366)]) {
      const old = await postEntries(admin, "/admin/carers", { ...base, checkedOn });
      expect(old.status).toBe(400);
      expect(await old.text()).toContain("A check more than a year old cannot verify a carer");
    }
    expect(
      (await postEntries(admin, "/admin/carers", { ...base, checkedOn: utcDaysAgo(364), note: "old" })).status,
    ).toBe(302);
    await app.db.delete(carerChecks).where(eq(carerChecks.carerId, carer.id));
    const noNote = await postEntries(admin, "/admin/carers", { ...base, note: "  " });
    expect(noNote.status).toBe(400);
    const future = await postEntries(admin, "/admin/carers", {
      ...base,
      checkedOn: "2999-01-01",
      note: "Passport seen",
    });
    expect(future.status).toBe(400);
    // What was typed and chosen comes back in the row's form, without JavaScript too (a new-user walk).
    const back = await future.text();
    expect(back).toMatch(/<input id="check-[^"]+-note" name="note"[^>]*value="Passport seen"/);
    expect(back).toMatch(/name="checkedOn"[^>]*value="2999-01-01"/);
    const asBackground = await postEntries(admin, "/admin/carers", { ...base, kind: "background", note: " " });
    expect(await asBackground.text()).toMatch(
      /<input type="radio" name="kind" required="" checked="" value="background"/,
    );
    const badKind = await postEntries(admin, "/admin/carers", { ...base, kind: "astrology" });
    expect(badKind.status).toBe(400);
    const unknown = await postEntries(admin, "/admin/carers", { ...base, carerId: randomUUID() });
    expect(unknown.status).toBe(404);
    // A row the page does not list (a carer gone meanwhile, a forged id) is said above the list (an outside probe).
    expect(await unknown.text()).toContain("There is no such carer.");
    const forged = await postEntries(admin, "/admin/carers", { ...base, carerId: "x" });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Part of this form is not as this page sent it.");
    expect(await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id))).toHaveLength(0);
  });

  it("is refused to everyone but admins", async () => {
    const carer = await newCarer("Verify Self");
    const form = { intent: "check", carerId: carer.id, kind: "id", checkedOn: utcDaysAgo(17), note: "me" };
    for (const client of [people.familyA.client, people.carerX.client, carer.client]) {
      expect((await postEntries(client, "/admin/carers", form)).status).toBe(403);
    }
    expect((await postEntries(people.anonymous.client, "/admin/carers", form)).status).toBe(302);
    expect(await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id))).toHaveLength(0);
  });
});

describe("the verification queue", () => {
  /** Carers waiting, all signed up in the same instant (the id keeps their order), straight into the tables. */
  async function waitingCarers(prefix: string, n: number, createdAt: Date) {
    const made = await app.db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `${prefix.toLowerCase().replaceAll(" ", "-")}-${i}@example.test`,
          name: `${prefix} ${String(i).padStart(2, "0")}`,
          passwordHash: "x",
          phone: `+8613977${String(i).padStart(6, "0")}`,
          role: "carer" as const,
          createdAt,
        })),
      )
      .returning({ id: users.id });
    await app.db
      .insert(carers)
      .values(made.map((u) => ({ userId: u.id, lat: 30.25, lng: 120.15, radiusM: 5000, createdAt })));
    return made.map((u) => u.id);
  }
  const carerIds = (html: string) => [...html.matchAll(/id="carer-([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const nextLink = (html: string) =>
    /href="(\/admin\/carers\?[^"]*after=[^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;
  const waitingCount = async () =>
    (
      await queryRows<{ n: number }>(
        app.db,
        sql`select count(*)::int as n from carers c join users u on u.id = c.user_id
            where c.verified_at is null and u.suspended_at is null`,
      )
    )[0]!.n;

  it("pages through every waiting carer once, in a stable order, with the total, so today's sign-up is reached", async () => {
    const ids = await waitingCarers("Queue Pager", 60, new Date("2026-01-05T08:00:00Z"));
    const today = await newCarer("Queue Newest Today");
    const total = await waitingCount();
    expect(total).toBeGreaterThan(60);

    const seen: string[] = [];
    let url: string | null = "/admin/carers";
    let first = "";
    for (let pages = 0; url && pages < 10; pages++) {
      const res = await admin.get(url);
      expect(res.status).toBe(200);
      const html = await res.text();
      if (pages === 0) first = html;
      seen.push(...carerIds(html));
      url = nextLink(html);
    }
    expect(first).toContain(`1–50 of ${total} waiting`);
    expect(carerIds(first)).toHaveLength(50);
    // Every waiting carer exactly once, the 60 who share an instant among them, and today's last.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    for (const id of ids) expect(seen).toContain(id);
    expect(seen.at(-1)).toBe(today.id);
    // The account search draws 50 of the 60 "Queue Pager" accounts, and says it stopped there; a
    // narrower search that finds them all (50–59) says nothing more (an outside probe: it cut at 50 silently).
    const many = await (await admin.get("/admin/accounts?q=Queue%20Pager")).text();
    const names = (html: string) => new Set(html.match(/Queue Pager \d\d/g));
    expect(names(many).size).toBe(50);
    expect(many).toContain("Only the first 50 matches are shown: make the search more precise");
    const few = await (await admin.get("/admin/accounts?q=Queue%20Pager%205")).text();
    expect(names(few).size).toBe(10);
    expect(few).not.toContain("Only the first");
    // Past the last one (the last page's carers just verified, or a kept link): how many wait, and the
    // way to the first page, not "No carer is waiting" (an outside probe).
    const past = await admin.get(`/admin/carers?after=${seen.at(-1)}`);
    expect(past.status).toBe(200);
    const pastHtml = await past.text();
    expect(pastHtml).toContain(`No more carers past this page: ${total} are waiting in all.`);
    expect(pastHtml).not.toContain("No carer is waiting to be verified.");
    expect(pastHtml).toContain('href="/admin/carers"');
    // The second page says where it starts.
    const second = await (await admin.get(nextLink(first)!)).text();
    expect(second).toContain(`51–${Math.min(100, total)} of ${total} waiting`);
    // A cursor that is no carer (an account erased since, a family's id, a made-up one) is the first
    // page, not "nobody is waiting" (an outside probe).
    for (const after of [randomUUID(), people.familyA.id]) {
      const fromNowhere = await (await admin.get(`/admin/carers?after=${after}`)).text();
      expect(fromNowhere).toContain(`1–50 of ${total} waiting`);
      expect(carerIds(fromNowhere)).toEqual(carerIds(first));
    }
  });

  it("finds a carer by name, email or phone, pages within the search, and refuses a bad search beside the field", async () => {
    const [, , third] = await waitingCarers("Queue Search", 55, new Date("2026-01-06T08:00:00Z"));
    const byName = await (await admin.get("/admin/carers?q=queue%20search")).text();
    expect(byName).toContain("1–50 of 55 waiting that match");
    const rest = await (await admin.get(nextLink(byName)!)).text();
    expect(rest).toContain("51–55 of 55 waiting that match");
    expect(carerIds(rest)).toHaveLength(5);
    expect(nextLink(rest)).toBeNull();
    expect(carerIds(await (await admin.get("/admin/carers?q=queue-search-2%40example.test")).text())).toEqual([third]);
    // The number as typed, with spaces and the country code.
    const byPhone = await (await admin.get("/admin/carers?q=%2B86%20139%207700%200002")).text();
    expect(carerIds(byPhone)).toContain(third);
    // LIKE's wildcards are letters here.
    expect(await (await admin.get("/admin/carers?q=%25%25")).text()).toContain(
      "No carer waiting to be verified matches",
    );

    // Too long, or only a bidi override: the page again, with the message beside the search field.
    for (const [bad, message] of [
      ["x".repeat(255), "Use at most 254 characters."],
      ["%E2%80%AE", "Remove the text-direction characters"],
    ] as const) {
      const res = await admin.get(`/admin/carers?q=${bad}`);
      expect(res.status, bad).toBe(400);
      const html = await res.text();
      expect(html, bad).toMatch(
        /<input[^>]*aria-invalid="true"[^>]*name="q"|<input[^>]*name="q"[^>]*aria-invalid="true"/,
      );
      const errorAt = html.indexOf('id="q-error"');
      expect(errorAt, bad).toBeGreaterThan(-1);
      expect(html.slice(errorAt, errorAt + 300), bad).toContain(message);
      expect(carerIds(html)).toEqual([]);
    }
    // A NUL is refused before the page is made.
    expect((await admin.get("/admin/carers?q=a%00b")).status).toBe(400);
    // A cursor that is no carer's id is a navigation slip: the first page.
    const lost = await admin.get("/admin/carers?after=not-a-uuid");
    expect(lost.status).toBe(200);
    expect(await lost.text()).toContain("1–50 of");
  });

  it("links an unverified carer's account to their card, and nobody but admins sees the queue", async () => {
    const carer = await newCarer("Queue Linked");
    const accounts = await (await admin.get("/admin/accounts?q=Queue%20Linked")).text();
    const link = /href="(\/admin\/carers\?q=[^"#]*)#carer-([0-9a-f-]{36})"/.exec(accounts);
    expect(link?.[2]).toBe(carer.id);
    const card = await (await admin.get(link![1]!.replaceAll("&amp;", "&"))).text();
    expect(carerIds(card)).toEqual([carer.id]);
    // A verified carer and a family have no such link.
    const family = await (await admin.get(`/admin/accounts?q=${encodeURIComponent(people.familyA.email)}`)).text();
    expect(family).not.toContain("Open the verification card");
    // A mobile number finds its account however it is typed; a URL the form could not send is answered
    // beside the box, not with a bare 400.
    const local = FAMILY_PHONE.replace(/^\+86(\d{3})(\d{4})(\d{4})$/, "$1 $2 $3");
    const byPhone = await (await admin.get(`/admin/accounts?q=${encodeURIComponent(local)}`)).text();
    expect(byPhone).toContain(people.familyA.email);
    expect(byPhone).toContain(FAMILY_PHONE);
    const odd = await admin.get("/admin/accounts?suspended=yes");
    expect(odd.status).toBe(400);
    const oddPage = await odd.text();
    expect(oddPage).toContain('class="field-errors" role="alert"');
    // A tick box's value the form never sends: the form is not as the page sent it.
    expect(oddPage).toContain("Part of this form is not as this page sent it.");
    expect(oddPage).toContain('id="q"');

    for (const client of [people.familyA.client, people.carerX.client, carer.client])
      expect((await client.get("/admin/carers?q=Queue")).status).toBe(403);
    expect((await people.anonymous.client.get("/admin/carers")).status).toBe(302);
  });

  it("reads the queue from its partial index, in three statements whatever the page holds", async () => {
    const { queuePageQuery, queueCountQuery, verificationQueue } = await import("~/admin/verification.server");
    const [after] = await waitingCarers("Queue Plan", 1, new Date("2026-01-07T08:00:00Z"));
    const plans = await app.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = async (q: { getSQL(): ReturnType<typeof sql> }) =>
        (await queryRows<Record<string, string>>(tx as never, sql`explain ${q}`))
          .map((r) => Object.values(r)[0])
          .join("\n");
      return {
        page: await plan(queuePageQuery(tx as never, { after })),
        count: await plan(queueCountQuery(tx as never, { after })),
        search: await plan(queuePageQuery(tx as never, { q: "wu" })),
      };
    });
    for (const p of Object.values(plans)) {
      expect(p).toMatch(/carers_verification_queue_idx/);
      expect(p).not.toMatch(/Seq Scan on carers/);
    }

    const queries: string[] = [];
    const counted = await createTestDatabase({ logger: { logQuery: (q) => queries.push(q) } });
    try {
      const db = counted.handle.db;
      const viewer = { id: randomUUID(), role: "admin" as const };
      const size = async (n: number) => {
        queries.length = 0;
        const page = await verificationQueue(db, viewer, { q: `Counted ${n} ` });
        return { carers: page.carers.length, statements: queries.length };
      };
      for (const n of [2, 40]) {
        const made = await db
          .insert(users)
          .values(
            Array.from({ length: n }, (_, i) => ({
              email: `counted-${n}-${i}@example.test`,
              name: `Counted ${n} ${i}`,
              passwordHash: "x",
              phone: "+86",
              role: "carer" as const,
            })),
          )
          .returning({ id: users.id });
        await db.insert(carers).values(made.map((u) => ({ userId: u.id, lat: 30.25, lng: 120.15, radiusM: 5000 })));
        await db.insert(carerChecks).values(
          made.map((u) => ({
            carerId: u.id,
            kind: "id" as const,
            checkedOn: "2026-01-01",
            note: "seen",
            checkedBy: null,
          })),
        );
      }
      const two = await size(2);
      const forty = await size(40);
      expect([two.carers, forty.carers]).toEqual([2, 40]);
      expect(forty.statements).toBe(two.statements);
      expect(two.statements).toBe(3);
    } finally {
      await counted.dispose();
    }
  });
});

describe("suspension", () => {
  it("removes a carer from search and chat, ends their sessions, cancels their visits and texts the family", async () => {
    const carer = await newCarer("Suspend Qian");
    const booked = await bookThroughChat(app, people.familyA.id, carer.id, parentA, { date: daysAhead(5) });
    expect(await searchPage()).toContain(`/carers/${carer.id}`);
    expect((await carer.client.get("/carer")).status).toBe(200);

    const res = await postEntries(admin, "/admin/accounts", {
      intent: "suspend",
      userId: carer.id,
      reason: "Fake ID reported by two families",
    });
    expect(res.status).toBe(302);

    // Gone from search, and from the public profile.
    expect(await searchPage()).not.toContain(`/carers/${carer.id}`);
    expect((await people.familyA.client.get(`/carers/${carer.id}`)).status).toBe(404);
    // The upcoming visit is cancelled through the lifecycle, by the admin, with a neutral reason.
    const [visit] = await app.db.select().from(visits).where(eq(visits.id, booked.visitId));
    expect(visit).toMatchObject({ status: "cancelled", cancelledBy: people.admin.id });
    const events = await app.db.select().from(visitEvents).where(eq(visitEvents.visitId, booked.visitId));
    expect(events.at(-1)).toMatchObject({ fromStatus: "scheduled", toStatus: "cancelled", actorId: people.admin.id });
    expect(events.at(-1)!.reason).not.toContain("Fake ID");
    const visitPage = await people.familyA.client.get(`/visits/${booked.visitId}`);
    expect(visitPage.status).toBe(200);
    expect(await visitPage.text()).toContain('data-status="cancelled"');
    // The chat it was booked in says so, as the platform's doing, not the carer's.
    const chat = (await (await people.familyA.client.get(`/chat/${booked.conversationId}`)).text()).replaceAll(
      "<!-- -->",
      "",
    );
    expect(chat).toContain("Kinvisit cancelled the visit on");
    // The conversation is closed as a block closes it: said, with no composer, offer form or link to
    // the profile that is now a 404 (an outside probe found them all still drawn).
    expect(chat).toContain("Suspend Qian&#x27;s account is paused: no messages or offers can be sent");
    expect(chat).not.toContain('name="body"');
    expect(chat).not.toContain('id="offer"');
    expect(chat).not.toContain(`href="/carers/${carer.id}"`);
    // The family's text goes out through the fake Twilio.
    const text = await waitUntil(
      async () => fake.messages.find((m) => m.to === FAMILY_PHONE && m.body.includes("was cancelled")),
      { what: "the family's cancellation text" },
    );
    expect(text.body).toContain("Gao Lan");
    expect(
      await app.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.idempotencyKey, `visit_cancelled:${booked.visitId}:${people.familyA.id}`)),
    ).toHaveLength(1);
    // Every session ended: the carer's next page asks them to log in, and no session is left.
    const after = await carer.client.get("/carer");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toContain("/login");
    expect(await app.db.select().from(sessions).where(eq(sessions.userId, carer.id))).toHaveLength(0);
    // A session made anyway (as a stolen token would be) is worth nothing: no check-in.
    const sneaky = await sessionClient(app.url, app.db, carer.id);
    const tap = await postEntries(sneaky, `/visits/${booked.visitId}`, { intent: "check_in", key: randomUUID() });
    expect(tap.status).toBe(302);
    expect(tap.headers.get("location")).toContain("/login");
    // Logging in again is refused, with the reason, only after the right password.
    const login = await postEntries(new HttpClient(app.url), "/login", {
      email: carer.email,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(403);
    expect(await login.text()).toContain("This account is suspended");
    const wrong = await postEntries(new HttpClient(app.url), "/login", { email: carer.email, password: "wrong one!" });
    expect(wrong.status).toBe(400);
    // Chat: the family can neither write in the conversation nor open a new one.
    const sent = await postEntries(people.familyA.client, `/chat/${booked.conversationId}`, {
      intent: "send",
      body: "Are you still coming?",
    });
    expect(sent.status).toBe(403);
    const opened = await postEntries(people.familyA.client, "/chat/new", {
      from: "service",
      carerId: carer.id,
      parentId: parentA,
      service: "companionship",
    });
    expect(opened.status).toBe(404);
    // Audited with the reason.
    const [audit] = await auditRows("user.suspend", carer.id);
    expect(audit).toMatchObject({ actorId: people.admin.id, reason: "Fake ID reported by two families" });
    expect(audit!.data).toMatchObject({ cancelledVisits: 1 });

    // Reinstated: listed and able to log in again; the cancelled visit stays cancelled.
    const back = await postEntries(admin, "/admin/accounts", {
      intent: "reinstate",
      userId: carer.id,
      reason: "ID confirmed genuine",
    });
    expect(back.status).toBe(302);
    expect(await searchPage()).toContain(`/carers/${carer.id}`);
    const again = await postEntries(new HttpClient(app.url), "/login", { email: carer.email, password: TEST_PASSWORD });
    expect(again.status).toBe(302);
    expect((await app.db.select().from(visits).where(eq(visits.id, booked.visitId)))[0]!.status).toBe("cancelled");
    expect(await auditRows("user.reinstate", carer.id)).toHaveLength(1);
  });

  it("needs a reason, refuses a second suspension and any admin, and is refused to non-admins", async () => {
    const carer = await newCarer("Suspend Twice");
    expect(
      (await postEntries(admin, "/admin/accounts", { intent: "suspend", userId: carer.id, reason: "" })).status,
    ).toBe(400);
    const [still] = await app.db.select().from(users).where(eq(users.id, carer.id));
    expect(still!.suspendedAt).toBeNull();
    // Refused from the search's page, the folded form of that account comes back open, with its error.
    const listed = await (await admin.get("/admin/accounts?q=Suspend%20Twice")).text();
    expect(listed).toContain('<details class="tap-more"><summary>Suspend this account…</summary>');
    const refused = await postEntries(admin, "/admin/accounts?q=Suspend%20Twice", {
      intent: "suspend",
      userId: carer.id,
      reason: "",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(
      '<details class="tap-more" open=""><summary>Suspend this account…</summary>',
    );
    for (const client of [people.familyA.client, people.carerY.client]) {
      expect(
        (await postEntries(client, "/admin/accounts", { intent: "suspend", userId: carer.id, reason: "x" })).status,
      ).toBe(403);
    }
    const form = { intent: "suspend", userId: carer.id, reason: "Abusive messages" };
    expect((await postEntries(admin, "/admin/accounts", form)).status).toBe(302);
    expect((await postEntries(admin, "/admin/accounts", form)).status).toBe(409);
    expect(
      (await postEntries(admin, "/admin/accounts", { intent: "suspend", userId: people.admin.id, reason: "x" })).status,
    ).toBe(403);
    expect(await auditRows("user.suspend", carer.id)).toHaveLength(1);
    // An account the page does not list, or a forged id: said above the list, not a bare 404 or 400.
    for (const intent of ["suspend", "reinstate"]) {
      const gone = await postEntries(admin, "/admin/accounts?q=Suspend%20Twice", {
        intent,
        userId: randomUUID(),
        reason: "x",
      });
      expect(gone.status).toBe(404);
      expect((await gone.text()).replaceAll("<!-- -->", "")).toMatch(
        /<ul[^>]*class="field-errors"[^>]*><li>[^<]+<\/li>/,
      );
    }
    // An admin's row has no form: the refusal is said above the list, not a silent 403 (an outside probe).
    const adminRefused = await postEntries(admin, "/admin/accounts?q=admin", {
      intent: "suspend",
      userId: people.admin.id,
      reason: "x",
    });
    expect(adminRefused.status).toBe(403);
    expect(await adminRefused.text()).toContain("Administrators cannot be suspended here.");
    // A check for a suspended carer: they are not waiting, and nothing is recorded.
    const checkSuspended = await postEntries(admin, "/admin/carers", {
      intent: "check",
      carerId: carer.id,
      kind: "id",
      checkedOn: utcDaysAgo(1),
      note: "stale queue",
    });
    expect(checkSuspended.status).toBe(302);
    expect(toastOf(admin)).toMatchObject({ message: "adminCarerNotWaiting" });
    expect(await app.db.select().from(carerChecks).where(eq(carerChecks.carerId, carer.id))).toHaveLength(0);
    const forgedId = await postEntries(admin, "/admin/accounts", { intent: "suspend", userId: "x", reason: "x" });
    expect(forgedId.status).toBe(400);
    expect(await forgedId.text()).toContain("Part of this form is not as this page sent it.");
    // The suspended list finds them.
    expect(await (await admin.get("/admin/accounts?suspended=on")).text()).toContain("Suspend Twice");
  });
});

describe("a stale tab's suspend or reinstate", () => {
  it("is refused above the list, and the row's other form starts empty: one tap must not do the opposite", async () => {
    const carer = await newCarer("Stale Tab");
    const page = "/admin/accounts?q=Stale%20Tab";
    // Done in tab B, then sent again from tab A, drawn before: refused, and the form the page now
    // shows (Reinstate, then Suspend) is empty, folded as ever.
    const cases = [
      {
        intent: "suspend",
        typed: "Fraud: fake ID, do not reinstate",
        said: "This account is already suspended.",
        now: 'aria-label="Reinstate"',
      },
      {
        intent: "reinstate",
        typed: "Appeal upheld",
        said: "This account is not suspended.",
        now: '<details class="tap-more"><summary>',
      },
    ];
    for (const { intent, typed, said, now } of cases) {
      expect((await postEntries(admin, page, { intent, userId: carer.id, reason: "tab B" })).status).toBe(302);
      const stale = await postEntries(admin, page, { intent, userId: carer.id, reason: typed });
      expect(stale.status).toBe(409);
      const html = shownHtml(await stale.text());
      expect(html.indexOf(said), intent).toBeGreaterThan(-1);
      expect(html.indexOf(said), intent).toBeLessThan(html.indexOf('role="search"'));
      expect(html, intent).toContain(now);
      expect(html, intent).not.toContain(typed);
    }
    const [row] = await app.db.select().from(users).where(eq(users.id, carer.id));
    expect(row!.suspendedAt).toBeNull();
  });
});

describe("reports", () => {
  it("hides a reported message with a reason, and dismisses another; each once", async () => {
    const carer = await newCarer("Report Zhu");
    const booked = await bookThroughChat(app, people.familyA.id, carer.id, parentA, { date: daysAhead(6) });
    for (const body of ["Pay me in cash outside the app", "See you on Tuesday"]) {
      expect((await postEntries(carer.client, `/chat/${booked.conversationId}`, { intent: "send", body })).status).toBe(
        302,
      );
    }
    const rows = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, booked.conversationId), eq(messages.senderId, carer.id)));
    const bad = rows.find((m) => m.body.startsWith("Pay me"))!;
    const fine = rows.find((m) => m.body.startsWith("See you"))!;
    for (const m of [bad, fine]) {
      const r = await postEntries(people.familyA.client, `/chat/${booked.conversationId}`, {
        intent: "report",
        messageId: m.id,
        reason: "scam",
      });
      expect(r.status).toBe(302);
    }
    const reports = await app.db
      .select()
      .from(messageReports)
      .where(eq(messageReports.conversationId, booked.conversationId));
    const badReport = reports.find((r) => r.messageId === bad.id)!;
    const fineReport = reports.find((r) => r.messageId === fine.id)!;
    const page = await (await admin.get("/admin/reports")).text();
    expect(page).toContain("Pay me in cash outside the app");
    expect(page).toContain("Family A");
    // When it was reported, as the other admin pages write a moment: localised, to the second, in UTC.
    expect(page).toMatch(/Reported by Family A on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2} UTC/);
    // Each report shows the conversation around its message (the message after "Pay me…" is in the
    // first report's list, with "Pay me…" marked), and the way to its author's account (an outside
    // probe: one line out of a chat, with no way to the author, left nothing to decide on).
    const firstCard = shownHtml(page)
      .replaceAll("<!-- -->", "")
      .split('class="card stack"')
      .find((c) => c.includes("Pay me in cash"))!;
    expect(firstCard).toContain("The conversation around it");
    expect(firstCard).toMatch(/<li class="pre-line" aria-current="true"><strong>Report Zhu:<\/strong> Pay me in cash/);
    expect(firstCard).toContain("<strong>Report Zhu:</strong> See you on Tuesday");
    expect(firstCard).toContain(`href="/admin/accounts?${new URLSearchParams({ q: carer.email })}"`);

    // Non-admins and a missing reason change nothing.
    for (const client of [people.familyA.client, carer.client]) {
      const r = await postEntries(client, "/admin/reports", {
        intent: "hide",
        kind: "message",
        reportId: badReport.id,
        reason: "x",
      });
      expect(r.status).toBe(403);
    }
    const noReason = await postEntries(admin, "/admin/reports", {
      intent: "hide",
      kind: "message",
      reportId: badReport.id,
      reason: "",
    });
    expect(noReason.status).toBe(400);
    // The report's kind is a hidden field: a forged one is said at the top of the row's form.
    const badKind = await postEntries(admin, "/admin/reports", {
      intent: "hide",
      kind: "bogus",
      reportId: badReport.id,
      reason: "x",
    });
    expect(badKind.status).toBe(400);
    expect(await badKind.text()).toContain("Part of this form is not as this page sent it.");
    expect((await app.db.select().from(messages).where(eq(messages.id, bad.id)))[0]!.hiddenAt).toBeNull();

    const hide = {
      intent: "hide",
      kind: "message",
      reportId: badReport.id,
      reason: "Asks to pay outside the platform",
    };
    expect((await postEntries(admin, "/admin/reports", hide)).status).toBe(302);
    const again = await postEntries(admin, "/admin/reports", hide);
    expect(again.status).toBe(409);
    // Its row is gone from the list: the refusal is said above it (an outside probe got a bare 409).
    expect(await again.text()).toContain("This report has already been dealt with");
    expect((await app.db.select().from(messages).where(eq(messages.id, bad.id)))[0]!.hiddenAt).not.toBeNull();
    const dismiss = { intent: "dismiss", kind: "message", reportId: fineReport.id, reason: "Ordinary arrangement" };
    expect((await postEntries(admin, "/admin/reports", dismiss)).status).toBe(302);
    expect((await app.db.select().from(messages).where(eq(messages.id, fine.id)))[0]!.hiddenAt).toBeNull();
    const resolved = await app.db
      .select()
      .from(messageReports)
      .where(eq(messageReports.conversationId, booked.conversationId));
    expect(resolved.map((r) => [r.resolution, r.resolutionReason]).sort()).toEqual([
      ["dismissed", "Ordinary arrangement"],
      ["hidden", "Asks to pay outside the platform"],
    ]);
    // The family's chat no longer shows the hidden text; the admin's page has no open reports left of these.
    const chat = await (await people.familyA.client.get(`/chat/${booked.conversationId}`)).text();
    expect(chat).not.toContain("Pay me in cash");
    expect(await (await admin.get("/admin/reports")).text()).not.toContain("Pay me in cash");
    expect(await auditRows("report.hide", badReport.id)).toHaveLength(1);
    expect(await auditRows("report.dismiss", fineReport.id)).toHaveLength(1);

    // Hidden as the conversation's last message: gone from both inboxes too, page and data.
    const last = "Transfer the deposit to account 6222 0000 1111";
    await postEntries(carer.client, `/chat/${booked.conversationId}`, { intent: "send", body: last });
    const [lastRow] = await app.db.select().from(messages).where(eq(messages.body, last));
    await postEntries(people.familyA.client, `/chat/${booked.conversationId}`, {
      intent: "report",
      messageId: lastRow!.id,
      reason: "scam",
    });
    const [lastReport] = await app.db.select().from(messageReports).where(eq(messageReports.messageId, lastRow!.id));
    const hideLast = { intent: "hide", kind: "message", reportId: lastReport!.id, reason: "Payment outside" };
    expect((await postEntries(admin, "/admin/reports", hideLast)).status).toBe(302);
    for (const client of [people.familyA.client, carer.client]) {
      for (const path of ["/chat", "/chat.data"]) {
        const inbox = await (await client.get(path)).text();
        expect(withoutIds(inbox), path).not.toContain("6222");
        expect(inbox, path).not.toContain("Transfer the deposit");
      }
    }
    expect(await (await people.familyA.client.get("/chat")).text()).toContain("An admin hid this message.");
  });
});

describe("disputes", () => {
  it("shows all the evidence on one page, records the decision and tells both sides", async () => {
    const carer = await newCarer("Dispute Lin");
    await giveVerifiedPhone(app.db, carer.id, "+8613866660002");
    const booked = await bookThroughChat(app, people.familyA.id, carer.id, parentA, { date: daysAhead(7) });
    // Contact details before booking are masked for the receiver; the admin sees both.
    await postEntries(carer.client, `/chat/${booked.conversationId}`, {
      intent: "send",
      body: "Call me on 13912345678 if the door is locked",
    });
    const start = new Date();
    await checkInAndOut(
      app,
      booked.visitId,
      { at: start, distanceM: 640, accuracyM: 20, reason: "Parked outside the compound" },
      { at: new Date(start.getTime() + 20 * 60_000) },
    );
    const disputed = await postEntries(people.familyA.client, `/visits/${booked.visitId}/dispute`, {
      intent: "dispute",
      reason: "Mum says nobody came",
    });
    expect(disputed.status).toBe(302);
    const [dispute] = await app.db.select().from(disputes).where(eq(disputes.visitId, booked.visitId));

    expect(await (await admin.get("/admin/disputes")).text()).toContain(`/admin/disputes/${dispute!.id}`);
    const page = await (await admin.get(`/admin/disputes/${dispute!.id}`)).text();
    // Times on the parent's clock, with its zone by name, not "GMT+8" (an outside probe).
    expect(page).toMatch(/<time dateTime="[^"]+">[^<]+ \(China Standard Time\)<\/time>/);
    expect(page).not.toContain("GMT+8");
    for (const evidence of [
      "Mum says nobody came", // the claim
      "Call me on 13912345678", // the original as written
      "640 m from home", // EVV
      "Parked outside the compound",
      "Everything that happened", // events
      "completed",
      "The parent was not asked",
      "Not rated.", // the family's stars, which a ruling would withdraw
    ])
      expect(page, evidence).toContain(evidence);
    // The exceptions the family's page lists (20 minutes, a week before its start), not only raw times.
    expect(page.replaceAll("<!-- -->", "")).toMatch(
      /Exceptions<\/th><td>\d+ min shorter than booked · over before the booked start \(\d\d:\d\d\)/,
    );
    // Nobody else opens it.
    for (const client of [people.familyA.client, carer.client])
      expect((await client.get(`/admin/disputes/${dispute!.id}`)).status).toBe(403);
    expect((await admin.get(`/admin/disputes/${randomUUID()}`)).status).toBe(404);

    // A decision needs an outcome and reasons.
    expect(
      (await postEntries(admin, `/admin/disputes/${dispute!.id}`, { intent: "resolve", outcome: "missed", note: "" }))
        .status,
    ).toBe(400);
    const noOutcome = await postEntries(admin, `/admin/disputes/${dispute!.id}`, {
      intent: "resolve",
      outcome: "maybe",
      note: "Checked in for one minute",
    });
    expect(noOutcome.status).toBe(400);
    // The typed reasons come back with the refusal, without JavaScript too (a new-user walk).
    expect(await noOutcome.text()).toMatch(/<textarea[^>]*name="note"[^>]*>Checked in for one minute<\/textarea>/);
    const decide = { intent: "resolve", outcome: "missed", note: "Check-in 640 m away and only 20 minutes" };
    expect((await postEntries(people.familyA.client, `/admin/disputes/${dispute!.id}`, decide)).status).toBe(403);
    expect((await postEntries(admin, `/admin/disputes/${dispute!.id}`, decide)).status).toBe(302);
    const twice = await postEntries(admin, `/admin/disputes/${dispute!.id}`, decide);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("This dispute has already been decided.");
    // A stale or forged form on the decided page: the same words, where the page still shows them.
    const stale = await postEntries(admin, `/admin/disputes/${dispute!.id}`, { ...decide, outcome: "bogus" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("This dispute has already been decided.");

    const [after] = await app.db.select().from(disputes).where(eq(disputes.id, dispute!.id));
    expect(after).toMatchObject({ status: "resolved", outcome: "missed", resolvedBy: people.admin.id });
    expect((await app.db.select().from(visits).where(eq(visits.id, booked.visitId)))[0]!.status).toBe("missed");
    // Both sides are told: a text each, and the visit page shows the decision's reasons.
    for (const userId of [carer.id, people.familyA.id]) {
      const texts = await app.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.idempotencyKey, `dispute_resolved:${dispute!.id}:${userId}`));
      expect(texts).toHaveLength(1);
      expect(texts[0]!.body).toContain("the visit was missed");
    }
    expect(await (await people.familyA.client.get(`/visits/${booked.visitId}`)).text()).toContain(
      "Check-in 640 m away and only 20 minutes",
    );
    expect(await auditRows("dispute.resolve", dispute!.id)).toHaveLength(1);

    // The ruling is final: the family (whose visit is now missed) and the carer (who may dispute a
    // missed visit) open no new dispute; the pages say why and offer no form (an outside probe
    // re-disputed rulings over and over).
    for (const [client, who] of [
      [people.familyA.client, "family"],
      [carer.client, "carer"],
    ] as const) {
      const again = await postEntries(client, `/visits/${booked.visitId}/dispute`, {
        intent: "dispute",
        reason: "I disagree with the ruling",
      });
      expect(again.status, who).toBe(409);
      expect(shownHtml(await again.text()), who).toContain("The ruling is final.");
      const form = shownHtml(await (await client.get(`/visits/${booked.visitId}/dispute`)).text());
      expect(form, who).toContain("The ruling is final.");
      expect(form, who).not.toContain('name="reason"');
      expect(await (await client.get(`/visits/${booked.visitId}`)).text(), who).not.toContain(
        `/visits/${booked.visitId}/dispute"`,
      );
    }
    expect(await app.db.select().from(disputes).where(eq(disputes.visitId, booked.visitId))).toHaveLength(1);
    expect((await app.db.select().from(visits).where(eq(visits.id, booked.visitId)))[0]!.status).toBe("missed");
  });
});

describe("the dispute page's chat and record", () => {
  it("shows offers with their terms, the FAQ, events, statuses, reasons and the log in words, never as codes", async () => {
    const user = await makeUser(app.db, "carer", { name: "Dispute Faq" });
    await makeCarerProfile(app.db, user.id, { faq: [{ question: "Do you cook?", answer: "Simple soups" }] });
    const carer = { ...user, client: await sessionClient(app.url, app.db, user.id) };
    const booked = await bookThroughChat(app, people.familyA.id, carer.id, parentA, { date: daysAhead(9) });
    const start = new Date();
    await checkInAndOut(
      app,
      booked.visitId,
      { at: start, distanceM: 900, accuracyM: 20, reason: "errand" },
      { at: new Date(start.getTime() + 60 * 60_000), distanceM: 40, reason: "met_outside" },
    );
    await app.db.insert(visitLogs).values({
      visitId: booked.visitId,
      mood: "good",
      appetite: "less",
      mobility: "usual",
      tasksDone: ["Tea and a chat"],
    });
    await postEntries(people.familyA.client, `/visits/${booked.visitId}/dispute`, {
      intent: "dispute",
      reason: "The visit was spent elsewhere",
    });
    const [dispute] = await app.db.select().from(disputes).where(eq(disputes.visitId, booked.visitId));
    const html = await (await admin.get(`/admin/disputes/${dispute!.id}`)).text();
    // What the admin reads: the page before its scripts (the loader's data there holds the codes).
    const page = html.slice(0, html.indexOf("<script"));

    for (const words of [
      // The offer: the agreement itself, with its terms and its state.
      "Offer from Dispute Faq",
      "Companionship",
      "10:00",
      "11:30",
      "Tea and a chat",
      "Moderate: free until 24 hours before, then half the price",
      "Accepted",
      // The FAQ as questions and answers; the system line in words, naming who.
      "Do you cook?",
      "Simple soups",
      "Family A accepted the offer. The visit is booked.",
      // Statuses, geofence reasons and the log in the reader's words.
      "Booked",
      "In progress",
      "Completed",
      "Out on an errand together",
      "Good",
      "Less than usual",
      "As usual",
    ])
      expect(page, words).toContain(words);
    for (const code of [
      "[offer_accepted]",
      "[{&quot;",
      "&quot;question&quot;",
      "scheduled →",
      "→ in_progress",
      "→ completed",
      "· errand",
      "met_outside",
      "good · ",
    ])
      expect(page, code).not.toContain(code);
    // Read-only evidence: no answer to give on behalf of anyone.
    expect(page).not.toMatch(/name="intent" value="(accept|decline|withdraw)"/);
  });
});

describe("failed texts", () => {
  it("lists a failed text with its reason, and two retries at once send it exactly once", async () => {
    const user = await makeUser(app.db, "family", { name: "Retry He" });
    const phone = "+8613866660003";
    await giveVerifiedPhone(app.db, user.id, phone);
    // The fake's planned failure hits the next send, whichever: let earlier tests' texts go out first.
    await waitUntil(
      async () => {
        const [busy] = await queryRows<{ n: number }>(
          app.db,
          sql`select count(*)::int as n from sms_messages where status in ('pending', 'sending') and send_after <= now()`,
        );
        return Number(busy!.n) === 0;
      },
      { what: "earlier texts to be sent" },
    );
    fake.failNext(1, 400, 30003, "Unreachable destination handset");
    const queued = await app.db.transaction((tx) =>
      queueSms(tx, app.server.jobs, app.env, {
        event: `admin-test:${randomUUID()}`,
        kind: "chat_message",
        userId: user.id,
        params: { chatId: randomUUID(), senderName: "Carer Q" },
      }),
    );
    const failed = await waitUntil(
      async () => {
        const [row] = await app.db.select().from(smsMessages).where(eq(smsMessages.id, queued.id));
        return row?.status === "failed" && row;
      },
      { what: "the first attempt to fail" },
    );
    expect(failed.errorCode).toBe("30003");
    const list = await (await admin.get("/admin/sms")).text();
    expect(list).toContain("Unreachable destination handset");
    expect(list).toContain("Retry He");
    // One attempt is "1 attempt", not "1 attempts".
    expect(failed.attempts).toBe(1);
    expect(list).toContain("1 attempt, 0 retries by an admin");
    // What the text was, in words, and when, with the zone it is told in: not the enum's name.
    expect(list).toContain("New chat message · Retry He");
    expect(list).toMatch(/<time dateTime="[^"]+">[^<]+ UTC<\/time>/);

    const sentBefore = fake.messages.filter((m) => m.to === phone).length;
    expect(sentBefore).toBe(0);
    const second = await sessionClient(app.url, app.db, people.admin.id);
    const form = { intent: "retry", messageId: queued.id, reason: "Number was switched off" };
    const answers = await Promise.all([
      postEntries(admin, "/admin/sms", form),
      postEntries(second, "/admin/sms", form),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    // A double click after it went out changes nothing either.
    const delivered = await waitUntil(
      async () => {
        const [row] = await app.db.select().from(smsMessages).where(eq(smsMessages.id, queued.id));
        return row?.status === "accepted" && row;
      },
      { what: "the retry to be accepted" },
    );
    expect(delivered.retries).toBe(1);
    const retried = await postEntries(admin, "/admin/sms", form);
    expect(retried.status).toBe(409);
    expect(await retried.text()).toContain("This text is already being retried or was sent.");
    expect(fake.messages.filter((m) => m.to === phone)).toHaveLength(1);
    // Exactly one delivery job was ever enqueued for the retry (plus the first attempt's).
    const jobs = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from pgboss.job where name = 'sms-send' and data->>'messageId' = ${queued.id}`,
    );
    expect(Number(jobs[0]!.n)).toBe(2);
    expect(await auditRows("sms.retry", queued.id)).toHaveLength(1);
  });

  it("is refused to non-admins, and a retry of a text that did not fail is a conflict", async () => {
    const [any] = await app.db
      .select({ id: smsMessages.id })
      .from(smsMessages)
      .where(eq(smsMessages.status, "accepted"));
    const form = { intent: "retry", messageId: any!.id, reason: "" };
    expect((await postEntries(people.familyA.client, "/admin/sms", form)).status).toBe(403);
    expect((await admin.get("/admin/sms.data")).status).toBe(200);
    expect((await people.carerX.client.get("/admin/sms")).status).toBe(403);
    expect((await postEntries(admin, "/admin/sms", form)).status).toBe(409);
    expect((await postEntries(admin, "/admin/sms", { ...form, messageId: "not-a-uuid" })).status).toBe(400);
  });
});

describe("figures", () => {
  it("draws the weekly charts and the counts for admins only", async () => {
    const page = await (await admin.get("/admin")).text();
    expect(page).toContain("<svg");
    expect(page).toContain("Missed-visit rate");
    expect(page).toContain("Carers awaiting verification");
    // This week: the disputed visit above was checked in, so at least its carer was active.
    const active = /Active carers \(checked in that week\)<\/strong> <span class="admin-chart__latest">(\d+)/.exec(
      page,
    );
    expect(Number(active?.[1])).toBeGreaterThanOrEqual(1);
    // No ratings yet: the average score says it fills later.
    expect(page).toContain("Average scores appear once families rate visits");
    expect((await people.familyA.client.get("/admin")).status).toBe(403);
    // A post to this page, which takes none: 405, and its header does not say "Log in" to a logged-in
    // admin (the root's data is not read for it: an outside probe).
    const refused = await postEntries(admin, "/admin", {});
    expect(refused.status).toBe(405);
    const header = await refused.text().then((html) => html.slice(html.indexOf("<header"), html.indexOf("</header>")));
    expect(header).not.toContain('href="/login');
    expect(header).not.toContain('href="/signup');
  });
});

describe("the audit log", () => {
  it("records one read of a parent's home per request, whoever reads it", async () => {
    const count = async () =>
      (await auditRows("parent.home_read", parentA)).filter((r) => r.actorId === people.familyA.id).length;
    const before = await count();
    // The layout and the overview both load the parent: one request, one row.
    expect((await people.familyA.client.get(`/family/parents/${parentA}`)).status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect((await people.familyA.client.get(`/family/parents/${parentA}/edit`)).status).toBe(200);
    expect(await count()).toBe(before + 2);
    // What was recorded, as written (the insert is a prepared statement): the data as JSON, no reason.
    const [last] = (await auditRows("parent.home_read", parentA)).filter((r) => r.actorId === people.familyA.id);
    expect(last).toMatchObject({ actorRole: "family", subjectType: "parent", reason: null, data: { via: "parent" } });
    expect(Number.isNaN(new Date(last!.at).getTime())).toBe(false);
    // Another family, refused, reads nothing and leaves no row.
    expect((await people.familyB.client.get(`/family/parents/${parentA}`)).status).toBe(404);
    expect((await auditRows("parent.home_read", parentA)).some((r) => r.actorId === people.familyB.id)).toBe(false);
  });

  it("cannot be changed or deleted, even by the app's own database user", async () => {
    const [row] = await app.db.select().from(auditLog).limit(1);
    // drizzle wraps the database's error: the trigger's message is its cause.
    const refusal = async (query: Promise<unknown>) => {
      try {
        await query;
        return "applied";
      } catch (error) {
        return String((error as { cause?: unknown }).cause ?? error);
      }
    };
    expect(await refusal(app.db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.id, row!.id)))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(app.db.delete(auditLog).where(eq(auditLog.id, row!.id)))).toMatch(
      /append-only: DELETE refused/,
    );
    expect(await refusal(app.db.execute(sql`update audit_log set actor_role = 'admin'`))).toMatch(/append-only/);
    const [same] = await app.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(same).toEqual(row);
  });

  it("is filtered by actor, action and dates, paginated, and open to admins only", async () => {
    const all = await (await admin.get("/admin/audit")).text();
    expect(all).toContain("Fake ID reported by two families");
    const suspensions = await (await admin.get("/admin/audit?action=user.suspend")).text();
    expect(suspensions).toContain("Fake ID reported by two families");
    expect(suspensions).not.toContain("Police record clear");
    // What each entry is about, in words: no raw keys or values (an outside probe read
    // "role: carer · endedSessions: 1" on a Chinese page).
    const about = /<tbody>[\s\S]*<\/tbody>/.exec(suspensions.replace(/<!-- -->/g, ""))![0];
    expect(about).toMatch(/>Account [0-9a-f]{8}<span class="muted"> role: carer · /);
    expect(about).toMatch(/ · sessions ended: \d+/);
    expect(about).toMatch(/ · visits cancelled: \d+/);
    expect(about).not.toMatch(/endedSessions|cancelledVisits|>user [0-9a-f]/);
    const byFamily = await (await admin.get(`/admin/audit?actor=${people.familyA.id}`)).text();
    expect(byFamily).toContain("parent.home_read");
    expect(byFamily).not.toContain("Fake ID reported by two families");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await (await admin.get(`/admin/audit?from=${tomorrow}`)).text()).toContain("Nothing recorded");
    // Pages of 50, newest first: the second page starts below the first's last id.
    for (let i = 0; i < 50; i++) await people.familyA.client.get(`/family/parents/${parentA}/checks`);
    const first = await (await admin.get(`/admin/audit?actor=${people.familyA.id}`)).text();
    const next = /href="(\/admin\/audit\?[^"]*before=\d+[^"]*)"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeTruthy();
    expect((await admin.get(next!)).status).toBe(200);
    // Bad filters are a 400, not a 500; non-admins are refused.
    expect((await admin.get("/admin/audit?action=delete.everything")).status).toBe(400);
    // A filter given twice is read once, the last (an outside probe got "This field is required.").
    for (const url of [
      "/admin/accounts?q=li&q=wang",
      "/admin/carers?q=li&q=wang",
      `/admin/audit?actor=${people.familyA.id}&actor=${people.familyA.id}`,
    ]) {
      const twice = await admin.get(url);
      expect(twice.status, url).toBe(200);
      expect(await twice.text(), url).not.toMatch(/field-errors/);
    }
    // Days the wrong way round: said beside the last day (an outside probe got "Nothing recorded").
    const inverted = await admin.get("/admin/audit?from=2026-12-01&to=2026-11-01");
    expect(inverted.status).toBe(400);
    expect(await inverted.text()).toContain("The last day must not be before the first.");
    expect((await admin.get("/admin/audit?from=2026-11-01&to=2026-11-01")).status).toBe(200);
    expect((await admin.get("/admin/audit?from=yesterday")).status).toBe(400);
    for (const client of [people.familyA.client, people.carerX.client])
      expect((await client.get("/admin/audit")).status).toBe(403);
  });
});
