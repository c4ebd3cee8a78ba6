// Parent profiles over HTTP: create, read and edit as a family member; another family gets 404;
// sharing by a single-use invitation link; bad coordinates refused with a message.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, parentInvitations, parentMembers, parents } from "~db/schema";
import { makeUser } from "../support/fixtures";
import { makeParent, makeVisitRequest, postEntries } from "../support/geo-fixtures";
import { HttpClient, toastOf } from "../support/http-client";
import { shownHtml } from "../support/html";
import { sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  familyA = people.familyA.client;
  familyB = people.familyB.client;
  carerX = people.carerX.client;
});
afterAll(() => app?.close());

const form = (over: Record<string, string> = {}): [string, string][] => [
  ...(over.name ? [] : ([["name", "Zhou Mei 周梅"]] as [string, string][])),
  ["birthYear", "1944"],
  ["address", "7 Hefang Street, Shangcheng"],
  ["lat", "30.241234"],
  ["lng", "120.170987"],
  ["timeZone", "Asia/Shanghai"],
  ["languages", "mandarin"],
  ["languages", "hangzhounese"],
  ["needs", "hearing"],
  ["emergencyContacts[0].name", "Zhou Lei"],
  ["emergencyContacts[0].relation", "son"],
  ["emergencyContacts[0].phone", "+86 138 0000 1111"],
  ["accessNotes", "Door code 4321#"],
  ["visitGoalVisits", "4"],
  ["visitGoalMinutes", "240"],
  ...Object.entries(over),
];

/** A key's first eight characters in letters: five digits in a row, which a random key can hold, are refused in a name. */
const lettersOf = (key: string) => key.slice(0, 8).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);

/** The emails of one kind sent to a user. */
const mailTo = (userId: string, kind: "removed_from_family") =>
  app.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.userId, userId), eq(mailMessages.kind, kind)));

