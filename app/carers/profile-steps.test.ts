import { describe, expect, it } from "vitest";
import { filledSteps, firstStepWithError, nextStep, profileSteps, stepOfField } from "./profile-steps";

describe("carer profile steps", () => {
  it("puts every field of the form in exactly one step", () => {
    const fields = ["languages", "lat", "lng", "radiusKm", "timeZone", "bio", "gender", "services[0].price"];
    expect(fields.map(stepOfField)).toEqual(["area", "area", "area", "area", "area", "about", "about", "services"]);
    expect(stepOfField("availability[3].end")).toBe("availability");
    expect(stepOfField("faq[1].answer")).toBe("faq");
    expect(stepOfField("quickPhrases")).toBe("faq");
    expect(stepOfField("")).toBeNull();
  });
  it("sends the carer to the earliest step with an error", () => {
    expect(firstStepWithError(["faq[0].answer", "services[1].price"])).toBe("services");
    expect(firstStepWithError(["", "lat"])).toBe("area");
    expect(firstStepWithError([""])).toBeNull();
  });
  it("walks the steps in order and stops after the last", () => {
    expect(profileSteps.map(nextStep)).toEqual(["about", "services", "availability", "faq", null]);
  });
  it("ticks the steps that hold something", () => {
    expect([...filledSteps({}, false)]).toEqual([]);
    expect(
      [
        ...filledSteps(
          { bio: "", services: [{ offered: true }], availability: [{ start: "09:00" }], faq: [], quickPhrases: "" },
          true,
        ),
      ].sort(),
    ).toEqual(["area", "availability", "services"]);
  });
});
