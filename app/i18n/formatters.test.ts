import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatDate, formatList, formatSpanInReaderZone, formatTimeZone } from "./formatters";
import { formatWeekdays } from "./weekdays";
import { createLiteI18n } from "./lite-i18n";
import { en } from "./locales/en";
import { zhCN as zh } from "./locales/zh-CN";

describe("formatList", () => {
  it("separates Chinese tags with the enumeration comma, English ones with commas", () => {
    expect(formatList("zh-CN", ["普通话", "杭州话"])).toBe("普通话、杭州话");
    expect(formatList("en", ["Mandarin", "Hangzhou dialect"])).toBe("Mandarin, Hangzhou dialect");
  });
  it("reads as a sentence when asked", () => {
    expect(formatList("zh-CN", ["普通话", "粤语", "吴语"], "sentence")).toBe("普通话、粤语和吴语");
    expect(formatList("en", ["a", "b", "c"], "sentence")).toBe("a, b, and c");
  });
  it("is empty for no items", () => {
    expect(formatList("en", [])).toBe("");
  });
});

describe("formatWeekdays", () => {
  it("names the days Monday first, whatever order they are stored in (0 is Sunday)", () => {
    const load = async () => ({});
    const zhT = createLiteI18n("zh-CN", zh, load).t;
    expect(formatWeekdays(zhT, "zh-CN", [0, 1, 2])).toBe("星期一、星期二、星期日");
    expect(formatWeekdays(createLiteI18n("en", en, load).t, "en", [4, 0])).toBe("Thursday, Sunday");
  });
});

describe("formatDate", () => {
  const now = "2026-12-02T10:00:00Z";
  it("leaves the year out in the current year, and says it otherwise", () => {
    expect(formatDate("en", "2026-03-03T02:00:00Z", { now, timeZone: "Asia/Shanghai" })).toBe("Tue, Mar 3");
    expect(formatDate("en", "2025-03-04T02:00:00Z", { now, timeZone: "Asia/Shanghai" })).toBe("Tue, Mar 4, 2025");
    expect(formatDate("zh-CN", "2025-03-04T02:00:00Z", { now, timeZone: "Asia/Shanghai" })).toBe("2025年3月4日周二");
  });
  it("takes the year in the event's time zone, from the caller's clock", () => {
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Shanghai: a year away from "now".
    expect(formatDate("en", "2026-12-31T20:00:00Z", { now, timeZone: "Asia/Shanghai", weekday: false })).toBe(
      "Jan 1, 2027",
    );
    expect(formatDate("en", "2026-12-31T20:00:00Z", { now, timeZone: "Europe/London", weekday: false })).toBe("Dec 31");
  });
  it("follows the caller's clock from one call to the next (a new year, a new zone)", () => {
    const event = "2027-01-05T02:00:00Z";
    expect(formatDate("en", event, { now, timeZone: "Asia/Shanghai", weekday: false })).toBe("Jan 5, 2027");
    expect(formatDate("en", event, { now: "2027-01-01T10:00:00Z", timeZone: "Asia/Shanghai", weekday: false })).toBe(
      "Jan 5",
    );
    // 31 Dec 2026 20:00 UTC: still 2026 in London, already 2027 in Shanghai.
    const eve = "2026-12-31T20:00:00Z";
    expect(formatDate("en", event, { now: eve, timeZone: "Europe/London", weekday: false })).toBe("Jan 5, 2027");
    expect(formatDate("en", event, { now: eve, timeZone: "Asia/Shanghai", weekday: false })).toBe("Jan 5");
  });
  it("says the year exactly when the zone's calendar does, in the hours around a new year in every zone", () => {
    // The year is read from UTC except within 15 h of a new year: check each side of that edge against
    // the zone's own calendar, in the furthest zones from UTC and a few between.
    const zones = ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Shanghai", "Europe/London", "America/St_Johns", "UTC"];
    const yearOf = (date: Date, timeZone: string) => dateTimeFormat("en", { timeZone, year: "numeric" }).format(date);
    for (const timeZone of zones) {
      for (let hours = -20; hours <= 20; hours += 0.5) {
        const when = new Date(Date.UTC(2027, 0, 1) + hours * 3600_000);
        for (const clock of ["2026-06-15T12:00:00Z", "2027-06-15T12:00:00Z"]) {
          const sameYear = yearOf(when, timeZone) === yearOf(new Date(clock), timeZone);
          const text = formatDate("en", when, { now: clock, timeZone, weekday: false });
          expect(/\d{4}/.test(text), `${when.toISOString()} ${timeZone} now ${clock}: ${text}`).toBe(!sameYear);
        }
      }
    }
  });
  it("adds the time of day on request", () => {
    expect(formatDate("en", "2026-03-03T02:30:00Z", { now, timeZone: "Asia/Shanghai", time: true })).toBe(
      "Tue, Mar 3, 10:30",
    );
  });
});

