import { describe, expect, it } from "vitest";
import { dashboardPath, safeRedirectPath } from "./guards.server";

describe("safeRedirectPath", () => {
  it.each([
    ["/family", "/family"],
    ["/account?tab=1", "/account?tab=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

it("sends each role to its own dashboard", () => {
  expect([dashboardPath("family"), dashboardPath("carer"), dashboardPath("admin")]).toEqual([
    "/family",
    "/carer",
    "/admin",
  ]);
});
