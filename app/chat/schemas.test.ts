import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseFormWithZod } from "~/validation/form-coercion";
import { chatActionSchemaAt, offerFieldsSchemaAt } from "./schemas";

// Monday 1 March 2027, 09:00 in Shanghai.
const now = new Date("2027-03-01T01:00:00Z");
const clock = () => now;
const zone = "Asia/Shanghai";

const form = (over: Record<string, string> = {}) => {
  const data = new FormData();
  const fields = {
    service: "companionship",
    schedule: "once",
    date: "2027-03-02",
    start: "10:00",
    end: "11:30",
    tasks: "Tea",
    price: "120",
    cancellation: "moderate",
    expiresInHours: "24",
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const errorsOf = (data: FormData, schema: z.ZodType = offerFieldsSchemaAt(zone, clock)) => {
  const submission = parseFormWithZod(data, { schema });
  return submission.status === "success" ? {} : submission.error;
};

describe("an offer's form, checked with the rules of its times", () => {
  it("shows a past date beside the form's other problems, in one check", () => {
    expect(errorsOf(form({ date: "2027-02-27", price: "0" }))).toEqual({
      date: ["offer.errors.inPast"],
      price: ["offer.errors.price"],
    });
    // Today at an hour gone is the time to change; an end before the start, the end.
    expect(errorsOf(form({ date: "2027-03-01", start: "08:00", end: "09:00", price: "0" }))).toMatchObject({
      start: ["offer.errors.inPast"],
    });
    expect(errorsOf(form({ start: "11:00", end: "10:00", price: "0" }))).toMatchObject({
      end: ["offer.errors.endBeforeStart"],
    });
    // Both at once: a day gone by and an end before the start (they came one submit apart).
    expect(errorsOf(form({ date: "2027-02-27", start: "11:00", end: "10:00" }))).toEqual({
      date: ["offer.errors.inPast"],
      end: ["offer.errors.endBeforeStart"],
    });
    expect(errorsOf(form({ date: "2027-03-01", start: "08:00", end: "07:00" }))).toEqual({
      start: ["offer.errors.inPast"],
      end: ["offer.errors.endBeforeStart"],
    });
  });

  it("waits until the fields it reads are right: a bad date gets its own message alone", () => {
    expect(errorsOf(form({ date: "2027-02-30", price: "0" }))).toEqual({
      date: ["errors.date"],
      price: ["offer.errors.price"],
    });
    expect(errorsOf(form({ end: "25:00" }))).toEqual({ end: ["errors.time"] });
  });

  it("says a weekly offer's missing days and weeks with the other problems, in one check", () => {
    // Everything empty, as a first tap on "Send" does: the days were asked for a tap later.
    const empty = form({ schedule: "weekly", date: "", start: "", end: "", price: "" });
    expect(errorsOf(empty)).toMatchObject({
      weekdays: ["errors.weekdays"],
      weeks: ["offer.errors.weeks"],
    });
    empty.append("intent", "offer");
    expect(errorsOf(empty, chatActionSchemaAt(zone, clock))).toMatchObject({ weekdays: ["errors.weekdays"] });
    // With a date gone by: the days and the date, in the same pass (either waited for the other).
    expect(errorsOf(form({ schedule: "weekly", date: "2027-02-01" }))).toEqual({
      weekdays: ["errors.weekdays"],
      weeks: ["offer.errors.weeks"],
      date: ["offer.errors.inPast"],
    });
    // Given, they are not asked for; a one-off visit asks for neither.
    const weekly = new FormData();
    for (const [k, v] of form({ schedule: "weekly" })) weekly.append(k, v);
    weekly.append("weekdays", "2");
    weekly.append("weeks", "4");
    expect(errorsOf(weekly)).toEqual({});
    expect(errorsOf(form())).toEqual({});
  });

  it("passes a right offer, and reads the clock at each check", () => {
    expect(errorsOf(form())).toEqual({});
    let at = now;
    const schema = offerFieldsSchemaAt(zone, () => at);
    expect(errorsOf(form(), schema)).toEqual({});
    at = new Date("2027-03-03T01:00:00Z");
    expect(errorsOf(form(), schema)).toEqual({ date: ["offer.errors.inPast"] });
  });

  it("holds for the chat's offer intent on the server, and leaves the other intents be", () => {
    const schema = chatActionSchemaAt(zone, clock);
    const offer = form({ date: "2027-02-27", price: "0" });
    offer.append("intent", "offer");
    expect(errorsOf(offer, schema)).toEqual({ date: ["offer.errors.inPast"], price: ["offer.errors.price"] });
    const send = new FormData();
    send.append("intent", "send");
    send.append("body", "Hello");
    expect(errorsOf(send, schema)).toEqual({});
  });
});
