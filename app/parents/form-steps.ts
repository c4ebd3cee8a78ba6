// The parent edit form in steps (ADR 022): which fields each step holds and the order. Each step posts
// the whole form (the other steps ride along with their saved values) and saves its own fields over
// the saved ones (app/validation/step-save.ts). The create form shows
// every step at once: a parent cannot exist without the fields of the first two.
export const parentSteps = ["who", "where", "contacts"] as const;
export type ParentStep = (typeof parentSteps)[number];

const fieldsOf: Record<ParentStep, readonly string[]> = {
  who: ["name", "birthYear", "languages", "needs", "interests"],
  where: ["address", "lat", "lng", "phone", "timeZone", "accessNotes"],
  contacts: ["emergencyContacts", "visitGoalVisits", "visitGoalMinutes"],
};

export function parentStepOfField(name: string): ParentStep | null {
  const root = name.split(/[.[]/)[0] ?? "";
  return parentSteps.find((s) => fieldsOf[s].includes(root)) ?? null;
}

/** The first step, in order, with an error among conform's error keys. */
export function firstParentStepWithError(errorKeys: readonly string[]): ParentStep | null {
  const steps = new Set(errorKeys.map(parentStepOfField));
  return parentSteps.find((s) => steps.has(s)) ?? null;
}

/** The fields a step saves (app/validation/step-save.ts). */
export function fieldsOfParentStep(step: ParentStep): readonly string[] {
  return fieldsOf[step];
}

export function nextParentStep(step: ParentStep): ParentStep | null {
  return parentSteps[parentSteps.indexOf(step) + 1] ?? null;
}
