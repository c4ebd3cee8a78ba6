// The visit log form: tasks done (from the agreed terms), notes, wellbeing, and the reason a change
// after check-out needs. The photo travels in the same multipart form and goes through the photo
// pipeline, not through this schema. Shared by the browser and the server; messages are i18n keys.
import { z } from "zod";
import { CONCERNS_MAX, CORRECTION_REASON_MAX, LEVELS, MOODS, NOTES_MAX } from "./log-rules";

export { CONCERNS_MAX, CORRECTION_REASON_MAX, NOTES_MAX };

export const VisitLogSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    tasksDone: z
      .array(z.string().max(200, { error: "errors.tooLong" }))
      .max(12, { error: "errors.tooMany" })
      .default([]),
    notes: z.string().trim().max(NOTES_MAX, { error: "errors.tooLong" }).default(""),
    mood: z.enum(MOODS, { error: "errors.choice" }).optional(),
    appetite: z.enum(LEVELS, { error: "errors.choice" }).optional(),
    mobility: z.enum(LEVELS, { error: "errors.choice" }).optional(),
    concerns: z.string().trim().max(CONCERNS_MAX, { error: "errors.tooLong" }).default(""),
    reason: z.string().trim().max(CORRECTION_REASON_MAX, { error: "errors.tooLong" }).optional(),
  }),
]);

export type VisitLogInput = z.infer<typeof VisitLogSchema>;
