import { describe, expect, it } from "vitest";
import type { VisitStatus } from "~db/schema";
import { available, canFire, countsAsDone, notDoneReason, TRANSITIONS } from "./visit-status";

describe("the visit lifecycle", () => {
  it("follows scheduled → on the way → in progress → completed → confirmed", () => {
    expect(canFire("start_travel", "scheduled", "carer")).toBe(true);
    expect(canFire("check_in", "on_the_way", "carer")).toBe(true);
    expect(canFire("check_in", "scheduled", "carer")).toBe(true); // on my way is optional
    expect(canFire("check_out", "in_progress", "carer")).toBe(true);
    expect(canFire("confirm", "completed", "family")).toBe(true);
    expect(canFire("auto_confirm", "completed", "system")).toBe(true);
  });

  it("lets only the right people fire each transition", () => {
    expect(canFire("check_in", "scheduled", "family")).toBe(false);
    expect(canFire("confirm", "completed", "carer")).toBe(false);
    expect(canFire("mark_missed", "scheduled", "carer")).toBe(false);
    expect(canFire("resolve_as_done", "disputed", "family")).toBe(false);
    expect(canFire("cancel", "scheduled", "family")).toBe(true);
    expect(canFire("cancel", "scheduled", "carer")).toBe(true);
  });

  it("refuses transitions from the wrong state", () => {
    expect(canFire("check_out", "scheduled", "carer")).toBe(false); // out before in
    expect(canFire("check_in", "cancelled", "carer")).toBe(false); // in after a cancellation
    expect(canFire("cancel", "in_progress", "family")).toBe(false);
    expect(canFire("confirm", "confirmed", "family")).toBe(false);
  });

  it("leaves cancelled and confirmed visits final, but a confirmed one can still be disputed", () => {
    expect(available("cancelled", "carer")).toEqual([]);
    expect(available("cancelled", "family")).toEqual([]);
    expect(available("confirmed", "family")).toEqual(["dispute"]);
  });

  it("reaches every state from scheduled, and names only real states", () => {
    const states = new Set<VisitStatus>(["scheduled"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of Object.values(TRANSITIONS)) {
        if (t.from.some((f) => states.has(f)) && !states.has(t.to)) {
          states.add(t.to);
          grew = true;
        }
      }
    }
    expect([...states].sort()).toEqual(
      ["cancelled", "completed", "confirmed", "disputed", "in_progress", "missed", "on_the_way", "scheduled"].sort(),
    );
  });
});

describe("a visit done, for the carer's count", () => {
  const out = new Date("2026-12-01T03:00:00Z");
  it("is checked out and completed or confirmed; disputed, missed and cancelled are not", () => {
    expect(countsAsDone({ status: "completed", checkedOutAt: out })).toBe(true);
    expect(countsAsDone({ status: "confirmed", checkedOutAt: out })).toBe(true);
    for (const status of ["disputed", "missed", "cancelled", "in_progress"] as const) {
      expect(countsAsDone({ status, checkedOutAt: out })).toBe(false);
    }
    // A missed visit an admin resolved as done was never checked out.
    expect(countsAsDone({ status: "confirmed", checkedOutAt: null })).toBe(false);
  });
});

describe("why a visit is not done", () => {
  it("names the end it came to, or that it is still to come", () => {
    expect(notDoneReason("cancelled")).toBe("cancelled");
    expect(notDoneReason("missed")).toBe("missed");
    expect(notDoneReason("disputed")).toBe("disputed");
    expect(notDoneReason("scheduled")).toBe("not_yet");
    expect(notDoneReason("in_progress")).toBe("not_yet");
    // A missed visit an admin ruled done: confirmed, never checked out.
    expect(notDoneReason("confirmed", false)).toBe("no_check_out");
    expect(notDoneReason("completed", true)).toBe("not_yet");
  });
});
