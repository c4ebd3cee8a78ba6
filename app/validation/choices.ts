// Lists of choices (checkboxes, weekday boxes) checked as a whole: one message on the list's own
// field. A list of z.enum() or z.number() elements reports a bad element under `name[i]`, a key no
// form renders, so a refused post showed nothing next to the boxes (and conform coerces each element
// on its own: "" became undefined, "0x10" became 16). The elements are read here, as posted.
import { z } from "zod";
import { singleLineProblem, tooLongError } from "./text";

/**
 * An element read as posted: z.unknown(), which conform leaves alone, typed as the text (or, from
 * code, the number) a form's boxes hold so that forms' default values keep their types.
 */
const asPosted = z.unknown() as unknown as z.ZodType<string | number, string | number>;

interface ListOptions {
  /** The message for a value outside the set, or a list too long (default errors.choice). */
  error?: string;
}

/** A list of values from a fixed set, no longer than the set; anything else refuses the whole list. */
export function choiceList<const T extends readonly string[]>(
  values: T,
  { error = "errors.choice" }: ListOptions = {},
) {
  const allowed = new Set<string>(values);
  return z
    .array(asPosted, { error })
    .superRefine((list, ctx) => {
      if (list.length > values.length || !list.every((v) => typeof v === "string" && allowed.has(v)))
        ctx.addIssue({ code: "custom", message: error });
    })
    .transform((list) => [...new Set(list as T[number][])]);
}

/** A weekday as a form posts it ("0", Sunday, to "6": the digit itself, not "1.5" or "0x1"), or as a number. */
export function isWeekday(value: unknown): value is string | number {
  if (typeof value === "string") return /^[0-6]$/.test(value);
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 6;
}

/** A list of weekdays, 0 to 6, sorted and without repeats; "7", "1.5" or "0x1" refuse the whole list. */
export function weekdayList({ error = "errors.choice" }: ListOptions = {}) {
  return z
    .array(asPosted, { error })
    .superRefine((list, ctx) => {
      if (list.length > 7 || !list.every(isWeekday)) ctx.addIssue({ code: "custom", message: error });
    })
    .transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b));
}

/**
 * A list of choices whose set is only known to the domain (the tasks agreed for one visit): each a
 * line of text up to `maxLength`, at most `max` of them; the domain then checks them against the set.
 */
export function textChoiceList({
  max,
  maxLength,
  error = "errors.choice",
}: ListOptions & { max: number; maxLength: number }) {
  return z
    .array(asPosted, { error })
    .default([])
    .superRefine((list, ctx) => {
      const fits = (v: unknown) => typeof v === "string" && v.length <= maxLength && singleLineProblem(v) === null;
      if (list.length > max || !list.every(fits)) ctx.addIssue({ code: "custom", message: error });
    })
    .transform((list) => [...new Set(list as string[])]);
}

/**
 * A form's list of rows (services, weekdays, FAQ pairs, emergency contacts): row numbers a careless
 * client leaves out ([0], [1], [4]) are gaps in the list conform reads, which zod refused in English
 * ("expected nonoptional, received undefined") under a row no page draws, so the form said nothing (an
 * outside probe). Each row says what it is (its service, its day), so the gaps are closed instead.
 */
export function formRows<T extends z.ZodType>(
  row: T,
  max: number,
  /** Rules across the rows, each at the number it was posted with (its message goes where the page draws it). */
  check?: (rows: (z.output<T> | undefined)[], ctx: z.RefinementCtx) => void,
) {
  return z
    .array(row.optional())
    .max(max, { error: tooLongError(max, "errors.tooMany") })
    .default([])
    .superRefine((rows, ctx) => check?.(rows, ctx))
    .transform((rows) => rows.filter((r): r is z.output<T> => r !== undefined));
}

/**
 * A tick box: "on" when ticked, absent when not. Anything else (the box posted twice, a value the
 * page never sends) is a changed form, said at the form's top as well: the box may be one the page no
 * longer shows (the clash warning's, after the clash is gone). `missing`: the message when a required
 * box is not ticked.
 */
export const tickBox = (missing = "errors.choice") =>
  z.literal("on", { error: (issue) => (issue.input === undefined ? missing : "errors.formChanged") });