describe("parent profiles", () => {
  it("creates one parent from a double submit: both posts lead to it", async () => {
    const key = randomUUID();
    const name = `Double ${lettersOf(key)}`;
    const [first, second] = await Promise.all(
      [1, 2].map(() => postEntries(familyA, "/family/parents/new", form({ name, submissionKey: key }))),
    );
    expect([first!.status, second!.status]).toEqual([302, 302]);
    expect(first!.headers.get("Location")).toBe(second!.headers.get("Location"));
    expect(await app.db.select({ id: parents.id }).from(parents).where(eq(parents.name, name))).toHaveLength(1);
    // A form without its key is refused and creates nothing.
    const keyless = await postEntries(familyA, "/family/parents/new", form({ name: `${name} keyless` }));
    expect(keyless.status).toBe(400);
    expect(
      await app.db
        .select({ id: parents.id })
        .from(parents)
        .where(eq(parents.name, `${name} keyless`)),
    ).toHaveLength(0);
  });

  it("says so beside the contacts when a form posts more of them than it has rows", async () => {
    const res = await postEntries(
      familyA,
      "/family/parents/new",
      form({
        submissionKey: randomUUID(),
        "emergencyContacts[999].name": "Extra",
        "emergencyContacts[999].phone": "+8613900002222",
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Use at most 3 entries.");
  });

  it("creates a second parent from the same form edited after Back: the key with other fields is a new post", async () => {
    const key = randomUUID();
    const mum = `Mum ${lettersOf(key)}`;
    const dad = `Dad ${lettersOf(key)}`;
    const first = await postEntries(familyA, "/family/parents/new", form({ name: mum, submissionKey: key }));
    const second = await postEntries(familyA, "/family/parents/new", form({ name: dad, submissionKey: key }));
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("Location")).not.toBe(first.headers.get("Location"));
    expect(await app.db.select({ id: parents.id }).from(parents).where(eq(parents.name, dad))).toHaveLength(1);
  });

  let parentId: string;

  it("lets a family create a parent with a location, and owns it", async () => {
    const res = await postEntries(familyA, "/family/parents/new", form({ submissionKey: randomUUID() }));
    expect(res.status).toBe(302);
    parentId = res.headers.get("Location")!.split("/").pop()!;
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({
      lat: 30.241234,
      lng: 120.170987,
      languages: ["mandarin", "hangzhounese"],
      visitGoalVisits: 4,
    });
    // Stored in E.164, as the parent's own number is.
    expect(row!.emergencyContacts).toEqual([{ name: "Zhou Lei", relation: "son", phone: "+8613800001111" }]);
    const [member] = await app.db.select().from(parentMembers).where(eq(parentMembers.parentId, parentId));
    expect(member).toMatchObject({ userId: people.familyA.id, role: "owner" });
    const page = await (await familyA.get(`/family/parents/${parentId}`)).text();
    expect(page).toContain("Door code 4321#");
    expect(page).toContain("30.241234");
    // The contact's number as people write it, a tap to call, as on the carer's visit page.
    // Written in groups that keep to one line (no-break spaces), dialled as stored.
    expect(page).toContain('<a href="tel:+8613800001111" class="link-target">+86\u00A0138\u00A00000\u00A01111</a>');
  });

  it("answers 404, not 403, to another family, a carer, and to a made-up id", async () => {
    for (const path of [
      `/family/parents/${parentId}`,
      `/family/parents/${parentId}/edit`,
      `/family/parents/${parentId}.data`,
    ]) {
      const res = await familyB.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("Door code");
    }
    expect((await familyB.get(`/family/parents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await familyB.get(`/family/parents/not-a-uuid`)).status).toBe(404);
    expect((await carerX.get(`/family/parents/${parentId}`)).status).toBe(403);
    const edit = await postEntries(familyB, `/family/parents/${parentId}/edit`, form({ name: "Hijacked" }));
    expect(edit.status).toBe(404);
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row!.name).toBe("Zhou Mei 周梅");
  });

  it("refuses latitude or longitude out of range with a message next to the field, changing nothing", async () => {
    const res = await postEntries(
      familyA,
      `/family/parents/${parentId}/edit`,
      form({ lat: "91", lng: "-181" })
        .filter(([k]) => k !== "lat" && k !== "lng")
        .concat([
          ["lat", "91"],
          ["lng", "-181"],
        ]),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Latitude must be between -90 and 90.");
    expect(html).toContain("Longitude must be between -180 and 180.");
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row!.lat).toBe(30.241234);
  });

  it("shares a parent by a single-use invitation link", async () => {
    const res = await postEntries(familyA, `/family/parents/${parentId}`, {
      intent: "invite",
      submissionKey: randomUUID(),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const token = /\/invitations\/([a-z2-7]+)/.exec(html)![1]!;
    const [stored] = await app.db.select().from(parentInvitations).where(eq(parentInvitations.parentId, parentId));
    expect(Buffer.from(stored!.tokenHash).toString("hex")).not.toContain(Buffer.from(token).toString("hex"));
    // A carer cannot accept; the sibling (family B) can, once.
    expect((await postEntries(carerX, `/invitations/${token}`, {})).status).toBe(403);
    // The owner trying their own link is told so, and does not use it up (an outside probe burned it).
    const ownView = await familyA.get(`/invitations/${token}`);
    expect(ownView.status).toBe(200);
    const ownPage = await ownView.text();
    expect(ownPage).toContain("already, so this link is not for you");
    expect(ownPage).not.toContain("Accept the invitation");
    // Whose account it is, but not "Accepting adds this account": there is nothing to accept.
    expect(ownPage).toContain("You are logged in as");
    expect(ownPage).not.toContain("Accepting adds this account");
    const ownAccept = await postEntries(familyA, `/invitations/${token}`, {});
    expect(ownAccept.status).toBe(302);
    expect(ownAccept.headers.get("location")).toBe(`/family/parents/${parentId}`);
    expect(toastOf(familyA)?.message).toBe("invitationAlreadyMember");
    const [unused] = await app.db.select().from(parentInvitations).where(eq(parentInvitations.id, stored!.id));
    expect(unused!.acceptedAt).toBeNull();
    const preview = await (await familyB.get(`/invitations/${token}`)).text();
    expect(preview).toContain("Zhou Mei");
    expect(preview).not.toContain("Door code");
    // It names the account that would accept, with a way to the right one that keeps the link (an
    // outside probe: a browser logged in as someone else gave no sign whose account it was).
    expect(preview).toContain(
      `You are logged in as ${people.familyB.name} (${people.familyB.email}). Accepting adds this account to the family.`,
    );
    expect(preview).toContain(
      `name="redirectTo" value="/login?${new URLSearchParams({ redirectTo: `/invitations/${token}` })}"`,
    );
    const accept = await postEntries(familyB, `/invitations/${token}`, {});
    expect(accept.status).toBe(302);
    expect((await familyB.get(`/family/parents/${parentId}`)).status).toBe(200);
    // Accepting twice (a double click) just leads to the parent again; nobody else can use it.
    const again = await postEntries(familyB, `/invitations/${token}`, {});
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(accept.headers.get("location"));
    expect(await app.db.select().from(parentMembers).where(eq(parentMembers.parentId, parentId))).toHaveLength(2);
    // The owner removes a member with a second tap, after what it means is said (it was one tap).
    const ownerView = shownHtml(await (await familyA.get(`/family/parents/${parentId}`)).text());
    expect(ownerView).toMatch(
      /<details class="member-leave"><summary class="button button--secondary">Remove<\/summary><p>Family B will no longer see Zhou Mei/,
    );
    expect(ownerView).toContain(">Remove Family B</button>");
    // Opening the used link again leads the member to the parent; anyone else is told it is not valid.
    const reopened = await familyB.get(`/invitations/${token}`);
    expect(reopened.status).toBe(302);
    expect(reopened.headers.get("location")).toBe(accept.headers.get("location"));
    const familyC = await sessionClient(app.url, app.db, (await makeUser(app.db, "family")).id);
    const notValid = await familyC.get(`/invitations/${token}`);
    expect(notValid.status).toBe(404);
    const notValidPage = await notValid.text();
    expect(notValidPage).toContain("not valid");
    // No "Not you? Log out": no other account could use it either (it led back here).
    expect(notValidPage).not.toContain("You are logged in as");
    expect(notValidPage).toContain("Ask whoever sent it for a new one.");
    // Accepted from a page drawn before it was used: the page again, saying so, not the bare 404 page.
    const late = await postEntries(familyC, `/invitations/${token}`, {});
    expect(late.status).toBe(302);
    expect(late.headers.get("location")).toBe(`/invitations/${token}`);
    // Logging out from it leads to logging in again, the link kept; a redirect elsewhere is refused.
    const switched = await postEntries(familyC, "/logout", { redirectTo: `/login?redirectTo=/invitations/${token}` });
    expect(switched.headers.get("location")).toBe(`/login?redirectTo=/invitations/${token}`);
    const offsite = await postEntries(new HttpClient(app.url), "/logout", { redirectTo: "//evil.example/x" });
    expect(offsite.headers.get("location")).toBe("/");
    // A member cannot invite or remove the owner.
    expect(
      (await postEntries(familyB, `/family/parents/${parentId}`, { intent: "invite", submissionKey: randomUUID() }))
        .status,
    ).toBe(403);
    expect(
      (await postEntries(familyB, `/family/parents/${parentId}`, { intent: "remove", userId: people.familyA.id }))
        .status,
    ).toBe(403);
    // The owner removes the member, who then gets 404 again.
    expect(
      (await postEntries(familyA, `/family/parents/${parentId}`, { intent: "remove", userId: people.familyB.id }))
        .status,
    ).toBe(302);
    expect((await familyB.get(`/family/parents/${parentId}`)).status).toBe(404);
    // The same removal sent again (its answer lost, a second tap): done, as the first said; not a 403.
    const removedAgain = await postEntries(familyA, `/family/parents/${parentId}`, {
      intent: "remove",
      userId: people.familyB.id,
    });
    expect(removedAgain.status).toBe(302);
    expect(toastOf(familyA)?.message).toBe("memberRemoved");
    // The removed member is told once, by email, in their language, who removed them.
    const [parentRow] = await app.db.select({ name: parents.name }).from(parents).where(eq(parents.id, parentId));
    const told = await mailTo(people.familyB.id, "removed_from_family");
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(`You were removed from ${parentRow!.name}'s family on Kinvisit`);
    expect(told[0]!.body).toContain(`${people.familyA.name} removed you from`);
  });

  it("answers a member's 'leave' sent twice with the way out both times, and tells nothing of other parents", async () => {
    const shared = await makeParent(app.db, people.familyA.id, { name: "Leave Twice" });
    await app.db.insert(parentMembers).values({ parentId: shared, userId: people.familyB.id, role: "member" });
    const leave = () =>
      postEntries(familyB, `/family/parents/${shared}`, { intent: "remove", userId: people.familyB.id });
    const first = await leave();
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/family");
    expect(toastOf(familyB)?.message).toBe("leftParent");
    const second = await leave();
    expect(second.status).toBe(302);
    // Leaving is one's own doing: no email about it.
    expect((await mailTo(people.familyB.id, "removed_from_family")).map((m) => m.subject)).not.toContainEqual(
      expect.stringContaining("Leave Twice"),
    );
    expect(second.headers.get("location")).toBe("/family");
    expect(toastOf(familyB)?.message).toBe("leftParentAgain");
    // Any parent id answers the same (no word on whether it exists); any other post there is a 404.
    const unknown = await postEntries(familyB, `/family/parents/${randomUUID()}`, {
      intent: "remove",
      userId: people.familyB.id,
    });
    expect(unknown.status).toBe(302);
    expect(
      (await postEntries(familyB, `/family/parents/${shared}`, { intent: "remove", userId: people.familyA.id })).status,
    ).toBe(404);
  });

  it("gives concurrent retries of one invite form one invitation, whose one live link is the last one made", async () => {
    // Only the token's hash is stored, so a repeat cannot show the first link again: each answer
    // carries the token it set, and the row keeps the last. A browser shows only its last post's
    // answer; a client that reads every answer finds one link that works.
    const submissionKey = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() =>
        postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite", submissionKey }),
      ),
    );
    const tokens = await Promise.all(answers.map(async (r) => /\/invitations\/([a-z2-7]+)/.exec(await r.text())![1]!));
    expect(new Set(tokens).size).toBe(6);
    expect(
      await app.db.select().from(parentInvitations).where(eq(parentInvitations.submissionKey, submissionKey)),
    ).toHaveLength(1);
    const opened = await Promise.all(tokens.map(async (t) => (await familyB.get(`/invitations/${t}`)).text()));
    expect(opened.filter((page) => page.includes("Zhou Mei"))).toHaveLength(1);
  });

  it("gives a double-submitted invite one live link: the one shown last", async () => {
    const submissionKey = randomUUID();
    const tokenOf = async (res: Response) => /\/invitations\/([a-z2-7]+)/.exec(await res.text())![1]!;
    const first = await tokenOf(
      await postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite", submissionKey }),
    );
    const second = await tokenOf(
      await postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite", submissionKey }),
    );
    expect(second).not.toBe(first);
    const rows = await app.db
      .select()
      .from(parentInvitations)
      .where(eq(parentInvitations.submissionKey, submissionKey));
    expect(rows).toHaveLength(1);
    expect(await (await familyB.get(`/invitations/${first}`)).text()).toContain("not valid");
    expect(await (await familyB.get(`/invitations/${second}`)).text()).toContain("Zhou Mei");
    expect((await postEntries(familyB, `/invitations/${second}`, {})).status).toBe(302);
    // Once accepted, a late retry of that form neither revives nor replaces the link.
    const late = await postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite", submissionKey });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("already been accepted");
    const [after] = await app.db
      .select()
      .from(parentInvitations)
      .where(eq(parentInvitations.submissionKey, submissionKey));
    expect(after!.acceptedBy).toBe(people.familyB.id);
    // Without a key, nothing is created.
    const count = (await app.db.select().from(parentInvitations).where(eq(parentInvitations.parentId, parentId)))
      .length;
    expect((await postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite" })).status).toBe(400);
    expect(await app.db.select().from(parentInvitations).where(eq(parentInvitations.parentId, parentId))).toHaveLength(
      count,
    );
    await postEntries(familyA, `/family/parents/${parentId}`, { intent: "remove", userId: people.familyB.id });
  });

  it("lists unused links to the owner only, who can withdraw them", async () => {
    const token = /\/invitations\/([a-z2-7]+)/.exec(
      await (
        await postEntries(familyA, `/family/parents/${parentId}`, { intent: "invite", submissionKey: randomUUID() })
      ).text(),
    )![1]!;
    const pending = await app.db.select().from(parentInvitations).where(eq(parentInvitations.parentId, parentId));
    const live = pending.filter((p) => !p.acceptedAt);
    expect(live.length).toBeGreaterThan(0);
    const page = await (await familyA.get(`/family/parents/${parentId}`)).text();
    expect(page).toContain("Invitation links not yet used");
    for (const p of live) expect(page).toContain(p.id);
    expect(page).not.toContain(token);
    // Another family cannot withdraw them: the parent is not theirs (404), and nothing changes.
    expect(
      (
        await postEntries(familyB, `/family/parents/${parentId}`, {
          intent: "revoke-invite",
          invitationId: live[0]!.id,
        })
      ).status,
    ).toBe(404);
    // A tampered id (the button's hidden field) is a 400 that says so on the page, which showed nothing.
    const tampered = await postEntries(familyA, `/family/parents/${parentId}`, {
      intent: "revoke-invite",
      invitationId: "nope",
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("Part of this form is not as this page sent it");
    // An id that is no invitation of this parent's is not found (it said "withdrawn"; an outside probe).
    expect(
      (
        await postEntries(familyA, `/family/parents/${parentId}`, {
          intent: "revoke-invite",
          invitationId: randomUUID(),
        })
      ).status,
    ).toBe(404);
    // The page's form posted twice at once (a double tap) withdraws once and answers both alike.
    const submissionKey = randomUUID();
    const [first, ...others] = live;
    const doubled = await Promise.all(
      [1, 2].map(() =>
        postEntries(familyA, `/family/parents/${parentId}`, {
          intent: "revoke-invite",
          invitationId: first!.id,
          submissionKey,
        }),
      ),
    );
    expect(doubled.map((r) => r.status)).toEqual([302, 302]);
    for (const p of others) {
      expect(
        (
          await postEntries(familyA, `/family/parents/${parentId}`, {
            intent: "revoke-invite",
            invitationId: p.id,
            submissionKey,
          })
        ).status,
      ).toBe(302);
    }
    // Withdrawn, the link no longer works, and withdrawing it again from another tab finds nothing: the
    // page says so beside the list.
    const again = await postEntries(familyA, `/family/parents/${parentId}`, {
      intent: "revoke-invite",
      invitationId: first!.id,
    });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("That invitation link has been used or withdrawn already.");
    expect(await (await familyB.get(`/invitations/${token}`)).text()).toContain("not valid");
    expect(await (await familyA.get(`/family/parents/${parentId}`)).text()).not.toContain(
      "Invitation links not yet used",
    );
  });

  it("refuses an expired invitation", async () => {
    const res = await postEntries(familyA, `/family/parents/${parentId}`, {
      intent: "invite",
      submissionKey: randomUUID(),
    });
    const token = /\/invitations\/([a-z2-7]+)/.exec(await res.text())![1]!;
    await app.db
      .update(parentInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(parentInvitations.parentId, parentId));
    expect(await (await familyB.get(`/invitations/${token}`)).text()).toContain("not valid");
    // Posted from a page drawn before it expired: back to the page, which says so.
    const late = await postEntries(familyB, `/invitations/${token}`, {});
    expect(late.status).toBe(302);
    expect(late.headers.get("location")).toBe(`/invitations/${token}`);
  });

  it("lists only the viewer's own parents on the dashboard", async () => {
    const other = await makeParent(app.db, people.familyB.id, { name: "Chen Bo" });
    const a = await (await familyA.get("/family")).text();
    expect(a).toContain("Zhou Mei");
    expect(a).not.toContain("Chen Bo");
    expect(a).not.toContain(other);
  });
});

describe("a parent saved before the address was required", () => {
  it("is shown without one, with the way to add it; and a save without one is refused", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "No Address", address: "" });
    const page = await (await familyA.get(`/family/parents/${parentId}`)).text();
    expect(page).toContain("Not given yet: the carer of a booked visit needs it to find the door.");
    expect(page).toContain(`href="/family/parents/${parentId}/edit?step=where"`);
    // Editing another step, the form goes to the address (the step with the problem) and saves nothing.
    const edit = await postEntries(
      familyA,
      `/family/parents/${parentId}/edit?step=who`,
      form().map(([k, v]) => [k, k === "address" ? "" : v] as [string, string]),
    );
    expect(edit.status).toBe(400);
    expect(await edit.text()).toContain(
      "Enter the home address: the carer of a booked visit needs it to find the door.",
    );
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row!.name).toBe("No Address");
  });
});

describe("the one action shape, on the parent's page", () => {
  let parentId: string;
  beforeAll(async () => {
    parentId = await makeParent(app.db, people.familyA.id, { name: "Shape Test" });
  });
  const memberCount = async () =>
    (await app.db.select().from(parentMembers).where(eq(parentMembers.parentId, parentId))).length;

  it("answers an unknown or missing intent with 400 and changes nothing", async () => {
    const before = await memberCount();
    const bodies: Record<string, string>[] = [
      { intent: "delete-everything", userId: people.familyA.id },
      { userId: people.familyA.id },
    ];
    for (const body of bodies) {
      expect((await postEntries(familyA, `/family/parents/${parentId}`, body)).status).toBe(400);
    }
    expect(await memberCount()).toBe(before);
  });

  it("answers bodies that are not forms with 400, and oversized ones with 413", async () => {
    const post = (body: string, contentType?: string) =>
      familyA.request(`/family/parents/${parentId}`, {
        method: "POST",
        body,
        headers: { Origin: familyA.origin, ...(contentType ? { "Content-Type": contentType } : {}) },
      });
    const intent = JSON.stringify({ intent: "remove", userId: people.familyA.id });
    expect((await post(intent, "application/json")).status).toBe(400);
    expect((await post("intent=remove", "text/plain")).status).toBe(400);
    expect((await post("intent=remove")).status).toBe(400);
    expect((await post("--x\r\nbroken", "multipart/form-data; boundary=x")).status).toBe(400);
    expect((await post(`intent=remove&pad=${"a".repeat(70_000)}`, "application/x-www-form-urlencoded")).status).toBe(
      413,
    );
    expect(await memberCount()).toBe(1);
  });

  it("redirects after a change with a message shown once on the next page", async () => {
    const requestId = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, parentId);
    const res = await postEntries(familyA, `/family/parents/${parentId}`, { intent: "cancel-request", requestId });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/family/parents/${parentId}`);
    const next = await (await familyA.get(`/family/parents/${parentId}`)).text();
    expect(next).toContain("The visit request is cancelled.");
    expect(await (await familyA.get(`/family/parents/${parentId}`)).text()).not.toContain(
      "The visit request is cancelled.",
    );
  });
});
