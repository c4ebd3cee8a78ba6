import { describe, expect, it } from "vitest";
import { VisitActionSchema } from "./tap-schemas";

const position = (deviceTime: number) => ({ intent: "position", lat: 30.25, lng: 120.15, accuracy: 20, deviceTime });

describe("the visit page's posts", () => {
  it("takes a phone's fix time only as far as a Date reaches: later would be an invalid date in the database", () => {
    expect(VisitActionSchema.safeParse(position(1_800_000_000_000)).success).toBe(true);
    expect(VisitActionSchema.safeParse(position(8.64e15)).success).toBe(true);
    const past = VisitActionSchema.safeParse(position(8.64e15 + 1));
    expect(past.success).toBe(false);
    expect(past.error!.issues[0]!.path).toEqual(["deviceTime"]);
  });
});