describe("formatTimeZone", () => {
  it("names a zone in the reader's language instead of its IANA id", () => {
    expect(formatTimeZone("en", "Asia/Shanghai")).toBe("China Standard Time");
    expect(formatTimeZone("zh-CN", "Asia/Shanghai")).toBe("中国标准时间");
    // A zone with summer time by its generic name, as its clocks run now, not as they ran in 1970
    // (Sydney read "Standard Time" all December, and Lord Howe as Sydney: an outside probe).
    expect(formatTimeZone("en", "Australia/Sydney")).toBe("Australian Eastern Time");
    expect(formatTimeZone("en", "Australia/Lord_Howe")).toBe("Lord Howe Time");
    expect(formatTimeZone("zh-CN", "Australia/Lord_Howe")).toBe("豪勋爵岛时间");
    expect(formatTimeZone("en", "Europe/Paris")).toBe("Central European Time");
  });
  it("keeps the id when there is no name for it, or it is not a zone", () => {
    expect(formatTimeZone("en", "Not/AZone")).toBe("Not/AZone");
  });
});

describe("formatSpanInReaderZone", () => {
  const now = "2026-12-02T10:00:00Z";
  // 5 Dec 2026 16:00–17:00 in Shanghai (UTC+8): 08:00–09:00 in London (GMT in December).
  const start = "2026-12-05T08:00:00Z";
  const end = "2026-12-05T09:00:00Z";
  it("gives the span on the reader's clock when it reads differently from the event's", () => {
    const opts = { now, eventZone: "Asia/Shanghai", readerZone: "Europe/London" };
    expect(formatSpanInReaderZone("en", start, end, opts)).toBe("Sat, Dec 5, 08:00–09:00");
    expect(formatSpanInReaderZone("zh-CN", start, end, opts)).toBe("12月5日周六 08:00–09:00");
  });
  it("follows the reader's daylight saving time and the date line", () => {
    // 1 Jul 2026 09:00 Shanghai is 02:00 in London (BST), and 30 Jun 18:00 in Los Angeles (PDT).
    const s = "2026-07-01T01:00:00Z";
    const e = "2026-07-01T02:00:00Z";
    expect(formatSpanInReaderZone("en", s, e, { now, eventZone: "Asia/Shanghai", readerZone: "Europe/London" })).toBe(
      "Wed, Jul 1, 02:00–03:00",
    );
    expect(
      formatSpanInReaderZone("en", s, e, { now, eventZone: "Asia/Shanghai", readerZone: "America/Los_Angeles" }),
    ).toBe("Tue, Jun 30, 18:00–19:00");
  });
  it("says nothing when the reader's clock reads the same: the same zone, or another on the same offset", () => {
    expect(
      formatSpanInReaderZone("en", start, end, { now, eventZone: "Asia/Shanghai", readerZone: "Asia/Shanghai" }),
    ).toBe(null);
    expect(
      formatSpanInReaderZone("en", start, end, { now, eventZone: "Asia/Shanghai", readerZone: "Asia/Hong_Kong" }),
    ).toBe(null);
    // London and Lisbon share a clock in winter.
    expect(
      formatSpanInReaderZone("en", start, end, { now, eventZone: "Europe/London", readerZone: "Europe/Lisbon" }),
    ).toBe(null);
  });
});

describe("dateTimeFormat", () => {
  it("writes the same time wherever it runs, because the zone is always given", () => {
    // The type requires a zone; the runtime's own (the server's UTC, the browser's after hydration) is never used.
    const at = new Date("2026-12-04T16:00:00Z");
    const options = {
      timeZone: "Asia/Shanghai",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    } as const;
    expect(dateTimeFormat("zh-CN", options).format(at)).toBe("12月5日 00:00");
    // @ts-expect-error a format without a zone does not type-check
    dateTimeFormat("en", { hour: "2-digit" });
  });
});
