import { describe, expect, it } from "vitest";
import { releaseTime } from "./quiet-hours";
import { countSegments } from "./segments";
import type { SmsKind } from "~db/schema";
import { OPTIONAL_KINDS, PARENT_KINDS, renderSms, SMS_KINDS, URGENT_KINDS } from "./templates";

describe("countSegments", () => {
  it("counts GSM-7 in 160/153 septets", () => {
    expect(countSegments("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(countSegments("a".repeat(161))).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(countSegments("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(countSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });
  it("counts extension characters twice", () => {
    expect(countSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("€".repeat(81))).toMatchObject({ segments: 2 });
  });
  it("switches to UCS-2 for Chinese and emoji", () => {
    expect(countSegments("你".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(countSegments("你".repeat(71))).toMatchObject({ segments: 2 });
    expect(countSegments("ok 👍")).toMatchObject({ encoding: "UCS-2", units: 5 });
  });
});

/** When the texts below are read: the same year as their visits. */
const READ = new Date("2026-12-01T00:00:00Z");
/** A text's body, read at `readAt`. */
const textOf = (kind: SmsKind, locale: "en" | "zh-CN", p: Record<string, string | number>, readAt = READ) =>
  renderSms(kind, locale, p, "https://kinvisit.example", readAt).body;

describe("templates", () => {
  const params = {
    code: "123456",
    visitId: "v1",
    carerName: "Wang",
    parentName: "Mum",
    when: "Sat 10:00",
    time: "10:02",
    minutes: 63,
    chatId: "c1",
    senderName: "Li",
    requestId: "r1",
    service: "walk_exercise",
    km: 1.5,
    memberName: "Li",
    day: "today",
  };
  it("names the parent's zone with a visit's time", () => {
    const at = { ...params, startsAt: "2026-12-08T01:00:00Z", timeZone: "Asia/Shanghai" };
    expect(textOf("visit_confirmed", "en", at)).toContain("Tue, Dec 8, 09:00 GMT+8");
    // In Chinese, a home in China is on 北京时间, as Chinese readers write it; another zone keeps its offset.
    expect(textOf("visit_confirmed", "zh-CN", at)).toContain("12月8日周二 北京时间 09:00");
    expect(textOf("visit_confirmed", "zh-CN", at)).not.toContain("GMT");
    expect(
      renderSms("visit_confirmed", "zh-CN", { ...at, timeZone: "America/New_York" }, "https://kinvisit.example", READ)
        .body,
    ).toContain("12月7日周一 GMT-5 20:00");
    // A weekly series says it is one, and for how long.
    expect(textOf("visit_confirmed", "en", { ...at, weeks: 4 })).toContain(
      "weekly visits booked with Wang for Mum, 4 weeks from Tue, Dec 8, 09:00 GMT+8.",
    );
    expect(textOf("visit_confirmed", "zh-CN", { ...at, weeks: 4 })).toContain("每周探访已预约");
    expect(textOf("visit_reminder", "en", { ...at, timeZone: "Europe/London" })).toContain("Tue, Dec 8, 01:00 GMT");
  });

  it("gives a visit's date its year when the text is read in another year (an outside probe)", () => {
    const at = { ...params, startsAt: "2027-10-31T02:45:00Z", timeZone: "Europe/London" };
    expect(textOf("visit_confirmed", "en", at)).toContain("on Sun, Oct 31, 2027, 02:45 GMT");
    expect(textOf("visit_confirmed", "zh-CN", at)).toContain("2027年10月31日");
    // Read in that year: no year.
    const sameYear = renderSms(
      "visit_confirmed",
      "en",
      at,
      "https://kinvisit.example",
      new Date("2027-10-01T00:00:00Z"),
    );
    expect(sameYear.body).toContain("on Sun, Oct 31, 02:45 GMT");
  });

  it("says a cancellation's fee when the terms give one, and nothing of a fee otherwise (a new-user walk)", () => {
    const at = { ...params, startsAt: "2026-12-08T01:00:00Z", timeZone: "Asia/Shanghai" };
    const url = "https://kinvisit.example";
    expect(renderSms("visit_cancelled", "en", { ...at, feeCents: 8000 }, url, READ).body).toContain(
      "was cancelled. A fee of ¥80 is due under the agreed terms.",
    );
    expect(renderSms("visit_cancelled", "zh-CN", { ...at, feeCents: 6050 }, url, READ).body).toContain(
      "按约定条款需支付取消费 ¥60.50。",
    );
    expect(renderSms("visit_cancelled", "en", at, url, READ).body).not.toContain("fee");
  });

  it("names the parent's zone with an arrival's and a departure's clock time, and reads one written before", () => {
    const at = { ...params, at: "2026-12-08T01:48:00Z", timeZone: "Asia/Shanghai", minutes: 60 };
    expect(textOf("carer_arrived", "en", at)).toContain("home at 09:48 GMT+8.");
    expect(textOf("carer_left", "zh-CN", at)).toContain("已于 北京时间 09:48 离开");
    const queued = { ...params, time: "09:48" };
    expect(textOf("carer_arrived", "en", queued)).toContain("home at 09:48.");
  });

  it("offers every kind that is neither urgent nor to a parent, in the templates' order", () => {
    // OPTIONAL_KINDS is listed by hand for the browser's schema (kinds.ts): it must follow the templates.
    expect([...OPTIONAL_KINDS]).toEqual(SMS_KINDS.filter((k) => !URGENT_KINDS.has(k) && !PARENT_KINDS.has(k)));
  });

  it.each(SMS_KINDS)("%s renders in both languages and links to its page", (kind) => {
    const en = renderSms(kind, "en", params, "https://kinvisit.example", READ);
    const zh = renderSms(kind, "zh-CN", params, "https://kinvisit.example", READ);
    expect(en.body).not.toMatch(/undefined/);
    expect(zh.body).not.toMatch(/undefined/);
    expect(en.encoding).toBe("GSM-7");
    expect(zh.encoding).toBe("UCS-2");
    if (kind === "nearby_job")
      expect([en.body, zh.body]).toEqual([
        expect.stringContaining("Walk and exercise"),
        expect.stringContaining("散步锻炼"),
      ]);
    // Codes have no link, nor do texts to a parent, who has no account to open it with.
    if (kind === "verification_code" || PARENT_KINDS.has(kind)) expect(en.body).not.toContain("https://");
    else expect(en.body).toMatch(/https:\/\/kinvisit\.example\/\S+$/);
  });
});

describe("releaseTime", () => {
  const zone = "Asia/Shanghai"; // UTC+8, no DST
  const at = (iso: string) => new Date(iso);
  it("sends at once during the day", () => {
    expect(releaseTime(at("2026-11-22T04:00:00Z"), zone, { urgent: false, quietHours: true })).toEqual(
      at("2026-11-22T04:00:00Z"),
    );
  });
  it("holds a late-evening message until 08:00 next day", () => {
    // 23:30 Shanghai on the 22nd → 08:00 on the 23rd = 00:00Z
    expect(releaseTime(at("2026-11-22T15:30:00Z"), zone, { urgent: false, quietHours: true })).toEqual(
      at("2026-11-23T00:00:00Z"),
    );
  });
  it("holds an early-morning message until 08:00 the same day", () => {
    // 06:00 Shanghai → 08:00 Shanghai
    expect(releaseTime(at("2026-11-21T22:00:00Z"), zone, { urgent: false, quietHours: true })).toEqual(
      at("2026-11-22T00:00:00Z"),
    );
  });
  it("holds a message about a moment no later than its `latest` (a reminder for a 04:30 visit)", () => {
    // 02:30 Shanghai, a reminder for a visit at 04:30: out at 04:00, not at 08:00 after the visit.
    const now = at("2026-11-21T18:30:00Z");
    const latest = at("2026-11-21T20:00:00Z");
    expect(releaseTime(now, zone, { urgent: false, quietHours: true, latest })).toEqual(latest);
    // Already past (a late text): at once. Before quiet hours end anyway: as before.
    expect(releaseTime(now, zone, { urgent: false, quietHours: true, latest: at("2026-11-21T18:00:00Z") })).toEqual(
      now,
    );
    expect(releaseTime(now, zone, { urgent: false, quietHours: true, latest: at("2026-11-22T06:00:00Z") })).toEqual(
      at("2026-11-22T00:00:00Z"),
    );
  });
  it("never holds urgent messages, nor for users who turned quiet hours off", () => {
    const late = at("2026-11-22T15:30:00Z");
    expect(releaseTime(late, zone, { urgent: true, quietHours: true })).toEqual(late);
    expect(releaseTime(late, zone, { urgent: false, quietHours: false })).toEqual(late);
  });
  it("uses the recipient's zone, across DST", () => {
    // 23:00 in London during BST (UTC+1) on 2026-07-01 → 08:00 BST on 07-02 = 07:00Z
    expect(releaseTime(at("2026-07-01T22:00:00Z"), "Europe/London", { urgent: false, quietHours: true })).toEqual(
      at("2026-07-02T07:00:00Z"),
    );
    // 22:30 New York on the night DST ends (2026-11-01) → 08:00 EST (UTC-5) = 13:00Z
    expect(releaseTime(at("2026-11-01T02:30:00Z"), "America/New_York", { urgent: false, quietHours: true })).toEqual(
      at("2026-11-01T13:00:00Z"),
    );
  });
});
