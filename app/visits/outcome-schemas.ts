// Zod schemas of the forms that end a visit: cancel, confirm, dispute. Shared by the browser and the
// server; messages are i18n keys.
import { z } from "zod";
import { multiLine } from "~/validation/text";

const reason = multiLine(500);

export const CancelSchema = z.object({
  intent: z.literal("cancel", { error: "errors.generic" }),
  /** "series": this visit and every later one of its weekly series. */
  scope: z.enum(["one", "series"], { error: "errors.choice" }).default("one"),
  reason,
});

export const ConfirmSchema = z.object({ intent: z.literal("confirm", { error: "errors.generic" }) });

export const DisputeSchema = z.object({
  intent: z.literal("dispute", { error: "errors.generic" }),
  reason,
});
