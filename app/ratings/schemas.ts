// Zod schemas of the rating forms (rate, follow-up, reply, hide) and of the profile's query string.
// Shared by the browser and the server; messages are i18n keys.
import { z } from "zod";
import { serviceKinds } from "~db/catalogue";
import { multiLine, optionalMultiLine } from "~/validation/text";
import { COMMENT_MAX, HIDE_REASON_MAX } from "./limits";
import { fromDecimal } from "~/validation/numbers";

/** 1 to 5 stars, whole: 0, 6 and 3.5 are refused with the same message. */
const star = z
  .number({ error: "ratings.errors.stars" })
  .int({ error: "ratings.errors.stars" })
  .min(1, { error: "ratings.errors.stars" })
  .max(5, { error: "ratings.errors.stars" });

// Free text under the one set of input rules (app/validation/text.ts, ADR 013).
const words = (max: number) => optionalMultiLine(max);
const required = (max: number) => multiLine(max);

export const RateSchema = z.object({
  intent: z.literal("rate", { error: "errors.generic" }),
  asAgreed: star,
  care: star,
  punctuality: star,
  comment: words(COMMENT_MAX).default(""),
});

export const FollowUpSchema = z.object({
  intent: z.literal("follow_up", { error: "errors.generic" }),
  followUp: required(COMMENT_MAX),
});

export const RateActionSchema = z.discriminatedUnion("intent", [RateSchema, FollowUpSchema], {
  error: "errors.generic",
});

export const ProfileActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("reply"),
      ratingId: z.uuid({ error: "errors.generic" }),
      reply: required(COMMENT_MAX),
    }),
    z.object({
      intent: z.literal("hide"),
      ratingId: z.uuid({ error: "errors.generic" }),
      part: z.enum(["comment", "follow_up", "reply"], { error: "errors.choice" }),
      /** Why it is hidden: kept in the audit log (ADR 020). */
      reason: required(HIDE_REASON_MAX),
    }),
  ],
  { error: "errors.generic" },
);

/** The profile's query string: which page of reviews, and the service to compare with peers on. */
export const ProfileQuerySchema = z.object({
  page: fromDecimal(z.number({ error: "errors.page" }).int({ error: "errors.page" }).min(1).max(10_000)).default(1),
  service: z.enum(serviceKinds).optional().catch(undefined),
  /** The parent whose search led to the profile (the Message form's choice, and the way back). */
  parent: z.uuid().optional().catch(undefined),
});
