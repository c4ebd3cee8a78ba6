import { describe, expect, it } from "vitest";
import { createLiteI18n } from "~/i18n/lite-i18n";
import { en } from "~/i18n/locales/en";
import { type OfferTerms, offerWhen } from "./offer-when";

const i18n = createLiteI18n("en", en, async () => en);
const t = i18n.t.bind(i18n) as Parameters<typeof offerWhen>[0];
const NOW = "2026-12-06T08:00:00Z";

const weekly = (startDate: string, weekdays: number[]): OfferTerms => ({
  schedule: "weekly",
  startDate,
  startMinute: 9 * 60,
  durationMinutes: 180,
  weekdays,
  weeks: 4,
});

describe("an offer's days in one line", () => {
  it("names a weekly offer's first visit, not a start date that is none of its weekdays", () => {
    // Wednesday 16 December, Tuesdays only: the first visit is Tuesday the 22nd.
    expect(offerWhen(t, "en", weekly("2026-12-16", [2]), NOW)).toBe(
      "Tuesday, 09:00–12:00, for 4 weeks from Tue, Dec 22",
    );
    // Tuesdays and Thursdays from that Wednesday: Thursday the 17th.
    expect(offerWhen(t, "en", weekly("2026-12-16", [2, 4]), NOW)).toContain("from Thu, Dec 17");
    // A start date on one of the weekdays is the first visit itself.
    expect(offerWhen(t, "en", weekly("2026-12-22", [2]), NOW)).toContain("from Tue, Dec 22");
    // Across the year's end, with the year said.
    expect(offerWhen(t, "en", weekly("2026-12-31", [1]), NOW)).toContain("from Mon, Jan 4, 2027");
  });

  it("names a one-off visit's own date", () => {
    const once: OfferTerms = { ...weekly("2026-12-16", []), schedule: "once", weekdays: null, weeks: null };
    expect(offerWhen(t, "en", once, NOW)).toContain("Wed, Dec 16");
  });
});
