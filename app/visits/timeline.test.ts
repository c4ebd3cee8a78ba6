import { describe, expect, it } from "vitest";
import {
  type AlertText,
  buildTimeline,
  endedBeforeStart,
  reminderText,
  shortBy,
  type TimelineEvent,
  type TimelineInput,
} from "./timeline";

const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00Z`);
let id = 0;
const event = (
  time: string,
  from: TimelineEvent["fromStatus"],
  to: TimelineEvent["toStatus"],
  transition: string | null,
  extra: Partial<TimelineEvent> = {},
): TimelineEvent => ({
  id: ++id,
  at: at(time),
  fromStatus: from,
  toStatus: to,
  reason: transition ?? "booked",
  data: transition ? { transition, by: "carer" } : null,
  ...extra,
});
const noEvv: TimelineInput["evv"] = {
  checkedInAt: null,
  checkInDistanceM: null,
  checkInAccuracyM: null,
  checkInReason: null,
  checkedOutAt: null,
  checkOutDistanceM: null,
  checkOutAccuracyM: null,
  checkOutReason: null,
};
const input = (over: Partial<TimelineInput>): TimelineInput => ({
  events: [],
  evv: noEvv,
  alerts: [],
  log: null,
  corrections: [],
  parentCheck: null,
  ...over,
});

describe("the timeline", () => {
  it("tells a visit like a parcel: booked, reminder, on the way, arrived, notes, left", () => {
    const timeline = buildTimeline(
      input({
        events: [
          event("01:00", null, "scheduled", null),
          event("01:40", "scheduled", "on_the_way", "start_travel", {
            data: { transition: "start_travel", etaMinutes: 12 },
          }),
          event("02:02", "on_the_way", "in_progress", "check_in", {
            data: { transition: "check_in", flagged: false, exception: false },
          }),
          event("03:05", "in_progress", "completed", "check_out", {
            data: { transition: "check_out", flagged: false, exception: false },
          }),
        ],
        evv: {
          ...noEvv,
          checkedInAt: at("02:02"),
          checkInDistanceM: 40,
          checkInAccuracyM: 12,
          checkedOutAt: at("03:05"),
          checkOutDistanceM: 25,
          checkOutAccuracyM: 9,
        },
        alerts: [{ kind: "reminder", at: at("00:00") }],
        log: { notes: " Read the paper. ", updatedAt: at("02:50") },
      }),
    );
    expect(timeline.map((e) => e.kind)).toEqual(["reminder", "booked", "on_the_way", "arrived", "log", "left"]);
    expect(timeline[2]).toEqual({ kind: "on_the_way", at: at("01:40").toISOString(), etaMinutes: 12 });
    expect(timeline[3]).toMatchObject({ distanceM: 40, accuracyM: 12, reason: null, flagged: false, noFix: false });
    expect(timeline[4]).toMatchObject({ notes: "Read the paper." });
    expect(timeline[5]).toMatchObject({ minutes: 63, distanceM: 25 });
  });

  it("shows each GPS exception with its reason: away from home, a vague fix, no fix", () => {
    const timeline = buildTimeline(
      input({
        events: [
          event("02:02", "scheduled", "in_progress", "check_in", {
            reason: "escorting_clinic",
            data: { transition: "check_in", flagged: true, exception: true },
          }),
          event("03:00", "in_progress", "completed", "check_out", {
            reason: "Phone died",
            data: { transition: "check_out", flagged: true, exception: true },
          }),
        ],
        evv: {
          ...noEvv,
          checkedInAt: at("02:02"),
          checkInDistanceM: 2400,
          checkInAccuracyM: 5000,
          checkInReason: "escorting_clinic",
          checkedOutAt: at("03:00"),
          checkOutReason: "Phone died",
        },
      }),
    );
    expect(timeline[0]).toMatchObject({ kind: "arrived", reason: "escorting_clinic", flagged: true, noFix: false });
    expect(timeline[1]).toMatchObject({ kind: "left", reason: "Phone died", flagged: true, noFix: true, minutes: 58 });
  });

  it("keeps other transitions with the reason given (not the transition's own name), and the parent's word", () => {
    const timeline = buildTimeline(
      input({
        events: [
          event("01:00", "scheduled", "cancelled", "cancel", { reason: "Mother is in hospital" }),
          event("05:00", "completed", "confirmed", "auto_confirm", { reason: "auto_confirm" }),
        ],
        parentCheck: { sentAt: at("03:10"), answer: "yes", answeredAt: at("03:20") },
        corrections: [{ field: "mood", reason: "Typo", at: at("04:00") }],
      }),
    );
    expect(timeline.map((e) => e.kind)).toEqual(["status", "parent_asked", "parent_answered", "correction", "status"]);
    expect(timeline[0]).toMatchObject({ to: "cancelled", reason: { words: "Mother is in hospital" }, auto: false });
    expect(timeline[2]).toMatchObject({ answer: "yes" });
    expect(timeline[4]).toMatchObject({ to: "confirmed", reason: null, auto: true });
  });

  it("gives no reason for a plain confirmation, and the app's own reasons as codes to translate", () => {
    const timeline = buildTimeline(
      input({
        events: [
          // As confirmVisit wrote it before, and as fire() writes it now.
          event("01:00", "completed", "confirmed", "confirm", { reason: "confirmed" }),
          event("01:01", "completed", "confirmed", "confirm", { reason: null }),
          event("02:00", "scheduled", "missed", "mark_missed", { reason: "no_check_in" }),
          event("03:00", "confirmed", "disputed", "dispute", { reason: "parent_said_no" }),
          event("04:00", "scheduled", "cancelled", "cancel", { reason: "carer_unavailable" }),
          event("05:00", "scheduled", "cancelled", "cancel", { reason: "  " }),
        ],
      }),
    );
    expect(timeline.map((e) => (e.kind === "status" ? e.reason : "?"))).toEqual([
      null,
      null,
      { code: "no_check_in" },
      { code: "parent_said_no" },
      { code: "carer_unavailable" },
      null,
    ]);
  });

  it("says who changed the visit's state, when a person did (a new-user walk: 'Cancelled' said not by whom)", () => {
    const timeline = buildTimeline(
      input({
        events: [
          event("01:00", "scheduled", "cancelled", "cancel", { data: { transition: "cancel", by: "family" } }),
          event("02:00", "completed", "disputed", "dispute", { data: { transition: "dispute", by: "carer" } }),
          event("03:00", "disputed", "missed", "resolve_as_missed", {
            data: { transition: "resolve_as_missed", by: "admin" },
          }),
          event("04:00", "completed", "confirmed", "auto_confirm", {
            data: { transition: "auto_confirm", by: "system" },
          }),
        ],
      }),
    );
    expect(timeline.map((e) => (e.kind === "status" ? [e.by, e.auto] : "?"))).toEqual([
      ["family", false],
      ["carer", false],
      ["admin", false],
      [null, true],
    ]);
  });

  it("orders entries of the same second by the visit's course", () => {
    const timeline = buildTimeline(
      input({
        events: [
          event("02:00", "in_progress", "completed", "check_out"),
          event("02:00", "scheduled", "in_progress", "check_in"),
        ],
        evv: { ...noEvv, checkedInAt: at("02:00"), checkedOutAt: at("02:00") },
      }),
    );
    expect(timeline.map((e) => e.kind)).toEqual(["arrived", "left"]);
  });

  it("says when a visit was over before its booked start (check-in opens two hours early)", () => {
    const startsAt = at("02:00");
    expect(endedBeforeStart({ startsAt, checkedOutAt: at("00:10") })).toBe(true);
    expect(endedBeforeStart({ startsAt, checkedOutAt: at("02:00") })).toBe(true);
    expect(endedBeforeStart({ startsAt, checkedOutAt: at("02:01") })).toBe(false);
    expect(endedBeforeStart({ startsAt, checkedOutAt: null })).toBe(false);
  });

  it("says when a visit was 10 minutes or more shorter than booked, by time spent, not by the clock", () => {
    const booked = { startsAt: at("02:00"), endsAt: at("03:00") };
    const spent = (inAt: string, outAt: string) => ({ ...booked, checkedInAt: at(inAt), checkedOutAt: at(outAt) });
    expect(shortBy(spent("02:00", "02:15"))).toBe(45);
    expect(shortBy(spent("02:00", "02:50"))).toBe(10);
    expect(shortBy(spent("02:00", "02:51"))).toBeNull();
    // Came 20 minutes early and stayed the full hour: not short, though gone before the booked end.
    expect(shortBy(spent("01:40", "02:40"))).toBeNull();
    expect(shortBy({ ...booked, checkedInAt: at("02:00"), checkedOutAt: null })).toBeNull();
    expect(shortBy({ checkedInAt: at("02:00"), checkedOutAt: at("02:10") })).toBeNull();

    const timeline = buildTimeline(
      input({
        events: [event("02:15", "in_progress", "completed", "check_out")],
        evv: { ...noEvv, ...spent("02:00", "02:15"), checkOutDistanceM: 20, checkOutAccuracyM: 10 },
      }),
    );
    expect(timeline[0]).toMatchObject({ kind: "left", minutes: 15, shortByMinutes: 45 });
  });

  it("says what became of the reminder's text: sent when the provider took it, held until the carer's quiet hours end, or not sent", () => {
    const text = (status: AlertText["status"], sendAfter: string | null, acceptedAt: string | null = null) => ({
      status,
      sendAfter: sendAfter ? at(sendAfter) : null,
      acceptedAt: acceptedAt ? at(acceptedAt) : null,
    });
    const made = at("02:00");
    expect(reminderText(made, text("pending", "03:00"))).toEqual({ state: "held", until: at("03:00") });
    // Queued to go now (a minute's grace), or taken by a worker: being sent.
    expect(reminderText(made, text("pending", "02:00"))).toEqual({ state: "sending", until: null });
    expect(reminderText(made, text("sending", "02:01"))).toEqual({ state: "sending", until: null });
    expect(reminderText(made, text("accepted", "02:00", "02:00"))).toEqual({ state: "sent", until: null });
    expect(reminderText(made, text("delivered", "03:00", "03:00"))).toEqual({ state: "sent", until: null });
    expect(reminderText(made, text("suppressed", "02:00"))).toEqual({ state: "not_sent", until: null });
    expect(reminderText(made, text("failed", "02:00"))).toEqual({ state: "failed", until: null });
    expect(reminderText(made, text("undelivered", "02:00", "02:00"))).toEqual({ state: "failed", until: null });
    // A reminder kept without its text (none found): sent, as the timeline always said.
    expect(reminderText(made, null)).toEqual({ state: "sent", until: null });
    expect(reminderText(made, text(null, null))).toEqual({ state: "sent", until: null });

    // On the timeline: a held reminder at the time it was made, with the time it goes out; a sent one
    // at the time the provider took it.
    const of = (t: ReturnType<typeof text>) =>
      buildTimeline(input({ alerts: [{ kind: "reminder", at: made, text: t }] }))[0];
    expect(of(text("pending", "03:00"))).toEqual({
      kind: "reminder",
      at: made.toISOString(),
      text: "held",
      until: at("03:00").toISOString(),
    });
    expect(of(text("sent", "03:00", "03:01"))).toEqual({
      kind: "reminder",
      at: at("03:01").toISOString(),
      text: "sent",
      until: null,
    });
  });
});
