import { describe, expect, it } from "vitest";
import { parseFormWithZod } from "~/validation/form-coercion";
import { CarerProfileSchema } from "./schemas";

const base = { languages: ["mandarin"], lat: 30.25, lng: 120.15, radiusKm: 5, timeZone: "Asia/Shanghai" };
const issuesOf = (availability: { weekday: number; start?: string; end?: string }[]) => {
  const result = CarerProfileSchema.safeParse({ ...base, availability });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a weekly availability window", () => {
  it("says an overlap at the row posted, rows missing between them or not (a review)", () => {
    const monday = { weekday: 1, start: "09:00", end: "12:00" };
    const overlapping = { weekday: 1, start: "10:00", end: "11:00" };
    expect(issuesOf([monday, overlapping])).toEqual(["availability.1.start: errors.availabilityOverlap"]);
    // Rows [0] and [4] only (a careless client): the message is on row 4, as posted, not on a row 1.
    const gappy = [monday, undefined, undefined, undefined, overlapping] as unknown as (typeof monday)[];
    expect(issuesOf(gappy)).toEqual(["availability.4.start: errors.availabilityOverlap"]);
    expect(
      CarerProfileSchema.parse({
        ...base,
        availability: [monday, undefined, { weekday: 2, start: "09:00", end: "10:00" }],
      }).availability,
    ).toHaveLength(2);
  });

  it("asks for the missing end of a window given by one end, not for an order", () => {
    expect(issuesOf([{ weekday: 1, start: "09:00" }])).toEqual(["availability.0.end: errors.required"]);
    expect(issuesOf([{ weekday: 1, end: "12:00" }])).toEqual(["availability.0.start: errors.required"]);
  });

  it("refuses an end not after its start, and takes an empty row or a whole window", () => {
    expect(issuesOf([{ weekday: 1, start: "12:00", end: "09:00" }])).toEqual(["availability.0.end: errors.timeRange"]);
    expect(issuesOf([{ weekday: 2 }, { weekday: 1, start: "09:00", end: "12:00" }])).toEqual([]);
  });

  it("says an impossible time is not a time, beside that time (not an order, beside the end); a day may end at 24:00", () => {
    expect(issuesOf([{ weekday: 1, start: "09:60", end: "10:00" }])).toEqual(["availability.0.start: errors.time"]);
    expect(issuesOf([{ weekday: 1, start: "25:00", end: "26:00" }])).toEqual([
      "availability.0.start: errors.time",
      "availability.0.end: errors.time",
    ]);
    expect(issuesOf([{ weekday: 1, start: "24:00", end: "24:00" }])).toEqual(["availability.0.start: errors.time"]);
    expect(issuesOf([{ weekday: 1, start: "20:00", end: "24:00" }])).toEqual([]);
    // Midnight as a time field writes it: the end of the day, not before the start.
    expect(issuesOf([{ weekday: 1, start: "20:00", end: "00:00" }])).toEqual([]);
    expect(issuesOf([{ weekday: 1, start: "00:00", end: "00:00" }])).toEqual([]);
    // Overlap judged on the same ends: 20:00–00:00 and 22:00–23:00 overlap.
    expect(
      issuesOf([
        { weekday: 1, start: "20:00", end: "00:00" },
        { weekday: 1, start: "22:00", end: "23:00" },
      ]),
    ).toEqual(["availability.1.start: errors.availabilityOverlap"]);
  });
});

/** The issues of a form post of the profile, as the server and the browser parse it. */
const formIssues = (fields: Record<string, string>) => {
  const form = new FormData();
  const all = {
    "languages[0]": "mandarin",
    lat: "30.25",
    lng: "120.15",
    radiusKm: "5",
    timeZone: "Asia/Shanghai",
    ...fields,
  };
  for (const [name, value] of Object.entries(all)) form.append(name, value);
  const error = parseFormWithZod(form, { schema: CarerProfileSchema }).reply().error ?? {};
  return Object.fromEntries(Object.entries(error).filter(([, messages]) => messages?.length));
};

describe("a frequent question", () => {
  it("refuses a question without its answer, and an answer without its question, next to the empty half", () => {
    expect(formIssues({ "faq[0].question": "Do you cook?", "faq[0].answer": "" })).toEqual({
      "faq[0].answer": ["errors.faqAnswer"],
    });
    expect(formIssues({ "faq[1].question": "  ", "faq[1].answer": "Yes, Hangzhou dishes." })).toEqual({
      "faq[1].question": ["errors.faqQuestion"],
    });
  });

  it("takes a whole pair or an empty row, and names the empty half even beside a refused one", () => {
    expect(formIssues({ "faq[0].question": "Do you cook?", "faq[0].answer": "Yes.", "faq[1].question": "" })).toEqual(
      {},
    );
    // The question is too long (its own message) and the answer is missing: both on one submit.
    expect(formIssues({ "faq[0].question": "x".repeat(201), "faq[0].answer": "" })).toEqual({
      "faq[0].question": ["errors.tooLong?max=200"],
      "faq[0].answer": ["errors.faqAnswer"],
    });
  });
});

describe("the services a carer offers", () => {
  it("names every problem of every ticked service on the first submit, each field's message once", () => {
    expect(
      formIssues({
        "services[0].service": "companionship",
        "services[0].offered": "on",
        "services[1].service": "meal_prep",
        "services[1].offered": "on",
        "services[1].price": "abc",
      }),
    ).toEqual({
      "services[0].price": ["errors.required"],
      "services[0].minMinutes": ["errors.required"],
      "services[1].price": ["errors.number"],
      "services[1].minMinutes": ["errors.required"],
    });
  });

  it("asks nothing of a service left unticked", () => {
    expect(formIssues({ "services[0].service": "companionship", "services[0].price": "abc" })).toEqual({
      "services[0].price": ["errors.number"],
    });
    expect(formIssues({ "services[0].service": "companionship" })).toEqual({});
  });

  it("refuses a price of ¥0, as an offer does: a service at ¥0 could not be booked at its price", () => {
    const priced = (price: string) =>
      formIssues({
        "services[0].service": "companionship",
        "services[0].offered": "on",
        "services[0].price": price,
        "services[0].minMinutes": "60",
      });
    expect(priced("0")).toEqual({ "services[0].price": ["errors.pricePositive"] });
    expect(priced("-5")).toEqual({ "services[0].price": ["errors.pricePositive"] });
    expect(priced("0.01")).toEqual({});
  });
});

describe("a weekly availability window in a form post", () => {
  it("names a missing end beside a badly written start on the same submit", () => {
    expect(formIssues({ "availability[0].weekday": "1", "availability[0].start": "9am" })).toEqual({
      "availability[0].start": ["errors.time"],
      "availability[0].end": ["errors.required"],
    });
  });
});

describe("a row that is no object (a tampered post)", () => {
  it("is refused as one, and its row rules, which run beside failed fields, do not throw", () => {
    for (const row of [null, "x", 3]) {
      const result = CarerProfileSchema.safeParse({ ...base, services: [row], availability: [row], faq: [row] });
      expect(result.success, String(row)).toBe(false);
    }
  });
});
