import { describe, expect, it } from "vitest";
import type { VisitStatus } from "~db/schema";
import { dueAlerts } from "./alerts";
import { autoConfirmDue } from "./completion";

const START = new Date("2026-12-02T02:00:00Z"); // 10:00 in Shanghai
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const visit = (status: VisitStatus = "scheduled", bookedMinutesBefore = 3 * 24 * 60) => ({
  status,
  startsAt: START,
  acceptedAt: at(-bookedMinutesBefore),
});
const none = new Set<string>();

describe("dueAlerts", () => {
  it("reminds the carer from 2 hours before the start until it", () => {
    expect(dueAlerts(visit(), none, at(-121))).toEqual([]);
    expect(dueAlerts(visit(), none, at(-120))).toEqual(["reminder"]);
    expect(dueAlerts(visit(), none, at(-1))).toEqual(["reminder"]);
    expect(dueAlerts(visit(), none, at(0))).toEqual([]);
  });

  it("sends no reminder for a visit booked inside the window, nor to a carer on the way", () => {
    expect(dueAlerts(visit("scheduled", 60), none, at(-30))).toEqual([]);
    expect(dueAlerts(visit("on_the_way"), none, at(-30))).toEqual([]);
  });

  it("tells the carer at 10 minutes, the family at 15, and marks the visit missed at 60", () => {
    expect(dueAlerts(visit(), none, at(9))).toEqual([]);
    expect(dueAlerts(visit(), none, at(10))).toEqual(["late_carer"]);
    expect(dueAlerts(visit(), none, at(15))).toEqual(["late_carer", "late_family"]);
    expect(dueAlerts(visit(), new Set(["late_carer"]), at(15))).toEqual(["late_family"]);
    expect(dueAlerts(visit(), new Set(["late_carer", "late_family"]), at(59))).toEqual([]);
    expect(dueAlerts(visit(), new Set(["late_carer", "late_family"]), at(60))).toEqual(["missed"]);
  });

  it("after an outage, sends only the missed alert once the hour has passed", () => {
    expect(dueAlerts(visit(), none, at(75))).toEqual(["missed"]);
    expect(dueAlerts(visit(), new Set(["missed"]), at(75))).toEqual([]);
  });

  it("tells the family but not the carer when the carer is on the way", () => {
    expect(dueAlerts(visit("on_the_way"), none, at(12))).toEqual([]);
    expect(dueAlerts(visit("on_the_way"), none, at(20))).toEqual(["late_family"]);
    expect(dueAlerts(visit("on_the_way"), none, at(60))).toEqual(["missed"]);
  });

  it("has nothing to say about visits that started, ended or were cancelled", () => {
    for (const status of ["in_progress", "completed", "confirmed", "cancelled", "missed", "disputed"] as const)
      expect(dueAlerts(visit(status), none, at(30))).toEqual([]);
  });
});

describe("autoConfirmDue", () => {
  const out = new Date("2026-12-02T03:05:00Z");
  it("confirms a completed visit 48 hours after check-out, not before", () => {
    expect(
      autoConfirmDue({ status: "completed", checkedOutAt: out }, new Date(out.getTime() + 48 * 3_600_000 - 1)),
    ).toBe(false);
    expect(autoConfirmDue({ status: "completed", checkedOutAt: out }, new Date(out.getTime() + 48 * 3_600_000))).toBe(
      true,
    );
  });
  it("leaves alone visits the family answered or disputed", () => {
    const later = new Date(out.getTime() + 72 * 3_600_000);
    expect(autoConfirmDue({ status: "confirmed", checkedOutAt: out }, later)).toBe(false);
    expect(autoConfirmDue({ status: "disputed", checkedOutAt: out }, later)).toBe(false);
  });
});
