// Zod schemas of the visit page's posts: the carer's taps (with the fix the phone gave, if any, and a
// reason when away from the home) and the position shared on the way. Shared by the browser and the
// server; messages are i18n keys.
import { z } from "zod";
import { tickBox } from "~/validation/choices";
import { MAX_DATE_MS, postedNumber } from "~/validation/numbers";
import { optionalSingleLine } from "~/validation/text";
import { PLACE_REASONS } from "./taps";

/** The largest accuracy a phone may report and still be taken (beyond it the fix says nothing). */
export const MAX_ACCURACY_M = 100_000;
export const REASON_MAX = 200;

const lat = postedNumber().min(-90, { error: "errors.latRange" }).max(90, { error: "errors.latRange" });
const lng = postedNumber().min(-180, { error: "errors.lngRange" }).max(180, { error: "errors.lngRange" });
const accuracy = postedNumber()
  .min(0, { error: "visits.track.errors.accuracy" })
  .max(MAX_ACCURACY_M, { error: "visits.track.errors.accuracy" });
/** When the phone took the fix, in milliseconds since 1970 (Geolocation's `timestamp`). */
const deviceTime = postedNumber()
  .int({ error: "errors.integer" })
  .min(0, { error: "errors.number" })
  // Later than any Date can be is no time at all; anything later than now is refused by the rules.
  .max(MAX_DATE_MS, { error: "errors.number" })
  .optional();
const key = z.uuid({ error: "errors.generic" });

const tapFields = {
  key,
  lat: lat.optional(),
  lng: lng.optional(),
  accuracy: accuracy.optional(),
  deviceTime,
  reasonCode: z.enum(PLACE_REASONS, { error: "errors.choice" }).optional(),
  // A checkbox: "on" when ticked, absent otherwise.
  endEarly: tickBox().optional(),
  reasonText: optionalSingleLine(REASON_MAX)
    .transform((v) => v || undefined)
    .optional(),
};

type TapFields = {
  lat?: number;
  lng?: number;
  accuracy?: number;
  reasonCode?: (typeof PLACE_REASONS)[number];
  reasonText?: string;
};

/** A fix is a point and its accuracy together; "other" needs the carer's own words. */
function wholeFix(value: TapFields, ctx: z.RefinementCtx) {
  const given = [value.lat, value.lng, value.accuracy].filter((v) => v !== undefined).length;
  if (given > 0 && given < 3) {
    for (const path of ["lat", "lng", "accuracy"] as const) {
      if (value[path] === undefined) ctx.addIssue({ code: "custom", path: [path], message: "errors.required" });
    }
  }
  if (value.reasonCode === "other" && !value.reasonText) {
    ctx.addIssue({ code: "custom", path: ["reasonText"], message: "visits.track.errors.reasonText" });
  }
}

export const VisitActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start_travel"), ...tapFields }).superRefine(wholeFix),
  z.object({ intent: z.literal("check_in"), ...tapFields }).superRefine(wholeFix),
  z.object({ intent: z.literal("check_out"), ...tapFields }).superRefine(wholeFix),
  z.object({ intent: z.literal("position"), lat, lng, accuracy, deviceTime }),
]);

export type VisitAction = z.infer<typeof VisitActionSchema>;
