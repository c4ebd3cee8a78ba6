import { describe, expect, it } from "vitest";
import { splitCarerDay } from "./carer-day";

// 2026-12-02 23:30 in Shanghai.
const now = new Date("2026-12-02T15:30:00Z");
const row = (
  id: string,
  startsAt: string,
  status: Parameters<typeof splitCarerDay>[0][number]["status"] = "scheduled",
) => ({
  id,
  status,
  startsAt: new Date(startsAt),
  endsAt: new Date(new Date(startsAt).getTime() + 3600_000),
  timeZone: "Asia/Shanghai",
});

describe("the carer's day", () => {
  it("puts under Today what is dated today in the parent's zone, and what is under way", () => {
    const { today, upcoming } = splitCarerDay(
      [
        row("tomorrow-shanghai", "2026-12-02T16:30:00Z"), // 00:30 on the 3rd in Shanghai
        row("this-morning", "2026-12-02T01:00:00Z", "completed"),
        row("yesterday-running", "2026-12-01T14:00:00Z", "in_progress"),
        row("later-today", "2026-12-02T15:45:00Z"),
        row("cancelled-later", "2026-12-05T02:00:00Z", "cancelled"),
      ],
      now,
    );
    expect(today.map((v) => v.id)).toEqual(["yesterday-running", "this-morning", "later-today"]);
    expect(upcoming.map((v) => v.id)).toEqual(["tomorrow-shanghai"]);
  });
});
