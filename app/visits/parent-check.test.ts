import { describe, expect, it } from "vitest";
import { questionDay, readParentAnswer } from "./parent-check";

describe("readParentAnswer", () => {
  it.each(["1", " 1 ", "１", "1.", "是", "一"])("reads %j as yes", (body) => {
    expect(readParentAnswer(body)).toBe("yes");
  });
  it.each(["2", "２", "2!", "no", "没有", "二"])("reads %j as no", (body) => {
    expect(readParentAnswer(body)).toBe("no");
  });
  it.each(["", "12", "3", "yes please", "Who is this?"])("reads %j as no answer", (body) => {
    expect(readParentAnswer(body)).toBeNull();
  });
});

describe("questionDay", () => {
  const zone = "Asia/Shanghai";
  it("is today when the text leaves the day of the visit", () => {
    const out = new Date("2026-12-02T03:00:00Z"); // 11:00
    expect(questionDay(zone, out, out)).toBe("today");
  });
  it("is yesterday when quiet hours hold an evening text until the morning", () => {
    const out = new Date("2026-12-02T14:30:00Z"); // 22:30
    expect(questionDay(zone, out, new Date("2026-12-03T00:00:00Z"))).toBe("yesterday"); // 08:00 next day
  });
});
