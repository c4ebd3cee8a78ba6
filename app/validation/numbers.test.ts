import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWithZod } from "~/http/forms.server";
import { seqNumber } from "~/http/params.server";
import { LedgerActionSchema } from "~/ledger/schemas";
import { fromDecimal, parseDecimal, postedNumber } from "./numbers";

const notDecimal = [
  "0x10",
  "1e3",
  "1E3",
  "0b1",
  "0o7",
  "Infinity",
  "-Infinity",
  "NaN",
  "1_000",
  "1,5",
  ".",
  "+",
  "",
  " ",
];

describe("numbers in plain decimal notation", () => {
  it("read signed decimals with an optional fraction, and nothing else", () => {
    expect([" 42 ", "-7", "+3", "1.5", "0.25", ".5", "30.246712", "120."].map(parseDecimal)).toEqual([
      42, -7, 3, 1.5, 0.25, 0.5, 30.246712, 120,
    ]);
    for (const text of notDecimal) expect(parseDecimal(text), text).toBeNaN();
  });

  it("read full-width digits, sign and point as typed with a Chinese IME", () => {
    expect(["１２０", "１２０．５", "－７", "＋３", "\u3000４２\u3000"].map(parseDecimal)).toEqual([
      120, 120.5, -7, 3, 42,
    ]);
    for (const text of ["１ｅ３", "０ｘ１０", "１，５", "１２ ３"]) expect(parseDecimal(text), text).toBeNaN();
    const form = new FormData();
    form.set("price", "２５０");
    const submission = parseWithZod(form, { schema: z.object({ price: z.number() }) });
    expect(submission.status === "success" ? submission.value : null).toEqual({ price: 250 });
  });

  it("hold for every number field of a form, with its own message", () => {
    const Form = z.object({ lat: z.number({ error: "errors.number" }) });
    for (const text of ["0x10", "1e3", "Infinity"]) {
      const form = new FormData();
      form.set("lat", text);
      const submission = parseWithZod(form, { schema: Form });
      expect(submission.status === "success" ? null : submission.error, text).toEqual({ lat: ["errors.number"] });
    }
    const form = new FormData();
    form.set("lat", "30.5");
    expect(parseWithZod(form, { schema: Form }).status).toBe("success");
  });

  it("hold for the schemas' own number fields (ledger minutes) and for query-string numbers", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "add-contact", kind: "call", date: "2026-01-05", minutes: "0x10" }))
      form.set(k, v);
    const submission = parseWithZod(form, { schema: LedgerActionSchema });
    expect(submission.status === "success" ? null : submission.error?.minutes).toEqual(["errors.number"]);
    for (const text of ["0x10", "1e3"]) expect(seqNumber.safeParse(text).success, text).toBe(false);
    expect(fromDecimal(z.number()).parse("16")).toBe(16);
  });

  it("keep a fraction too fine for a double a fraction, so a whole-number field refuses it (an outside probe)", () => {
    expect(Number.isInteger(parseDecimal("30.0000000000000001"))).toBe(false);
    expect(Number.isInteger(parseDecimal("-30.0000000000000001"))).toBe(false);
    expect(["30.0", "30.000", "-4.00", "120."].map(parseDecimal)).toEqual([30, 30, -4, 120]);
    // A decimal field reads it as typed, to within a double: a latitude is not moved.
    for (const text of [
      "30.00000000000000001",
      "120.0000000000000001",
      "-0.00000000000000000001",
      "5.0000000000000001",
    ])
      expect(parseDecimal(text), text).toBeCloseTo(Number(text), 12);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      intent: "add-contact",
      kind: "call",
      date: "2026-01-05",
      minutes: "30.0000000000000001",
    }))
      form.set(k, v);
    const submission = parseWithZod(form, { schema: LedgerActionSchema });
    expect(submission.status === "success" ? null : submission.error?.minutes).toEqual(["errors.integer"]);
  });

  it("say a number field posted twice is a changed form, not 'enter a number'", () => {
    const Form = z.object({ minutes: postedNumber().int() });
    const twice = new FormData();
    twice.append("minutes", "30");
    twice.append("minutes", "30");
    const submission = parseWithZod(twice, { schema: Form });
    expect(submission.status === "success" ? null : submission.error).toEqual({ minutes: ["errors.formChanged"] });
    const word = new FormData();
    word.set("minutes", "thirty");
    const refused = parseWithZod(word, { schema: Form });
    expect(refused.status === "success" ? null : refused.error).toEqual({ minutes: ["errors.number"] });
  });
});
