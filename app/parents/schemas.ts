// Zod schemas for the parent profile and invitation forms, shared by the browser and the server.
import { z } from "zod";
import { postedNumber } from "~/validation/numbers";
import { languages, latitude, longitude, optionalText, timeZone } from "~/geo/schemas";
import { SUBMISSION_KEY_FIELD } from "~/http/submission-key";
import { choiceList, formRows, tickBox } from "~/validation/choices";
import {
  isBlank,
  oneTimeCode,
  optionalPersonName,
  optionalPhone,
  optionalSingleLine,
  personName,
  singleLine,
} from "~/validation/text";

import { needCodes } from "./needs";

export { needCodes } from "./needs";

const goal = postedNumber()
  .int({ error: "errors.integer" })
  .min(0, { error: "errors.goalRange" })
  .max(10_000, { error: "errors.goalRange" })
  .optional();

export const EmergencyContactSchema = z
  .object({
    name: optionalPersonName(),
    relation: optionalSingleLine(50),
    phone: optionalPhone({ error: "errors.phoneNumber" }),
  })
  .superRefine(
    (c, ctx) => {
      // A relation alone reaches nobody: said beside the name, not dropped when saved (an outside probe
      // lost "女儿" without a word). A name or phone with its own error has said enough.
      const given = (v: unknown) => typeof v === "string" && !isBlank(v);
      if (!given(c.relation) || given(c.name) || given(c.phone) || ctx.issues.length > 0) return;
      ctx.addIssue({ code: "custom", path: ["name"], message: "errors.contactNameOrPhone" });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

export const ParentSchema = z.object({
  name: personName(),
  birthYear: postedNumber()
    .int({ error: "errors.integer" })
    .min(1900, { error: "errors.birthYear" })
    .max(new Date().getFullYear(), { error: "errors.birthYear" })
    .optional(),
  /** Required: the carer of a booked visit finds the door by it (the pin alone does not say which flat). */
  address: singleLine(300, { requiredError: "errors.addressRequired" }),
  phone: optionalPhone({ error: "errors.phoneNumber" }),
  lat: latitude,
  lng: longitude,
  timeZone,
  languages,
  needs: choiceList(needCodes).default([]),
  interests: optionalText(500),
  emergencyContacts: formRows(EmergencyContactSchema, 3),
  accessNotes: optionalText(500),
  visitGoalVisits: goal,
  visitGoalMinutes: goal,
});

export type ParentInput = z.infer<typeof ParentSchema>;

/** The parent page's one-button forms, one member per intent: an unknown intent fails to parse. */
export const ParentActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), [SUBMISSION_KEY_FIELD]: z.uuid({ error: "errors.generic" }) }),
  z.object({ intent: z.literal("remove"), userId: z.uuid({ error: "errors.generic" }) }),
  z.object({ intent: z.literal("revoke-invite"), invitationId: z.uuid({ error: "errors.generic" }) }),
  z.object({ intent: z.literal("cancel-request"), requestId: z.uuid({ error: "errors.generic" }) }),
]);

/** The parent's own word: confirm the parent's number with a code, then turn the texts on or off. */
export const ParentChecksSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send-code") }),
  z.object({
    intent: z.literal("verify-code"),
    code: oneTimeCode(),
  }),
  z.object({
    intent: z.literal("save"),
    askAfterVisit: tickBox().optional(),
    smsLocale: z.enum(["en", "zh-CN"], { error: "errors.choice" }),
  }),
]);
