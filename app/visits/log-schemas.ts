// The visit log form: tasks done (from the agreed terms), notes, wellbeing, and the reason a change
// after check-out needs. The photo travels in the same multipart form and goes through the photo
// pipeline, not through this schema. Shared by the browser and the server; messages are i18n keys.
import { z } from "zod";
import { TASK_MAX, TASKS_MAX } from "~/chat/limits";
import { textChoiceList } from "~/validation/choices";
import { optionalMultiLine } from "~/validation/text";
import { CONCERNS_MAX, CORRECTION_REASON_MAX, LEVELS, MOODS, NOTES_MAX } from "./log-rules";

export { CONCERNS_MAX, CORRECTION_REASON_MAX, NOTES_MAX };

export const VisitLogSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    // Boxes whose values are the agreed tasks: a bad one is refused with the list (its message shown
    // beside the boxes), and log.server.ts checks each against the terms.
    tasksDone: textChoiceList({ max: TASKS_MAX, maxLength: TASK_MAX }),
    notes: optionalMultiLine(NOTES_MAX),
    mood: z.enum(MOODS, { error: "errors.choice" }).optional(),
    appetite: z.enum(LEVELS, { error: "errors.choice" }).optional(),
    mobility: z.enum(LEVELS, { error: "errors.choice" }).optional(),
    concerns: optionalMultiLine(CONCERNS_MAX),
    reason: optionalMultiLine(CORRECTION_REASON_MAX)
      .transform((v) => v || undefined)
      .optional(),
  }),
]);

export type VisitLogInput = z.infer<typeof VisitLogSchema>;
