// Ratings over HTTP and through the real jobs: a family rates a completed visit once within 15 days
// (refused when not completed, not theirs, twice, late, or with stars outside 1–5), adds one follow-up
// within 180 days; the carer replies once; an admin hides text without touching scores; the default
// rating at day 15, the monthly cap, the 180-day window and the peer figures.
import { shownHtml } from "../support/html";
import { randomUUID } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  carers,
  carerScores,
  disputes,
  parentMembers,
  ratingPeerGroups,
  ratings,
  smsMessages,
  type Visit,
  visits,
} from "~db/schema";
import { queryRows } from "~/db.server";
import { cityOf, citySql } from "~/ratings/cities";
import { refreshPeerFigures } from "~/ratings/peers.server";
import { measuredPunctuality } from "~/ratings/profile.server";
import { recountVisitsCompleted } from "~/carers/visits-completed.server";
import { rateVisit, slideScoreWindow, writeDefaultRatings } from "~/ratings/ratings.server";
import { withoutIds } from "../support/html";
import { giveVerifiedPhone } from "../support/fixtures";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { type HttpClient, toastOf } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkInAndOut, moveVisit } from "../support/visit-fixtures";

const HOUR = 3_600_000;
const DAY = 86_400_000;
let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;
let carerY: HttpClient;
let admin: HttpClient;
let parentA: string;

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  ({ familyA, familyB, carerX, carerY, admin } = {
    familyA: people.familyA.client,
    familyB: people.familyB.client,
    carerX: people.carerX.client,
    carerY: people.carerY.client,
    admin: people.admin.client,
  });
  await makeCarerProfile(app.db, people.carerX.id);
  await giveVerifiedPhone(app.db, people.familyA.id, "+8613833330001");
  parentA = await makeParent(app.db, people.familyA.id, { name: "Gao Fen" });
});
afterAll(() => app?.close());

/** A visit of `parentId` with carer X, checked in and out `daysAgo` days ago (one hour, as booked). */
async function completedVisit(daysAgo: number, parentId = parentA): Promise<Visit> {
  const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
  const start = new Date(Date.now() - daysAgo * DAY);
  return checkInAndOut(app, v!.id, { at: start }, { at: new Date(start.getTime() + HOUR) }, { startsAt: start });
}

const rate = (client: HttpClient, visitId: string, form: Record<string, string> = {}) =>
  postEntries(client, `/visits/${visitId}/rate`, {
    intent: "rate",
    asAgreed: "5",
    care: "4",
    punctuality: "5",
    comment: "Kind and on time. 很细心。",
    submissionKey: randomUUID(),
    ...form,
  });
const ratingsOf = (visitId: string) => app.db.select().from(ratings).where(eq(ratings.visitId, visitId));
const scoresOf = async (carerId: string) =>
  (await app.db.select().from(carerScores).where(eq(carerScores.carerId, carerId)))[0];
const familyParty = (visitId: string) => ({
  viewer: { id: people.familyA.id, role: "family" as const },
  visitId,
  side: "family" as const,
});

