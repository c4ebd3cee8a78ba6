// Zod schemas of the chat: opening a conversation, a message, an offer (sent, countered), and the
// conversation page's intents. Shared by the browser and the server; messages are i18n keys.
import { z } from "zod";
import { serviceKinds } from "~db/catalogue";
import { yuan } from "~/validation/money";
import { INT4_MAX, postedNumber } from "~/validation/numbers";
import { tickBox, weekdayList } from "~/validation/choices";
import { calendarDate, clockTime, multiLine, optionalMultiLine, tooLongError } from "~/validation/text";
import { formatClock, parseClock } from "~/geo/time-zone";

import { OFFER_TIME_FIELDS, type OfferTimes, offerTimes } from "./offer-rules";
import {
  cancellationPolicies,
  MESSAGE_MAX,
  offerExpiryHours,
  reportReasons,
  TASK_MAX,
  TASKS_BOX_MAX,
  TASKS_MAX,
} from "./limits";

export { cancellationPolicies, MESSAGE_MAX, offerExpiryHours, reportReasons, TASK_MAX, TASKS_MAX };

const uuid = z.uuid({ error: "errors.generic" });
const clock = clockTime();

/** From a carer's profile (family) or a nearby job (carer). */
export const StartConversationSchema = z.discriminatedUnion("from", [
  z.object({
    from: z.literal("service"),
    carerId: uuid,
    parentId: uuid,
    service: z.enum(serviceKinds, { error: "errors.choice" }),
  }),
  z.object({ from: z.literal("request"), requestId: uuid, offer: z.enum(["yes", "no"]).default("no") }),
]);

const messageBody = multiLine(MESSAGE_MAX, { requiredError: "chat.errors.empty", tooLong: "chat.errors.tooLong" });

