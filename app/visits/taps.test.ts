import { describe, expect, it } from "vitest";
import { decideTap, deviceTimeInFuture, endsEarly, positionDue, reasonOf, tapRefusal } from "./taps";

const home = { lat: 30.2467, lng: 120.1485 };
/** A point `m` metres north of home. */
const north = (m: number) => ({ lat: home.lat + m / 111_195, lng: home.lng });
const start = new Date("2026-12-02T02:00:00Z"); // 10:00 in Shanghai
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const visit = (status: Parameters<typeof tapRefusal>[0]["status"] = "scheduled", gpsFlagged = false) => ({
  status,
  startsAt: start,
  endsAt: minutes(90),
  gpsFlagged,
});
const fix = (m: number, accuracyM = 10) => ({ ...north(m), accuracyM });
const none = { fix: null, reason: null, deviceTime: null };

describe("when a tap may happen", () => {
  it("opens setting off and check-in two hours before the start, and closes them at the end", () => {
    expect(tapRefusal(visit(), "check_in", minutes(-121))).toBe("too_early");
    expect(tapRefusal(visit(), "check_in", minutes(-120))).toBeNull();
    expect(tapRefusal(visit(), "start_travel", minutes(-121))).toBe("too_early");
    expect(tapRefusal(visit(), "check_in", minutes(89))).toBeNull();
    expect(tapRefusal(visit(), "check_in", minutes(90))).toBe("too_late");
  });

  it("refuses anything after a cancellation, and a check-out before the check-in", () => {
    for (const tap of ["start_travel", "check_in", "check_out"] as const) {
      expect(tapRefusal(visit("cancelled"), tap, start)).toBe("cancelled");
    }
    expect(tapRefusal(visit("scheduled"), "check_out", start)).toBe("not_checked_in");
    expect(tapRefusal(visit("on_the_way"), "check_out", start)).toBe("not_checked_in");
  });

  it("follows the lifecycle table for the rest", () => {
    expect(tapRefusal(visit("on_the_way"), "check_in", start)).toBeNull();
    expect(tapRefusal(visit("on_the_way"), "start_travel", start)).toBe("wrong_state");
    expect(tapRefusal(visit("in_progress"), "check_in", start)).toBe("wrong_state");
    expect(tapRefusal(visit("completed"), "check_out", start)).toBe("wrong_state");
    expect(tapRefusal(visit("missed"), "check_in", start)).toBe("wrong_state");
    // Checking out late is fine: the visit ran over.
    expect(tapRefusal(visit("in_progress"), "check_out", minutes(300))).toBeNull();
  });
});

describe("the device's clock", () => {
  it("refuses a device time ahead of the server's beyond a minute of slack", () => {
    expect(deviceTimeInFuture(null, start)).toBe(false);
    expect(deviceTimeInFuture(minutes(-30), start)).toBe(false);
    expect(deviceTimeInFuture(new Date(start.getTime() + 60_000), start)).toBe(false);
    expect(deviceTimeInFuture(new Date(start.getTime() + 61_000), start)).toBe(true);
    const decided = decideTap(
      visit(),
      "check_in",
      { ...none, fix: fix(10), deviceTime: minutes(60) },
      home,
      150,
      start,
    );
    expect(decided).toEqual({ ok: false, error: "device_time_future" });
  });

  it("writes the server's time, never the device's", () => {
    const decided = decideTap(
      visit(),
      "check_in",
      { ...none, fix: fix(10), deviceTime: minutes(-45) },
      home,
      150,
      start,
    );
    expect(decided.ok && decided.set.checkedInAt).toEqual(start);
  });
});

describe("a check-out once the carer's access to the home has ended", () => {
  const late = minutes(90 + 25 * 60);
  const decide = (m: number, reason: string | null) =>
    decideTap(visit("in_progress"), "check_out", { ...none, fix: fix(m), reason }, home, 150, late, {
      homeHidden: true,
    });

  it("asks for a reason wherever the carer stands: the answer says nothing of where the home is", () => {
    // At the door and 2 km off, the same refusal and no distance: either would locate the home.
    expect(decide(10, null)).toEqual({ ok: false, error: "late_reason_needed" });
    expect(decide(2000, null)).toEqual({ ok: false, error: "late_reason_needed" });
    expect(decideTap(visit("in_progress"), "check_out", none, home, 150, late, { homeHidden: true })).toEqual({
      ok: false,
      error: "late_reason_needed",
    });
  });

  it("with a reason, checks out as an exception, the distance kept for the family's record", () => {
    const atDoor = decide(10, "forgot");
    expect(atDoor).toMatchObject({
      ok: true,
      reason: "forgot",
      set: { checkOutDistanceM: 10, checkOutReason: "forgot" },
    });
    expect(atDoor.ok && atDoor.data.exception).toBe(true);
    // While the home is open, the same tap at the door needs no reason.
    expect(
      decideTap(visit("in_progress"), "check_out", { ...none, fix: fix(10), reason: null }, home, 150, late),
    ).toMatchObject({ ok: true, reason: null });
  });
});