describe("rating a visit", () => {
  it("lets the family rate a completed visit, and the scores, the profile and search's score follow", async () => {
    const visit = await completedVisit(2);
    // The check-out text links to the rating page.
    const [text] = await app.db
      .select({ body: smsMessages.body })
      .from(smsMessages)
      .where(like(smsMessages.idempotencyKey, `visit_check_out:${visit.id}:%`));
    expect(text?.body).toContain(`/visits/${visit.id}/rate`);
    // The visit page prompts the family.
    const visitPage = (await (await familyA.get(`/visits/${visit.id}`)).text()).replaceAll("<!-- -->", "");
    expect(visitPage).toContain("Rate the visit");

    const page = (await (await familyA.get(`/visits/${visit.id}/rate`)).text()).replaceAll("<!-- -->", "");
    // One deadline, with its time, on the visit page and the form alike (a walk found them a day apart).
    const until = /until ([^<.]*\d\d:\d\d[^<.]*)/.exec(visitPage)?.[1];
    expect(until).toBeDefined();
    expect(page).toContain(`until ${until}`);
    expect(page).toContain("Exactly as agreed, or better");
    const res = await rate(familyA, visit.id);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/visits/${visit.id}/rate`);
    const [row] = await ratingsOf(visit.id);
    expect(row).toMatchObject({ asAgreed: 5, care: 4, punctuality: 5, isDefault: false, good: true, counts: true });
    expect(await scoresOf(people.carerX.id)).toMatchObject({
      asAgreedSum: 5,
      careSum: 4,
      punctualitySum: 5,
      scoredCount: 1,
      ratedCount: 1,
      goodCount: 1,
      reviewCount: 1,
    });
    const [carer] = await app.db
      .select({ score: carers.ratingScore })
      .from(carers)
      .where(eq(carers.userId, people.carerX.id));
    expect(carer!.score).toBeCloseTo(14 / 3, 10);

    const profile = await (await familyB.get(`/carers/${people.carerX.id}`)).text();
    expect(profile).toContain("Kind and on time. 很细心。");
    expect(profile).toContain("5.00 / 5");
    expect(profile).toContain("100% of 1");
    // The rater's name is masked.
    expect(profile).not.toContain(people.familyA.name);
    expect(await (await familyA.get(`/visits/${visit.id}`)).text()).toContain("You rated this visit.");
  });

  it("refuses a visit that is not completed", async () => {
    const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA);
    const res = await rate(familyA, v!.id);
    expect(res.status).toBe(409);
    const refused = shownHtml(await res.text());
    expect(refused).toContain("Only a completed visit can be rated.");
    // Said once: not again as the page's own "once it is completed" (a review).
    expect(refused).not.toContain("once it is completed");
    expect(await ratingsOf(v!.id)).toHaveLength(0);
    // A cancelled one is never "once it is completed": the page and a post say it was cancelled.
    await app.db.update(visits).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(visits.id, v!.id));
    const page = shownHtml(await (await familyA.get(`/visits/${v!.id}/rate`)).text());
    expect(page).toContain("This visit was cancelled: there is nothing to rate.");
    expect(page).not.toContain("once it is completed");
    const cancelled = await rate(familyA, v!.id);
    expect(cancelled.status).toBe(409);
    // Said once: the refusal above the page, not again as the page's own notice (an outside probe).
    expect(shownHtml(await cancelled.text()).split("This visit was cancelled: there is nothing to rate.")).toHaveLength(
      2,
    );
  });

  it("refuses someone else's visit: another family 404, any carer 403, the visit's own carer too", async () => {
    const visit = await completedVisit(1);
    expect((await rate(familyB, visit.id)).status).toBe(404);
    expect((await rate(carerY, visit.id)).status).toBe(403);
    // A carer rating themselves.
    expect((await rate(carerX, visit.id)).status).toBe(403);
    expect((await carerX.get(`/visits/${visit.id}/rate`)).status).toBe(403);
    expect((await rate(admin, visit.id)).status).toBe(403);
    expect(await ratingsOf(visit.id)).toHaveLength(0);
    // The domain says the same without the route's guard.
    const own = await rateVisit(
      app.db,
      { viewer: { id: people.carerX.id, role: "carer" }, visitId: visit.id, side: "carer" },
      { stars: { asAgreed: 5, care: 5, punctuality: 5 }, comment: "" },
      new Date(),
    );
    expect(own).toEqual({ ok: false, error: "own_visit" });
  });

  it("rates once: a second rating is refused, and a double submit has one effect", async () => {
    const visit = await completedVisit(1);
    const key = randomUUID();
    const [a, b] = await Promise.all([
      rate(familyA, visit.id, { submissionKey: key }),
      rate(familyA, visit.id, { submissionKey: key }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await ratingsOf(visit.id)).toHaveLength(1);
    const again = await rate(familyA, visit.id, { asAgreed: "1", care: "1", punctuality: "1" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already rated");
    const [row] = await ratingsOf(visit.id);
    expect(row!.asAgreed).toBe(5);
    // Not even the database lets the stars change.
    await expect(app.db.update(ratings).set({ asAgreed: 1 }).where(eq(ratings.id, row!.id))).rejects.toThrow();
  });

  it("refuses a rating 15 days after completion", async () => {
    const visit = await completedVisit(16);
    const res = await rate(familyA, visit.id);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("ratings close 15 days after the visit");
    expect(await ratingsOf(visit.id)).toHaveLength(0);
  });

  it.each([
    ["0", "asAgreed"],
    ["6", "care"],
    ["3.5", "punctuality"],
    ["", "asAgreed"],
  ])("refuses %s stars with a message by the field, and changes nothing", async (value, field) => {
    const visit = await completedVisit(1);
    const res = await rate(familyA, visit.id, { [field]: value });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/Choose from 1 to 5 stars\.|This field is required\./);
    expect(await ratingsOf(visit.id)).toHaveLength(0);
  });
});

describe("follow-ups and replies", () => {
  it("takes one follow-up within 180 days, and refuses one after", async () => {
    const visit = await completedVisit(3);
    expect((await rate(familyA, visit.id)).status).toBe(303);
    const first = await postEntries(familyA, `/visits/${visit.id}/rate`, {
      intent: "follow_up",
      followUp: "Two weeks on, Mum still talks about the walk.",
    });
    expect(first.status).toBe(303);
    // The same words again (a double click, a retry) are answered as the first; other words are refused.
    const twice = await Promise.all(
      [1, 2].map(() =>
        postEntries(familyA, `/visits/${visit.id}/rate`, {
          intent: "follow_up",
          followUp: "Two weeks on, Mum still talks about the walk.",
        }),
      ),
    );
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    const second = await postEntries(familyA, `/visits/${visit.id}/rate`, { intent: "follow_up", followUp: "More" });
    expect(second.status).toBe(409);
    expect((await ratingsOf(visit.id))[0]!.followUp).toBe("Two weeks on, Mum still talks about the walk.");
    // Both are the family's words: in its data download (they were left out: an outside probe).
    const exported = (await (await familyA.get("/account/export")).json()) as {
      ratingsGiven: { visitId: string; care?: number; followUp?: string }[];
    };
    const mine = exported.ratingsGiven.find((r) => r.visitId === visit.id);
    expect(mine?.care).toBeGreaterThanOrEqual(1);
    expect(mine?.followUp).toBe("Two weeks on, Mum still talks about the walk.");

    // Rated on time 181 days ago (the domain, with its clock), followed up now: too late.
    const old = await completedVisit(181);
    const rated = await rateVisit(
      app.db,
      familyParty(old.id),
      { stars: { asAgreed: 4, care: 4, punctuality: 4 }, comment: "" },
      new Date(old.checkedOutAt!.getTime() + DAY),
    );
    expect(rated.ok).toBe(true);
    const late = await postEntries(familyA, `/visits/${old.id}/rate`, { intent: "follow_up", followUp: "Late" });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Follow-ups close 180 days after the visit.");
    expect((await ratingsOf(old.id))[0]!.followUp).toBeNull();
  });

  it("lets the carer reply once, and nobody else", async () => {
    const visit = await completedVisit(2);
    expect((await rate(familyA, visit.id, { comment: "Good" })).status).toBe(303);
    const [row] = await ratingsOf(visit.id);
    const reply = (client: HttpClient, text: string) =>
      postEntries(client, `/carers/${people.carerX.id}`, { intent: "reply", ratingId: row!.id, reply: text });
    // Only spaces: the message goes beside the reply box (it showed nowhere, and the box emptied).
    const blank = await reply(carerX, "   ");
    expect(blank.status).toBe(400);
    const page = await blank.text();
    expect(page).toMatch(new RegExp(`<ul id="reply-${row!.id}-error"[^>]*><li>This field is required.</li>`));
    expect((await ratingsOf(visit.id))[0]!.reply).toBeNull();
    expect((await reply(carerY, "Not mine")).status).toBe(403);
    expect((await reply(familyA, "Not mine")).status).toBe(403);
    expect((await reply(carerX, "Thank you, see you next week.")).status).toBe(303);
    expect((await reply(carerX, "Thank you, see you next week.")).status).toBe(303); // a retry
    const second = await reply(carerX, "And again");
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("You have already replied to this review.");
    expect((await ratingsOf(visit.id))[0]!.reply).toBe("Thank you, see you next week.");
    // Reviews are public: contact details in them are masked for all but their writer (and admins).
    const other = await completedVisit(2);
    expect(
      (await rate(familyA, other.id, { comment: "Lovely. She is at 136 Shixin Road, door code 4353#" })).status,
    ).toBe(303);
    const [otherRow] = await ratingsOf(other.id);
    expect(
      (
        await postEntries(carerX, `/carers/${people.carerX.id}`, {
          intent: "reply",
          ratingId: otherRow!.id,
          reply: "Thanks! Call me on 13800138003 next time",
        })
      ).status,
    ).toBe(303);
    for (const path of [`/carers/${people.carerX.id}`, `/carers/${people.carerX.id}.data`]) {
      const seen = withoutIds(await (await carerY.get(path)).text());
      expect(seen, path).toContain("Lovely.");
      for (const secret of ["Shixin", "4353", "13800138003"]) expect(seen, path).not.toContain(secret);
    }
    expect(await (await carerX.get(`/carers/${people.carerX.id}`)).text()).toContain("13800138003");
    expect(await (await familyA.get(`/carers/${people.carerX.id}`)).text()).toContain("4353#");
    // Masked on the rated visit's parent's own details too, which follow no general pattern: "No. 218
    // Qingchun, buzzer 2296" (an outside probe read a parent's street number and door code in a reply).
    const qingchun = await makeParent(app.db, people.familyA.id, {
      name: "Auntie Qin",
      address: "218 Qingchun Road, Shangcheng District",
      accessNotes: "Buzzer 2296, second floor",
    });
    const hers = await completedVisit(2, qingchun);
    const comment = "Great errands for Mum at No. 218 Qingchun, buzzer 2296";
    expect((await rate(familyA, hers.id, { comment })).status).toBe(303);
    const [herRow] = await ratingsOf(hers.id);
    const replyText = "Always happy to see Auntie at No. 218 Qingchun, buzzer 2296.";
    expect(
      (
        await postEntries(carerX, `/carers/${people.carerX.id}`, {
          intent: "reply",
          ratingId: herRow!.id,
          reply: replyText,
        })
      ).status,
    ).toBe(303);
    // Each reads the other's words masked, and their own as written.
    for (const [client, own] of [
      [carerY, null],
      [familyB, null],
      [carerX, replyText],
      [familyA, comment],
    ] as const) {
      for (const path of [`/carers/${people.carerX.id}`, `/carers/${people.carerX.id}.data`]) {
        const seen = withoutIds(await (await client.get(path)).text());
        expect(seen, path).toContain("Great errands for Mum");
        expect(seen, path).toContain("Always happy to see Auntie");
        if (own) expect(seen, path).toContain(own);
        const others = own ? seen.replaceAll(own, "") : seen;
        for (const secret of ["218", "Qingchun", "2296"]) expect(others, `${path} ${secret}`).not.toContain(secret);
      }
    }
    // Carer Y posting on their own profile about X's rating: not theirs, 404.
    const elsewhere = await postEntries(carerY, `/carers/${people.carerY.id}`, {
      intent: "reply",
      ratingId: row!.id,
      reply: "x",
    });
    expect(elsewhere.status).toBe(404);
  });

  it("lets an admin hide abusive text, never the scores", async () => {
    const visit = await completedVisit(2);
    expect((await rate(familyA, visit.id, { comment: "ABUSIVE WORDS HERE" })).status).toBe(303);
    const [row] = await ratingsOf(visit.id);
    const before = await scoresOf(people.carerX.id);
    const hide = (client: HttpClient, reason = "Insults the carer") =>
      postEntries(client, `/carers/${people.carerX.id}`, {
        intent: "hide",
        ratingId: row!.id,
        part: "comment",
        reason,
      });
    expect((await hide(familyA)).status).toBe(403);
    expect((await hide(carerX)).status).toBe(403);
    // A reason is required: without one nothing is hidden.
    expect((await hide(admin, "  ")).status).toBe(400);
    expect((await ratingsOf(visit.id))[0]!.commentHiddenAt).toBeNull();
    expect((await hide(admin)).status).toBe(302);
    expect(toastOf(admin)?.message).toBe("reviewTextHidden");
    // Hidden once: again is refused and writes no second audit row; text not there (no reply yet, no
    // follow-up) is not hidden ahead of being written (a later reply showed as "hidden": an outside probe).
    const again = await hide(admin);
    expect(again.status).toBe(409);
    expect(shownHtml(await again.text())).toContain("This text is already hidden.");
    for (const part of ["reply", "follow_up"]) {
      const early = await postEntries(admin, `/carers/${people.carerX.id}`, {
        intent: "hide",
        ratingId: row!.id,
        part,
        reason: "Pre-emptive",
      });
      expect(early.status, part).toBe(409);
      expect(shownHtml(await early.text()), part).toContain("There is no such text to hide on this review.");
    }
    const [afterRefusals] = await ratingsOf(visit.id);
    expect(afterRefusals!.replyHiddenAt).toBeNull();
    expect(afterRefusals!.followUpHiddenAt).toBeNull();
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id));
    expect(audit).toMatchObject([
      { action: "review.hide", actorId: people.admin.id, reason: "Insults the carer", data: { part: "comment" } },
    ]);
    const profile = await (await familyB.get(`/carers/${people.carerX.id}`)).text();
    expect(profile).not.toContain("ABUSIVE WORDS HERE");
    expect(profile).toContain("Hidden by an admin.");
    // The admin still reads it, marked.
    expect(await (await admin.get(`/carers/${people.carerX.id}`)).text()).toContain("ABUSIVE WORDS HERE");
    const [after] = await ratingsOf(visit.id);
    expect(after).toMatchObject({ asAgreed: row!.asAgreed, care: row!.care, punctuality: row!.punctuality });
    expect(await scoresOf(people.carerX.id)).toEqual(before);
  });
});

describe("the jobs", () => {
  it("records a default good rating at day 15, once, counted in the good rate but not the scores", async () => {
    const visit = await completedVisit(15.5);
    const before = (await scoresOf(people.carerX.id))!;
    const now = new Date();
    const written = await writeDefaultRatings(app.db, now);
    expect(written).toBeGreaterThanOrEqual(1);
    const [row] = await ratingsOf(visit.id);
    expect(row).toMatchObject({ isDefault: true, good: true, asAgreed: null, ratedBy: null });
    expect(row!.ratedAt).toEqual(new Date(visit.checkedOutAt!.getTime() + 15 * DAY));
    const after = (await scoresOf(people.carerX.id))!;
    expect(after.scoredCount).toBe(before.scoredCount);
    expect(after.asAgreedSum).toBe(before.asAgreedSum);
    expect(after.ratedCount - before.ratedCount).toBe(row!.counts ? 1 : 0);
    await writeDefaultRatings(app.db, now);
    expect(await ratingsOf(visit.id)).toHaveLength(1);
    // And the family can no longer rate it; the visit page does not say they did.
    expect((await rate(familyA, visit.id)).status).toBe(409);
    const page = await (await familyA.get(`/visits/${visit.id}`)).text();
    expect(page).toContain("Nobody rated this visit within 15 days");
    expect(page).not.toContain("You rated this visit.");
  });

  it("tells a brother or sister who rated the visit, and that its one follow-up is taken (an outside probe)", async () => {
    const shared = await makeParent(app.db, people.familyA.id, { name: "Shared Gran" });
    await app.db.insert(parentMembers).values({ parentId: shared, userId: people.familyB.id, role: "member" });
    const visit = await completedVisit(2, shared);
    expect((await rate(familyA, visit.id)).status).toBe(303);
    const sibling = await (await familyB.get(`/visits/${visit.id}`)).text();
    expect(sibling).toContain(`${people.familyA.name} rated this visit.`);
    expect(sibling).not.toContain("You rated this visit.");
    expect(await (await familyA.get(`/visits/${visit.id}`)).text()).toContain("You rated this visit.");
    // The rate page names whose rating it is, and the follow-up is the rater's: the sibling is offered
    // no form, and a post of one is refused and changes nothing (a second probe wrote under it).
    const ratePage = shownHtml(await (await familyB.get(`/visits/${visit.id}/rate`)).text());
    expect(ratePage).toContain(`${people.familyA.name}&#x27;s rating`);
    expect(ratePage).not.toContain("Your rating");
    expect(ratePage).not.toContain('name="followUp"');
    const form = { intent: "follow_up", followUp: "Still happy a week on." };
    const early = await postEntries(familyB, `/visits/${visit.id}/rate`, { ...form, followUp: "Mum agrees." });
    expect(early.status).toBe(403);
    expect(shownHtml(await early.text())).toContain(
      "Only the family member who rated this visit can add its follow-up.",
    );
    const [untouched] = await app.db.select().from(ratings).where(eq(ratings.visitId, visit.id));
    expect(untouched!.followUp).toBeNull();
    expect(shownHtml(await (await familyA.get(`/visits/${visit.id}/rate`)).text())).toContain('name="followUp"');
    expect((await postEntries(familyA, `/visits/${visit.id}/rate`, form)).status).toBe(303);
    const second = await postEntries(familyB, `/visits/${visit.id}/rate`, { ...form, followUp: "Mum agrees." });
    expect(second.status).toBe(403);
  });

  it("says a disputed visit waits for the ruling, not for its completion", async () => {
    const visit = await completedVisit(1);
    const disputed = await postEntries(familyA, `/visits/${visit.id}/dispute`, {
      intent: "dispute",
      reason: "Mum says nobody came",
    });
    expect(disputed.status).toBe(302);
    const page = shownHtml(await (await familyA.get(`/visits/${visit.id}/rate`)).text());
    expect(page).toContain(
      "The visit is under dispute: it can be rated once an administrator rules that it took place.",
    );
    expect(page).not.toContain("once it is completed");
    // A post says the same, not "only a completed visit"; nor does its confirmation say that.
    const posted = await rate(familyA, visit.id);
    expect(posted.status).toBe(409);
    expect(await posted.text()).toContain("The visit is under dispute: it can be rated once");
    const confirm = await postEntries(familyA, `/visits/${visit.id}/confirm`, { intent: "confirm" });
    expect(confirm.status).toBe(409);
    expect(await confirm.text()).toContain("This visit is under dispute: an administrator decides how it ends.");
  });

  it("counts at most three ratings per family, carer and month", async () => {
    const parent = await makeParent(app.db, people.familyA.id, { name: "Cap Test" });
    // Rated 1–4 hours apart, mid-month in Shanghai, with the domain's clock.
    const at = new Date("2026-07-15T04:00:00Z");
    const counts: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parent);
      const start = new Date(at.getTime() - 2 * HOUR + i * HOUR);
      await checkInAndOut(
        app,
        v!.id,
        { at: start },
        { at: new Date(start.getTime() + 30 * 60_000) },
        { startsAt: start },
      );
      const result = await rateVisit(
        app.db,
        familyParty(v!.id),
        { stars: { asAgreed: 3, care: 3, punctuality: 3 }, comment: "" },
        new Date(at.getTime() + i * HOUR),
      );
      expect(result.ok).toBe(true);
      const [row] = await ratingsOf(v!.id);
      counts.push(row!.counts);
    }
    expect(counts).toEqual([true, true, true, false]);
    const capped = await app.db
      .select({ month: ratings.month })
      .from(ratings)
      .where(and(eq(ratings.parentId, parent), eq(ratings.counts, true)));
    expect(capped.map((r) => r.month)).toEqual(["2026-07-01", "2026-07-01", "2026-07-01"]);
  });

  it("takes ratings out of the scores as they leave the 180-day window", async () => {
    const before = (await scoresOf(people.carerX.id))!;
    // 180 days after now, every rating given up to now has left.
    const later = new Date(Date.now() + 181 * DAY);
    expect(await slideScoreWindow(app.db, later)).toBe(1);
    const after = (await scoresOf(people.carerX.id))!;
    expect(before.scoredCount).toBeGreaterThan(0);
    expect(after).toMatchObject({ scoredCount: 0, ratedCount: 0, goodCount: 0, asAgreedSum: 0 });
    expect(after.reviewCount).toBe(before.reviewCount);
    const [carer] = await app.db
      .select({ score: carers.ratingScore })
      .from(carers)
      .where(eq(carers.userId, people.carerX.id));
    expect(carer!.score).toBeNull();
    // Put the window back at today for the next test.
    await slideScoreWindowBack();
  });

  it("refreshes peer figures by city and service, and the profile compares once there are five ratings", async () => {
    const result = await refreshPeerFigures(app.db, new Date());
    const scores = (await scoresOf(people.carerX.id))!;
    expect(scores.peerCity).toBe("hangzhou");
    expect(scores.scoredCount).toBeGreaterThanOrEqual(5);
    expect(result.groups).toBeGreaterThanOrEqual(1);
    const groups = await app.db.select().from(ratingPeerGroups).where(eq(ratingPeerGroups.city, "hangzhou"));
    expect(groups.length).toBeGreaterThanOrEqual(1);
    // Carer X is the only carer with ratings in Hangzhou: level with themselves.
    expect(groups[0]!).toMatchObject({ carers: 1 });
    const profile = await (await familyB.get(`/carers/${people.carerX.id}`)).text();
    expect(profile).toContain("Level with peers");
    expect(profile).toContain("Peers: 1 carer offering");
    expect(profile).toContain("Checked in within 10 minutes of the start");
    // Review pages: a bad page number is the first page, never a 500; a page past the end is empty.
    expect((await familyB.get(`/carers/${people.carerX.id}?page=abc&service=nonsense`)).status).toBe(200);
    const far = await (await familyB.get(`/carers/${people.carerX.id}?page=9999`)).text();
    expect(far).toContain("No reviews yet.");
    // The carer's own dashboard: the scores and the monthly trend, drawn as inline SVG.
    const dashboard = await (await carerX.get("/carer")).text();
    expect(dashboard).toContain("Your ratings");
    expect(dashboard).toMatch(/<svg[^>]*data-testid="trend-chart"/);
    // Under it, every third month by name, ending with this one (or the last, read across a month's end).
    const chart = /<svg[^>]*data-testid="trend-chart"[\s\S]*?<\/svg>/.exec(dashboard)![0];
    const months = [...chart.matchAll(/<text[^>]*y="114"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(months).toHaveLength(4);
    const monthOf = (d: Date) => new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(d);
    const now = new Date();
    expect([monthOf(now), monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)))]).toContain(
      months.at(-1),
    );
    // The search card shows the good-rating rate beside the score.
    const search = await (await familyA.get(`/family/parents/${parentA}/carers?sort=rating`)).text();
    expect(search).toMatch(/\d+% good \(\d+\)/);
  });
});

