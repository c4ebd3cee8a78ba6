import { describe, expect, it } from "vitest";
import { type z, object as zObject } from "zod";
import { parseWithZod } from "~/http/forms.server";
import {
  calendarDate,
  clockTime,
  email,
  isTimeZone,
  localDateTime,
  multiLine,
  normaliseDigits,
  oneTimeCode,
  optionalMultiLine,
  optionalPersonName,
  optionalPhone,
  optionalSingleLine,
  password,
  personName,
  phone,
  registerKnownTimeZones,
  singleLine,
  timeZone,
} from "./text";

const issue = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("the input rules", () => {
  it("normalise to NFC and trim before validating", () => {
    expect(singleLine(10).parse("  Zoe\u0301 ")).toBe("Zo\u00e9");
    expect(multiLine(20).parse(" a\r\nb\rc ")).toBe("a\nb\nc");
  });

  it("refuse control characters in one line, allow line breaks and tabs in several", () => {
    for (const v of ["a\nb", "a\rb", "a\u0000b", "a\u0007", "a\u0085b", "a\u2028b", "\u001b[31m"])
      expect(issue(singleLine(50), v), JSON.stringify(v)).toBe("validation.control");
    expect(multiLine(50).parse("a\n\tb")).toBe("a\n\tb");
    expect(issue(multiLine(50), "a\u0000b")).toBe("validation.controlMultiLine");
    expect(issue(multiLine(50), "a\u000bb")).toBe("validation.controlMultiLine");
  });

  it("refuse bidi controls, lone surrogates and invisible-only values", () => {
    expect(issue(singleLine(50), "\u202Egnp.exe")).toBe("validation.bidi");
    expect(issue(multiLine(50), "x\u2066y\u2069")).toBe("validation.bidi");
    expect(issue(singleLine(50), "a\uD800")).toBe("validation.control");
    expect(issue(singleLine(50), "\u200B\u200C\u200D\uFEFF")).toBe("validation.invisible");
    expect(issue(optionalSingleLine(50), "\u2060")).toBe("validation.invisible");
    // An outside probe's: each was taken as a parent's address or a chat message.
    for (const blank of [
      "\u2800",
      "\u{E0041}\u{E0042}",
      "\u206A\u206B",
      "\u17B4\u17B5",
      "\uFE0E\uFE0F",
      "\u0301",
      "\uFFF9\uFFFA\uFFFB",
      "\u180B\u180C",
      "\u{1D173}\u{1D174}",
      "\u{1BCA0}",
    ]) {
      expect(issue(singleLine(50), blank), JSON.stringify(blank)).toBe("validation.invisible");
      expect(issue(multiLine(50), `${blank}\n${blank}`), JSON.stringify(blank)).toBe("validation.invisible");
    }
    // Marks and selectors on something are text.
    expect(singleLine(50).parse("e\u0301")).toBe("é");
    expect(singleLine(50).parse("❤\uFE0F")).toBe("❤\uFE0F");
    // A joiner inside real text is text (emoji sequences, Indic scripts).
    expect(singleLine(50).parse("👩‍👧")).toBe("👩‍👧");
  });

  it("want a letter or digit in a name, and something in a required field", () => {
    expect(issue(personName(), "---")).toBe("validation.name");
    expect(issue(personName(), undefined)).toBe("errors.required");
    expect(issue(singleLine(5), "   ")).toBe("errors.required");
    expect(personName().parse("林梅")).toBe("林梅");
    // Contact details in a name, which others read before a booking (an outside probe).
    for (const name of [
      "Ma WeChat zhangwei88",
      "Li tel 13900001111",
      "Wang 139 0000 1111",
      "li@mail.com",
      "www.x.cn Lin",
      "加微信 Lin",
      "Li １３９００００１１１１",
      "W e C h a t zw88",
      "V信 zw88",
      "li＠mail.cn",
    ]) {
      expect(issue(personName(), name), name).toBe("validation.nameContact");
    }
    for (const name of [
      "Li Wei 李伟",
      "Mary-Jane O'Neil",
      "Unit 3 Carer",
      "Zhou 2nd",
      "Liqiang Wang",
      "Wang Xin (WX)",
      "Double 3a4f9b21",
    ]) {
      expect(personName().parse(name)).toBe(name);
    }
    expect(issue(singleLine(3), "abcd")).toBe("errors.tooLong?max=3");
  });

  it("say a box posted twice is not as the page sent it, not that it is empty", () => {
    // Every string field: the email, password and phone said "This field is required." (an outside probe).
    for (const schema of [
      singleLine(10),
      multiLine(10),
      optionalSingleLine(10),
      personName(),
      email(),
      password(),
      password({ min: 10 }),
      phone(),
      optionalPhone(),
      oneTimeCode(),
      timeZone(),
      calendarDate(),
      localDateTime(),
      clockTime(),
    ]) {
      expect(issue(schema, ["a@b.cn", "a@b.cn"])).toBe("errors.formChanged");
    }
    expect(issue(singleLine(10), undefined)).toBe("errors.required");
    expect(issue(email(), undefined)).toBe("errors.required");
    expect(issue(phone(), undefined)).toBe("errors.required");
  });

  it("take only real dates in range", () => {
    for (const bad of ["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "20260101"])
      expect(issue(calendarDate(), bad), bad).toBe("errors.date");
    expect(calendarDate().parse("2028-02-29")).toBe("2028-02-29");
  });

  it("take a datetime-local value only when its date and time of day are real", () => {
    for (const bad of [
      "2026-13-45T99:99",
      "2026-02-30T10:00",
      "2026-05-06T24:00",
      "2026-05-06T10:60",
      "0001-01-01T00:00",
      "2026-05-06 10:00",
      "2026-05-06T10",
      "tomorrow",
      "",
    ])
      expect(issue(localDateTime(), bad), bad).toBe("errors.dateTime");
    expect(localDateTime().parse(" 2028-02-29T23:59 ")).toBe("2028-02-29T23:59");
    expect(localDateTime().parse("2026-05-06T10:00:30")).toBe("2026-05-06T10:00:30");
  });

  it("take a time zone only if the database knows it, once the server has said which it knows", () => {
    expect(isTimeZone("US/Pacific-New")).toBe(true); // Intl alone accepts it
    registerKnownTimeZones(new Set(["Asia/Shanghai", "UTC"]));
    expect(isTimeZone("US/Pacific-New")).toBe(false);
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("Asia/Shanghai\u0000")).toBe(false);
  });
});

describe("the input rules as a form posts them", () => {
  // Conform coerces every z.string() in a schema, turning "" into undefined: a block that checked its
  // trimmed value with an inner z.string() answered a blank field with zod's English default.
  const blocks: Record<string, z.ZodType> = {
    singleLine: singleLine(10),
    multiLine: multiLine(10),
    personName: personName(),
    phone: phone(),
    email: email(),
    oneTimeCode: oneTimeCode(),
    timeZone: timeZone(),
    calendarDate: calendarDate(),
    clockTime: clockTime(),
    localDateTime: localDateTime(),
  };
  const errorOf = (schema: z.ZodType, value: string) => {
    const form = new FormData();
    form.set("field", value);
    const submission = parseWithZod(form, { schema: zObject({ field: schema }) });
    return submission.status === "success" ? null : submission.error?.field;
  };

  it.each(Object.entries(blocks))("%s answers a blank or whitespace-only field with an i18n key", (_, schema) => {
    for (const blank of ["", "   ", "\t"]) {
      const errors = errorOf(schema, blank);
      expect(errors, JSON.stringify(blank)).toHaveLength(1);
      expect(errors![0], JSON.stringify(blank)).toMatch(/^[a-z]+(\.[A-Za-z]+)+$/);
    }
  });

  it("answers a blank phone or email with the required message", () => {
    expect(errorOf(phone(), "   ")).toEqual(["errors.required"]);
    expect(errorOf(email(), "   ")).toEqual(["errors.required"]);
    expect(errorOf(email(), " Li@Example.COM ")).toBeNull();
    // A password is taken as typed: spaces are a password, nothing is not.
    expect(errorOf(password(), "")).toEqual(["errors.required"]);
  });

  it("takes a blank optional field as absent", () => {
    for (const schema of [optionalSingleLine(10), optionalMultiLine(10), optionalPersonName(), optionalPhone()])
      expect(zObject({ field: schema }).parse({ field: "   " }).field || "").toBe("");
    expect(errorOf(optionalPhone(), "   ")).toBeNull();
    expect(errorOf(optionalPhone(), "2026-02-30!")).toEqual(["errors.phone"]);
  });

  it("read full-width digits and spaces in phone numbers and codes as a Chinese IME types them", () => {
    expect(normaliseDigits("１３８ ００１３\u3000８０００")).toBe("13800138000");
    expect(phone().parse("１３８ ００１３ ８０００")).toBe("13800138000");
    expect(phone().parse("+86 １３８００１３８０００")).toBe("+8613800138000");
    expect(phone().parse("＋８６（１３８）００１３－８０００")).toBe("+86(138)0013-8000");
    expect(phone().parse("\u00a0138\u00a00013\u00a08000 ")).toBe("13800138000");
    expect(zObject({ field: optionalPhone() }).parse({ field: "０１０ ６５５２ ９９８８" }).field).toBe("01065529988");
    expect(oneTimeCode().parse("９７２２３９")).toBe("972239");
    expect(oneTimeCode().parse(" 427 235 ")).toBe("427235");
    expect(oneTimeCode().parse("４２７\u3000２３５")).toBe("427235");
  });

  it("still refuse what is not a phone number or a six-digit code once normalised", () => {
    for (const v of ["138-0013-800O", "１２３", "tel:13800138000", "+86 138 0013 8000 ext 5"])
      expect(issue(phone(), v), v).toBe("errors.phone");
    // Other scripts' digits are digits to Unicode but not to a phone network or our code check.
    for (const v of ["٩٧٢٢٣٩", "12ab56", "1234567", "12345", "427-235"])
      expect(issue(oneTimeCode(), v), v).toBe("errors.code");
    expect(errorOf(oneTimeCode(), "９７２ ２３９")).toBeNull();
    expect(errorOf(phone(), "１３８ ００１３ ８０００")).toBeNull();
  });
});
