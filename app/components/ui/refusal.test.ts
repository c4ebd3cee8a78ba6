import { describe, expect, it } from "vitest";
import { FORM_CHANGED, refusalOf } from "./refusal";

describe("refusalOf", () => {
  it("shows the form's own errors", () => {
    expect(refusalOf({ error: { "": ["parents.notOwner"] } })).toEqual(["parents.notOwner"]);
  });

  it("adds 'not as the page sent it' for an error on a field the page does not show", () => {
    expect(refusalOf({ error: { requestId: ["errors.required"] } })).toEqual([FORM_CHANGED]);
    expect(refusalOf({ error: { "": ["errors.generic"], key: ["errors.required"] } })).toEqual([
      "errors.generic",
      FORM_CHANGED,
    ]);
  });

  it("leaves a shown field's errors to the field", () => {
    expect(refusalOf({ error: { body: ["errors.tooLong"] } }, ["body"])).toBeUndefined();
    expect(refusalOf({ error: { body: ["errors.tooLong"], intent: ["errors.choice"] } }, ["body"])).toEqual([
      FORM_CHANGED,
    ]);
  });

  it("shows nothing for no answer, an accepted one, or emptied errors", () => {
    expect(refusalOf(undefined)).toBeUndefined();
    expect(refusalOf({})).toBeUndefined();
    expect(refusalOf({ error: { "": [], key: null } })).toBeUndefined();
  });
});
