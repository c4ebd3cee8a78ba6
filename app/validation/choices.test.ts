import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OfferFieldsSchema } from "~/chat/schemas";
import { parseWithZod } from "~/http/forms.server";
import { choiceList, tickBox, weekdayList } from "./choices";

/** The errors conform reports for a posted form, by field name. */
function errorsOf(schema: z.ZodType, entries: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  const submission = parseWithZod(form, { schema });
  return submission.status === "success" ? null : submission.error;
}

describe("lists of choices", () => {
  const Days = z.object({ weekdays: weekdayList() });
  const Kinds = z.object({ kinds: choiceList(["a", "b"] as const) });

  it("refuse a bad element with one message on the list itself, where the form shows it", () => {
    for (const bad of ["7", "8", "-1", "1.5", "0x1", "1e0", " 1", ""])
      expect(
        errorsOf(Days, [
          ["weekdays", "1"],
          ["weekdays", bad],
        ]),
        JSON.stringify(bad),
      ).toEqual({
        weekdays: ["errors.choice"],
      });
    expect(
      errorsOf(Kinds, [
        ["kinds", "a"],
        ["kinds", "<script>"],
      ]),
    ).toEqual({ kinds: ["errors.choice"] });
  });

  it("take good lists sorted and without repeats, and one box as a list", () => {
    expect(Days.parse({ weekdays: ["3", "1", "3"] }).weekdays).toEqual([1, 3]);
    expect(errorsOf(Days, [["weekdays", "6"]])).toBeNull();
    expect(Kinds.parse({ kinds: ["b", "a"] }).kinds).toEqual(["b", "a"]);
  });

  it("answer an offer's day 7 on its weekdays field", () => {
    const errors = errorsOf(OfferFieldsSchema, [["weekdays", "7"]]);
    expect(errors?.weekdays).toEqual(["errors.choice"]);
    expect(Object.keys(errors ?? {}).filter((k) => k.startsWith("weekdays["))).toEqual([]);
  });
});

describe("tickBox", () => {
  const box = z.object({ ticked: tickBox().optional(), confirm: tickBox("errors.confirmRequired") });
  const messages = (input: unknown) => {
    const result = box.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("takes a ticked box and a box left empty", () => {
    expect(box.parse({ ticked: "on", confirm: "on" })).toEqual({ ticked: "on", confirm: "on" });
    expect(box.parse({ confirm: "on" })).toEqual({ confirm: "on" });
  });

  it("says a required box is not ticked, and a box posted twice or with another value is a changed form", () => {
    expect(messages({})).toEqual(["confirm: errors.confirmRequired"]);
    expect(messages({ ticked: ["on", "on"], confirm: "on" })).toEqual(["ticked: errors.formChanged"]);
    expect(messages({ ticked: "yes", confirm: "true" })).toEqual([
      "ticked: errors.formChanged",
      "confirm: errors.formChanged",
    ]);
  });
});
