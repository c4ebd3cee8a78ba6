import { describe, expect, it } from "vitest";
import { firstParentStepWithError, nextParentStep, parentStepOfField, parentSteps } from "./form-steps";

describe("parent form steps", () => {
  it("files each field under one step", () => {
    expect(parentStepOfField("name")).toBe("who");
    expect(parentStepOfField("lat")).toBe("where");
    expect(parentStepOfField("emergencyContacts[1].phone")).toBe("contacts");
    expect(parentStepOfField("")).toBeNull();
  });
  it("finds the earliest step with an error and walks the steps in order", () => {
    expect(firstParentStepWithError(["visitGoalVisits", "address"])).toBe("where");
    expect(parentSteps.map(nextParentStep)).toEqual(["where", "contacts", null]);
  });
});