describe("the peer city", () => {
  it("is the same in SQL as in cities.ts: Hangzhou's far districts, Shanghai, and a grid cell far from any", async () => {
    const points = [
      [30.233, 119.724], // Lin'an
      [30.305, 120.49], // Qiantang
      [31.23, 121.47], // Shanghai
      [30.7, 120.75], // between Hangzhou and Shanghai, near neither centre
      [45.75, 126.65], // Harbin: no centre listed
      [-33.87, 151.21],
    ] as const;
    for (const [lat, lng] of points) {
      const [row] = await queryRows<{ city: string }>(
        app.db,
        sql.raw(`select ${citySql(`${lat}::float8`, `${lng}::float8`)} as city`),
      );
      expect(row!.city, `${lat}, ${lng}`).toBe(cityOf(lat, lng));
    }
    expect(cityOf(30.233, 119.724)).toBe("hangzhou");
    expect(cityOf(45.75, 126.65)).toBe("cell:45,126");
    expect(cityOf(-33.87, 151.21)).toBe("cell:-34,151");
  });
});

/** Recomputes carer X's sums at today's window (the previous test slid it into the future). */
async function slideScoreWindowBack() {
  const { recomputeCarerScores } = await import("~/ratings/ratings.server");
  await recomputeCarerScores(app.db, people.carerX.id, new Date());
}