describe("a check-in's place", () => {
  it("inside the geofence: the EVV columns, no reason kept, not flagged", () => {
    const decided = decideTap(
      visit(),
      "check_in",
      { ...none, fix: fix(40, 12), reason: "met_outside" },
      home,
      150,
      start,
    );
    expect(decided).toMatchObject({
      ok: true,
      inside: true,
      flagged: false,
      reason: null,
      set: {
        checkedInAt: start,
        checkInAccuracyM: 12,
        checkInDistanceM: 40,
        checkInReason: null,
        gpsFlagged: false,
      },
    });
  });

  it("outside it: refused without a reason, kept with one", () => {
    const far = { ...none, fix: fix(400, 20) };
    expect(decideTap(visit(), "check_in", far, home, 150, start)).toEqual({
      ok: false,
      error: "outside_fence",
      distanceM: 400,
    });
    const given = decideTap(visit(), "check_in", { ...far, reason: "escorting_clinic" }, home, 150, start);
    expect(given).toMatchObject({ ok: true, inside: false, set: { checkInReason: "escorting_clinic" } });
    // A wider configured radius takes it in.
    expect(decideTap(visit(), "check_in", far, home, 500, start)).toMatchObject({ ok: true, inside: true });
  });

  it("a 5 km accuracy: accepted and flagged near the home; 2 km away it needs a reason like any other", () => {
    const near = decideTap(visit(), "check_in", { ...none, fix: fix(800, 5000) }, home, 150, start);
    expect(near).toMatchObject({ ok: true, flagged: true, set: { gpsFlagged: true, checkInAccuracyM: 5000 } });
    const vague = { ...none, fix: fix(2000, 5000) };
    expect(decideTap(visit(), "check_in", vague, home, 150, start)).toMatchObject({
      ok: false,
      error: "outside_fence",
    });
    const given = decideTap(visit(), "check_in", { ...vague, reason: "gps_wrong" }, home, 150, start);
    expect(given).toMatchObject({ ok: true, inside: false, flagged: true, set: { checkInReason: "gps_wrong" } });
  });

  it("no fix at all: needs a reason, then flagged with no place", () => {
    expect(decideTap(visit(), "check_in", none, home, 150, start)).toEqual({ ok: false, error: "reason_needed" });
    const decided = decideTap(visit(), "check_in", { ...none, reason: "  Phone died  " }, home, 150, start);
    expect(decided).toMatchObject({
      ok: true,
      flagged: true,
      set: { checkInLat: null, checkInDistanceM: null, checkInReason: "Phone died", gpsFlagged: true },
    });
  });

  it("a check-out writes its own columns and keeps a flag from the check-in", () => {
    const decided = decideTap(
      visit("in_progress", true),
      "check_out",
      { ...none, fix: fix(20), endEarly: true },
      home,
      150,
      minutes(63),
    );
    expect(decided).toMatchObject({
      ok: true,
      set: { checkedOutAt: minutes(63), checkOutDistanceM: 20, gpsFlagged: true },
    });
    expect(decided.ok && "checkedInAt" in decided.set).toBe(false);
  });
});

describe("checking out before the booked end", () => {
  it("needs the carer to say the visit ends early, until ten minutes before the end", () => {
    const at = (n: number, endEarly?: boolean) =>
      decideTap(visit("in_progress"), "check_out", { ...none, fix: fix(20), endEarly }, home, 150, minutes(n));
    // A second tap on the spot where "Check in" was, minutes after checking in.
    expect(at(2)).toEqual({ ok: false, error: "ends_early" });
    expect(at(79)).toEqual({ ok: false, error: "ends_early" });
    expect(at(2, true)).toMatchObject({ ok: true, set: { checkedOutAt: minutes(2) } });
    expect(at(80)).toMatchObject({ ok: true });
    expect(at(300)).toMatchObject({ ok: true });
    expect(endsEarly(visit(), minutes(79))).toBe(true);
    expect(endsEarly(visit(), minutes(80))).toBe(false);
  });

  it("asks after the state: a visit not checked in is refused for that first", () => {
    expect(decideTap(visit("on_the_way"), "check_out", none, home, 150, minutes(2))).toEqual({
      ok: false,
      error: "not_checked_in",
    });
  });
});

describe("on my way", () => {
  it("needs no reason, estimates the arrival from the fix, and sets no place", () => {
    const decided = decideTap(visit(), "start_travel", { ...none, fix: fix(3000) }, home, 150, minutes(-30));
    expect(decided).toMatchObject({ ok: true, etaMinutes: 10, set: { onTheWayAt: minutes(-30) } });
    const blind = decideTap(visit(), "start_travel", none, home, 150, minutes(-30));
    expect(blind).toMatchObject({ ok: true, etaMinutes: null });
  });

  it("takes a new position at most every 30 seconds", () => {
    expect(positionDue(null, start)).toBe(true);
    expect(positionDue(new Date(start.getTime() - 29_999), start)).toBe(false);
    expect(positionDue(new Date(start.getTime() - 30_000), start)).toBe(true);
  });
});

describe("the reason a form sends", () => {
  it("is the code, or the typed words for 'other' or without a code", () => {
    expect(reasonOf("met_outside", "  We met at the park gate ")).toBe("met_outside\nWe met at the park gate");
    expect(reasonOf("met_outside", " ")).toBe("met_outside");
    expect(reasonOf("met_outside", undefined)).toBe("met_outside");
    expect(reasonOf("other", "  At the pharmacy ")).toBe("At the pharmacy");
    expect(reasonOf("other", "  ")).toBeNull();
    expect(reasonOf(undefined, "Typed")).toBe("Typed");
    expect(reasonOf(undefined, undefined)).toBeNull();
  });
});
