// Zod schema for the carer profile form, shared by the browser and the server.
import { z } from "zod";
import { postedNumber } from "~/validation/numbers";
import { genders, isServiceKind, type ServiceKind, serviceKinds } from "~db/catalogue";
import { languages, latitude, longitude, optionalText, timeZone } from "~/geo/schemas";
import { parseClock, parseEndClock } from "~/geo/time-zone";
import { yuan } from "~/validation/money";
import { formRows, isWeekday } from "~/validation/choices";
import { isBlank, optionalMultiLine, optionalSingleLine, tooLongError } from "~/validation/text";

export const MIN_RADIUS_KM = 1;
import { FAQ_MAX, QUICK_PHRASE_MAX, QUICK_PHRASES_MAX } from "./profile-steps";

export const MAX_RADIUS_KM = 20;

/**
 * For a row's rule: run even when a field of the row failed, so one submit names every problem (zod
 * skips an object's refinements once a field failed: the problems came in rounds). Not on a row that
 * is no object at all (a tampered post): that is refused as such, and the rule would read into null.
 */
const besideFailedFields = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

const ServiceRow = z
  .object({
    // A hidden field: checked with the whole list below, where its message can be shown (a message
    // under services[0].service has no place on the page).
    service: z.unknown() as unknown as z.ZodType<string, string>,
    // Ticked, or not sent: anything else (the box twice, "yes") is a changed form (choices.ts, tickBox).
    offered: z.boolean({ error: "errors.formChanged" }).optional(),
    /** Yuan per hour; stored in fen. */
    // More than ¥0: an offer is (chat/schemas.ts), and a service listed at ¥0 could not be booked at
    // its price (an outside probe).
    price: yuan({ zeroError: "errors.pricePositive" }).optional(),
    minMinutes: postedNumber()
      .int({ error: "errors.integer" })
      .min(15, { error: "errors.minutesRange" })
      .max(720, { error: "errors.minutesRange" })
      .optional(),
  })
  // Beside a failed field ("abc" for a price) an empty box is named on the same submit; the row may
  // then be partly unparsed.
  .superRefine((row, ctx) => {
    if (!row.offered) return;
    requireIn(ctx, row, "price");
    requireIn(ctx, row, "minMinutes");
  }, besideFailedFields);

/**
 * A field left empty is required: unless it already has its own message (one message per field: a
 * row's rule running beside its fields' own checks must not say the same thing twice).
 */
function requireIn<K extends string>(
  ctx: z.RefinementCtx,
  row: Partial<Record<K, unknown>>,
  key: K,
  message = "errors.required",
) {
  const blank = row[key] === undefined || (typeof row[key] === "string" && isBlank(row[key]));
  if (!blank || ctx.issues.some((issue) => issue.path?.[0] === key)) return;
  ctx.addIssue({ code: "custom", path: [key], message });
}

// A real time of day, not two digits, a colon and two digits: 09:60 was taken for a time and then
// refused as an end before its start, on the end field (an outside probe). A window may end at
// midnight, written 00:00 (as a time field writes it) or 24:00.
const startClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "errors.time" })
  .optional();
const endClock = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: "errors.time" })
  .optional();

const AvailabilityRow = z
  // The weekday is a hidden field: checked with the whole list below, where its message can be shown.
  .object({ weekday: z.union([z.string(), z.number()]).optional(), start: startClock, end: endClock })
  .superRefine(
    (row, ctx) => {
      if (!row.start && !row.end) return;
      // One end of the window given: the other is what is missing, not the order of the two.
      if (!row.start || !row.end) {
        requireIn(ctx, row, row.start ? "end" : "start");
        return;
      }
      // A badly written end has its own message already; the order is judged once both read.
      if (ctx.issues.length) return;
      const start = parseClock(row.start);
      const end = parseEndClock(row.end);
      if (start === null || end === null || end <= start)
        ctx.addIssue({ code: "custom", path: ["end"], message: "errors.timeRange" });
    },
    // A badly written start does not hide a missing end until the next submit.
    besideFailedFields,
  );

/**
 * A question and its answer are a pair: half of one is refused next to the empty half, not dropped
 * on save while the page says "saved".
 */
const FaqRow = z
  .object({
    question: optionalSingleLine(200),
    answer: optionalMultiLine(1000),
  })
  .superRefine((row, ctx) => {
    const question = typeof row.question === "string" && !isBlank(row.question);
    const answer = typeof row.answer === "string" && !isBlank(row.answer);
    if (question && !answer) requireIn(ctx, row, "answer", "errors.faqAnswer");
    if (answer && !question) requireIn(ctx, row, "question", "errors.faqQuestion");
  }, besideFailedFields);

export const CarerProfileSchema = z.object({
  bio: optionalText(2000),
  gender: z.enum(genders, { error: "errors.choice" }).optional(),
  languages,
  lat: latitude,
  lng: longitude,
  radiusKm: postedNumber()
    .min(MIN_RADIUS_KM, { error: "errors.radiusRange" })
    .max(MAX_RADIUS_KM, { error: "errors.radiusRange" }),
  timeZone,
  services: formRows(ServiceRow, serviceKinds.length)
    .superRefine((rows, ctx) => {
      if (!rows.every((row) => isServiceKind(row.service))) {
        ctx.addIssue({ code: "custom", message: "errors.choice" });
        return;
      }
      // The page draws each service once: a row naming one again (a hand-made post) replaced the
      // first's price and dropped the service it stood for, under "saved" (an outside probe).
      if (new Set(rows.map((row) => row.service)).size < rows.length) {
        ctx.addIssue({ code: "custom", message: "errors.formChanged" });
      }
    })
    .transform((rows) => rows as ((typeof rows)[number] & { service: ServiceKind })[]),
  availability: formRows(AvailabilityRow, 7, (rows, ctx) => {
    if (!rows.every((row) => !row || isWeekday(row.weekday))) {
      ctx.addIssue({ code: "custom", message: "errors.choice" });
      return;
    }
    // Two windows of one weekday may not overlap (nor start together): each is its own row.
    const seen: { weekday: number; start: number; end: number }[] = [];
    rows.forEach((row, i) => {
      const start = row?.start ? parseClock(row.start) : null;
      const end = row?.end ? parseEndClock(row.end) : null;
      if (!row || start === null || end === null) return;
      const weekday = Number(row.weekday);
      if (seen.some((o) => o.weekday === weekday && o.start < end && start < o.end)) {
        ctx.addIssue({ code: "custom", path: [i, "start"], message: "errors.availabilityOverlap" });
      }
      seen.push({ weekday, start, end });
    });
  }).transform((rows) => rows.map((row) => ({ ...row, weekday: Number(row.weekday) }))),
  faq: formRows(FaqRow, FAQ_MAX),
  quickPhrases: optionalMultiLine(2000)
    .refine((v) => v.split("\n").filter((l) => l.trim()).length <= QUICK_PHRASES_MAX, {
      error: tooLongError(QUICK_PHRASES_MAX, "errors.tooMany"),
    })
    // Said beside the box, not cut when saved (a phrase lost its end, an emoji at the cut half of itself).
    .refine((v) => v.split("\n").every((l) => [...l.trim()].length <= QUICK_PHRASE_MAX), {
      error: "errors.quickPhraseTooLong",
    }),
});

export type CarerProfileInput = z.infer<typeof CarerProfileSchema>;