// Last: a second rated carer would change the window and peer tests above, which expect carer X alone.
describe("the carer's visits done and measured punctuality", () => {
  it("follow each visit through confirmation, rating and dispute, as a recount from the visits says", async () => {
    const carerId = people.carerY.id;
    await makeCarerProfile(app.db, carerId);
    const column = async () =>
      (await app.db.select({ n: carers.visitsCompleted }).from(carers).where(eq(carers.userId, carerId)))[0]!.n;
    /** The column fire() keeps, and what the SQL twin computes from the visits: always equal. */
    const counted = async () => {
      const kept = await column();
      await recountVisitsCompleted(app.db, [carerId]);
      expect(await column()).toBe(kept);
      return kept;
    };
    expect(await counted()).toBe(0);
    // Done before its start time (check-in opens two hours early), and shorter than booked.
    const [v] = await bookVisits(app, people.familyA.id, carerId, parentA);
    await moveVisit(app, v!.id, new Date(Date.now() + HOUR));
    await checkInAndOut(app, v!.id, { at: new Date(Date.now() - 2 * 60_000) }, { at: new Date(Date.now() - 60_000) });
    expect(await counted()).toBe(1);
    // Beside "Confirm", the family reads what went other than booked (a new-user walk: it was only in
    // the record, far down the page).
    const toConfirm = await (await familyA.get(`/visits/${v!.id}`)).text();
    expect(toConfirm).toContain('data-testid="before-confirm"');
    expect(toConfirm.indexOf("Before you confirm")).toBeLessThan(toConfirm.indexOf('id="record-title"'));
    expect(toConfirm).toMatch(/Before you confirm[\s\S]*over before the booked start/);
    expect((await postEntries(familyA, `/visits/${v!.id}/confirm`, { intent: "confirm" })).status).toBe(302);
    expect(await counted()).toBe(1);
    expect((await rate(familyA, v!.id)).status).toBe(303);
    const profile = await (await familyB.get(`/carers/${carerId}`)).text();
    expect(profile).toContain("1 visit completed");
    expect(profile).toContain("Reviews (1)");
    // Counted as due (it read "No visits yet"), but not on time: it was over before it began (a
    // new-user walk found it read as punctual).
    expect(profile).toMatch(/Checked in within 10 minutes of the start<\/dt><dd>0% of 1</);
    expect(profile).toMatch(/Stayed the agreed duration<\/dt><dd>0% of 1</);
    // And the visit's record lists it with the exceptions, as both sides read it.
    for (const client of [familyA, carerY]) {
      expect(await (await client.get(`/visits/${v!.id}`)).text()).toMatch(/over before the booked start \(\d\d:\d\d\)/);
    }
    expect(profile).toContain("The comparison with peers appears once there are 5 ratings.");
    // A dispute takes it out until an admin decides.
    const disputed = await postEntries(familyA, `/visits/${v!.id}/dispute`, {
      intent: "dispute",
      reason: "She was gone in a minute",
    });
    expect(disputed.status).toBe(302);
    expect(await counted()).toBe(0);
    // Ruled missed: the visit did not take place as rated, so its rating stops counting toward the
    // scores (it kept them at 5, 4, 5), and the review says so.
    expect(await scoresOf(carerId)).toMatchObject({ asAgreedSum: 5, scoredCount: 1, ratedCount: 1 });
    const [dispute] = await app.db.select().from(disputes).where(eq(disputes.visitId, v!.id));
    const ruled = await postEntries(admin, `/admin/disputes/${dispute!.id}`, {
      intent: "resolve",
      outcome: "missed",
      note: "Gone in a minute",
    });
    expect(ruled.status).toBe(302);
    expect((await ratingsOf(v!.id))[0]).toMatchObject({ counts: false });
    expect(await scoresOf(carerId)).toMatchObject({
      asAgreedSum: 0,
      careSum: 0,
      scoredCount: 0,
      ratedCount: 0,
      goodCount: 0,
    });
    const after = await (await familyB.get(`/carers/${carerId}`)).text();
    expect(after).toContain("Kinvisit ruled that this visit did not take place as booked");
    expect(after).toContain("No ratings yet");
  });
});

describe("measured punctuality", () => {
  it("counts a visit over before its booked start as due but not on time (it read as punctual)", async () => {
    await makeCarerProfile(app.db, people.carerY.id);
    const visitWith = async (daysAgo: number, inMinutes: number, outMinutes: number) => {
      const [v] = await bookVisits(app, people.familyA.id, people.carerY.id, parentA);
      const start = new Date(Date.now() - daysAgo * DAY);
      const at = (minutes: number) => ({ at: new Date(start.getTime() + minutes * 60_000) });
      return checkInAndOut(app, v!.id, at(inMinutes), at(outMinutes), { startsAt: start });
    };
    const onTime = async () => {
      const m = await measuredPunctuality(app.db, people.carerY.id, new Date());
      return { due: m.due, onTime: Math.round((m.onTimeShare ?? 0) * m.due) };
    };
    const before = await onTime();
    await visitWith(3, 5, 65); // on time
    await visitWith(4, -110, -100); // checked in and out before the start
    await visitWith(5, -20, 70); // early, and stayed into the booked time: on time
    expect(await onTime()).toEqual({ due: before.due + 3, onTime: before.onTime + 2 });
  });
});
