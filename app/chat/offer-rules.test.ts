import { describe, expect, it } from "vitest";
import { checkOffer, offerState } from "./offer-rules";
import type { OfferFields } from "./schemas";

// 2027-03-01 is a Monday; 09:00 in Shanghai is 01:00 UTC.
const now = new Date("2027-03-01T01:00:00Z");
const zone = "Asia/Shanghai";
const fields = (over: Partial<OfferFields> = {}): OfferFields => ({
  service: "companionship",
  schedule: "once",
  date: "2027-03-02",
  start: "10:00",
  end: "11:30",
  weekdays: [],
  weeks: undefined,
  tasks: ["Chat over tea", "Short walk"],
  price: 120,
  cancellation: "moderate",
  expiresInHours: 24,
  ...over,
});

describe("offer rules", () => {
  it("accepts a one-off visit tomorrow, in the parent's zone, priced in fen", () => {
    const r = checkOffer(fields(), zone, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.offer.first.startsAt.toISOString()).toBe("2027-03-02T02:00:00.000Z");
    expect(r.offer.pattern.durationMinutes).toBe(90);
    expect(r.offer.priceCents).toBe(12_000);
    expect(r.offer.expiresAt.toISOString()).toBe("2027-03-02T01:00:00.000Z");
  });

  it("refuses an offer that ends before it starts, or lasts under 15 minutes or over 12 hours", () => {
    expect(checkOffer(fields({ start: "11:00", end: "10:00" }), zone, now)).toEqual({
      ok: false,
      problem: { field: "end", error: "offer.errors.endBeforeStart" },
    });
    expect(checkOffer(fields({ start: "10:00", end: "10:00" }), zone, now)).toMatchObject({ ok: false });
    expect(checkOffer(fields({ start: "10:00", end: "10:10" }), zone, now)).toMatchObject({
      problem: { error: "offer.errors.duration" },
    });
    // The same day, over 12 hours (the database refuses such a row: it was a 500).
    expect(checkOffer(fields({ start: "06:00", end: "22:00" }), zone, now)).toMatchObject({
      problem: { field: "end", error: "offer.errors.duration" },
    });
  });

  it("reads an end before the start as the next morning, for a visit of 12 hours at most", () => {
    // A request for 23:30 could not be offered at its hour: the end had to be 23:59 at the latest.
    const late = checkOffer(fields({ start: "23:30", end: "00:30" }), zone, now);
    expect(late.ok).toBe(true);
    if (!late.ok) return;
    expect(late.offer.pattern.durationMinutes).toBe(60);
    expect(late.offer.first.startsAt.toISOString()).toBe("2027-03-02T15:30:00.000Z");
    expect(late.offer.first.endsAt.toISOString()).toBe("2027-03-02T16:30:00.000Z");
    const night = checkOffer(
      fields({ schedule: "weekly", weekdays: [5], weeks: 2, start: "22:00", end: "06:00" }),
      zone,
      now,
    );
    expect(night.ok && night.offer.pattern.durationMinutes).toBe(480);
    // Past 12 hours, the times were swapped: said as such, not as a day-long visit.
    expect(checkOffer(fields({ start: "18:00", end: "06:30" }), zone, now)).toMatchObject({
      problem: { field: "end", error: "offer.errors.endBeforeStart" },
    });
    expect(checkOffer(fields({ start: "23:55", end: "00:05" }), zone, now)).toMatchObject({
      problem: { field: "end", error: "offer.errors.duration" },
    });
  });

  it("refuses a visit in the past, or less than half an hour away", () => {
    expect(checkOffer(fields({ date: "2027-02-28" }), zone, now)).toMatchObject({
      problem: { field: "date", error: "offer.errors.inPast" },
    });
    // 09:20 today is 20 minutes away: the time is what to change, beside the start. (Today is the
    // parent's today: 01:00 UTC is already 09:00 in Shanghai, still yesterday in New York.)
    expect(checkOffer(fields({ date: "2027-03-01", start: "09:20", end: "10:00" }), zone, now)).toMatchObject({
      problem: { field: "start", error: "offer.errors.inPast" },
    });
    expect(
      checkOffer(fields({ date: "2027-02-28", start: "19:00", end: "20:00" }), "America/New_York", now),
    ).toMatchObject({ problem: { field: "start", error: "offer.errors.inPast" } });
    expect(checkOffer(fields({ date: "2027-02-28" }), "America/New_York", now)).toMatchObject({
      problem: { field: "start", error: "offer.errors.inPast" },
    });
    expect(checkOffer(fields({ date: "2027-03-01", start: "09:30", end: "10:00" }), zone, now).ok).toBe(true);
  });

  it("expires no later than the first visit", () => {
    const r = checkOffer(fields({ date: "2027-03-01", start: "12:00", end: "13:00", expiresInHours: 72 }), zone, now);
    expect(r.ok && r.offer.expiresAt.toISOString()).toBe("2027-03-01T04:00:00.000Z");
  });

  it("needs weekdays and a number of weeks for a weekly pattern, which starts on its first future visit", () => {
    expect(checkOffer(fields({ schedule: "weekly", weeks: 4 }), zone, now)).toMatchObject({
      problem: { field: "weekdays" },
    });
    expect(checkOffer(fields({ schedule: "weekly", weekdays: [1] }), zone, now)).toMatchObject({
      problem: { field: "weeks" },
    });
    // Mondays at 08:00 from today: today's has passed, so the first is next Monday.
    const r = checkOffer(
      fields({ schedule: "weekly", date: "2027-03-01", start: "08:00", end: "09:00", weekdays: [1], weeks: 4 }),
      zone,
      now,
    );
    expect(r.ok && r.offer.first.date).toBe("2027-03-08");
    expect(r.ok && r.offer.pattern.startDate).toBe("2027-03-08");
  });

  it("reads an open offer past its expiry as expired, and leaves answered ones as they are", () => {
    const later = new Date("2027-03-03T00:00:00Z");
    expect(offerState({ status: "open", expiresAt: "2027-03-02T00:00:00Z" }, later)).toBe("expired");
    expect(offerState({ status: "open", expiresAt: "2027-03-04T00:00:00Z" }, later)).toBe("open");
    expect(offerState({ status: "accepted", expiresAt: "2027-03-02T00:00:00Z" }, later)).toBe("accepted");
  });

  it("refuses a first visit more than a year ahead, one-off or weekly: the booking would open the home for that long", () => {
    expect(checkOffer(fields({ date: "2028-02-28" }), zone, now)).toMatchObject({ ok: true });
    const far = { ok: false, problem: { field: "date", error: "validation.dateRange" } };
    expect(checkOffer(fields({ date: "2028-03-03" }), zone, now)).toEqual(far);
    expect(checkOffer(fields({ date: "2099-06-01", schedule: "weekly", weekdays: [1], weeks: 4 }), zone, now)).toEqual(
      far,
    );
  });

  it("asks again for a one-off visit at a time the clocks skip, instead of moving it", () => {
    const skipped = checkOffer(fields({ date: "2027-03-14", start: "02:30", end: "03:30" }), "America/New_York", now);
    expect(skipped).toEqual({ ok: false, problem: { field: "start", error: "errors.timeGap" } });
    // An end the clocks skip is asked again too, on the end field.
    expect(checkOffer(fields({ date: "2027-03-14", start: "01:00", end: "02:30" }), "America/New_York", now)).toEqual({
      ok: false,
      problem: { field: "end", error: "errors.timeGap" },
    });
    expect(
      checkOffer(fields({ date: "2027-03-14", start: "03:30", end: "04:30" }), "America/New_York", now),
    ).toMatchObject({
      ok: true,
    });
  });
});