/** The fields of an offer form, as typed: the rules that need a clock are in offer-rules.ts. */
export const OfferFieldsSchema = z.object({
  service: z.enum(serviceKinds, { error: "errors.choice" }),
  schedule: z.enum(["once", "weekly"], { error: "errors.choice" }),
  date: calendarDate("errors.date"),
  start: clock,
  end: clock,
  weekdays: weekdayList().default([]),
  weeks: postedNumber()
    .int({ error: "errors.integer" })
    .min(1, { error: "offer.errors.weeks" })
    .max(52, { error: "offer.errors.weeks" })
    .optional(),
  tasks: optionalMultiLine(TASKS_BOX_MAX)
    .transform((v) =>
      v
        .split("\n")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine((tasks) => tasks.length <= TASKS_MAX, { error: "offer.errors.tooManyTasks" })
    .refine((tasks) => tasks.every((t) => t.length <= TASK_MAX), {
      error: tooLongError(TASK_MAX, "offer.errors.taskTooLong"),
    }),
  /** Per visit, in yuan; stored in fen. */
  price: yuan({ zeroError: "offer.errors.price" }),
  cancellation: z.enum(cancellationPolicies, { error: "errors.choice" }),
  expiresInHours: z
    .number({ error: "errors.choice" })
    .refine((h) => (offerExpiryHours as readonly number[]).includes(h), { error: "errors.choice" }),
  /** Sent back by a carer who was warned of an overlapping visit and goes ahead. */
  overlapConfirmed: tickBox().optional(),
});

export type OfferFields = z.infer<typeof OfferFieldsSchema>;

const WEEKLY_FIELDS: readonly PropertyKey[] = ["schedule", "weekdays", "weeks"];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
/** The weekly check's own messages (withTimeRules): days or weeks not given. */
const MISSING: readonly string[] = ["errors.weekdays", "offer.errors.weeks"];

/** The times with an hour-long visit from their start. */
function withFittingEnd<T extends OfferTimes>(v: T): T | null {
  const start = parseClock(v.start);
  return start !== null ? { ...v, end: formatClock((start + 60) % 1440) } : null;
}

/**
 * `schema` with the rules of an offer's times that need the parent's zone and a clock (offer-rules.ts:
 * passed, too soon, beyond a year, an hour the clocks skip, an end before the start), run even when
 * other fields failed: one submit shows every problem. They wait until the fields they read are right;
 * the action checks again as it sends (checkOffer).
 */
function withTimeRules<S extends z.ZodType<OfferTimes>>(schema: S, timeZone: string, clock: () => Date): S {
  return schema
    .superRefine(
      // A weekly offer's days and weeks, said with the rest: they waited for the date and times to be
      // right, and "Choose at least one day" came a tap later (a new-user walk).
      (v, ctx) => {
        if (v.schedule !== "weekly") return;
        if (v.weekdays.length === 0) ctx.addIssue({ code: "custom", path: ["weekdays"], message: "errors.weekdays" });
        if (!v.weeks) ctx.addIssue({ code: "custom", path: ["weeks"], message: "offer.errors.weeks" });
      },
      { when: (payload) => !payload.issues.some((issue) => WEEKLY_FIELDS.includes(issue.path?.[0] as PropertyKey)) },
    )
    .superRefine(
      (v, ctx) => {
        // Days or weeks missing are said by the check above, in the same pass: the times are checked
        // meanwhile as if on every day for a week, so a date gone by is said with them, not a tap later.
        const missing = v.schedule === "weekly" && (v.weekdays.length === 0 || !v.weeks);
        const checked = missing
          ? { ...v, weekdays: v.weekdays.length > 0 ? v.weekdays : EVERY_DAY, weeks: v.weeks || 1 }
          : v;
        const now = clock();
        const times = offerTimes(checked, timeZone, now);
        if (!times.ok) ctx.addIssue({ code: "custom", path: [times.problem.field], message: times.problem.error });
        // An end before the start (or a visit too long) hid whether the day or hour had gone: checked
        // again with an end that fits, both are said at once (they came one tap apart).
        const fitting = !times.ok && times.problem.field === "end" ? withFittingEnd(checked) : null;
        const next = fitting && offerTimes(fitting, timeZone, now);
        if (next && !next.ok && next.problem.field !== "end")
          ctx.addIssue({ code: "custom", path: [next.problem.field], message: next.problem.error });
      },
      {
        // Waits for the fields it reads to be right; the days' and weeks' own "missing" do not count.
        when: (payload) =>
          !payload.issues.some(
            (issue) =>
              (OFFER_TIME_FIELDS as readonly PropertyKey[]).includes(issue.path?.[0] as PropertyKey) &&
              !MISSING.includes(issue.message ?? ""),
          ),
      },
    ) as S;
}

/** The offer form's fields with the rules of its times (the browser checks with this). */
export const offerFieldsSchemaAt = (timeZone: string, clock: () => Date) =>
  withTimeRules(OfferFieldsSchema, timeZone, clock);

/**
 * `replaces`: the conversation's open offer when the form was drawn ("none" if there was none). The
 * offer is refused when another has been sent or closed since: a form opened on one offer must not
 * replace a newer one its sender has not seen. A post without it (a client of its own) is not checked.
 */
const OfferActionSchema = OfferFieldsSchema.extend({
  intent: z.literal("offer"),
  replaces: z.union([uuid, z.literal("none")], { error: "errors.generic" }).optional(),
});

export const ChatActionSchema = chatActionSchema(OfferActionSchema);

/** ChatActionSchema whose offer also meets the rules of its times, in the parent's zone. */
export const chatActionSchemaAt = (timeZone: string, clock: () => Date) =>
  chatActionSchema(withTimeRules(OfferActionSchema, timeZone, clock));

function chatActionSchema(offer: typeof OfferActionSchema) {
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("send"), body: messageBody }),
    offer,
    z.object({
      intent: z.literal("accept"),
      offerId: uuid,
      overlapConfirmed: tickBox().optional(),
    }),
    z.object({ intent: z.literal("decline"), offerId: uuid }),
    z.object({ intent: z.literal("withdraw"), offerId: uuid }),
    z.object({ intent: z.literal("read"), seq: z.number().int().min(0).max(INT4_MAX) }),
    z.object({
      intent: z.literal("report"),
      messageId: uuid,
      reason: z.enum(reportReasons, { error: "errors.choice" }),
      note: optionalMultiLine(500),
    }),
    z.object({ intent: z.literal("block") }),
    z.object({ intent: z.literal("unblock") }),
    z.object({ intent: z.literal("typing") }),
  ]);
}

export type ChatAction = z.infer<typeof ChatActionSchema>;
