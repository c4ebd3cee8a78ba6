// The carer profile form in steps (ADR 022): which fields each step holds, the order, and where a
// field's error sends the carer. Each step posts the whole profile (the other steps' saved values ride
// along) and saves its own fields over the saved ones (app/validation/step-save.ts): no draft state.
// And the limits its rows are drawn to, without zod (app/carers/schemas.ts checks them).
export const profileSteps = ["area", "about", "services", "availability", "faq"] as const;
export type ProfileStep = (typeof profileSteps)[number];

/** FAQ pairs a profile holds, each sent when a family opens a chat. */
export const FAQ_MAX = 5;
/** Quick phrases a carer can send in one tap, and the characters of each. */
export const QUICK_PHRASES_MAX = 10;
export const QUICK_PHRASE_MAX = 200;

/** What a new carer must save first: the fields the profile cannot exist without. */
export const FIRST_STEP: ProfileStep = "area";

const fieldsOf: Record<ProfileStep, readonly string[]> = {
  area: ["languages", "lat", "lng", "radiusKm", "timeZone"],
  about: ["bio", "gender"],
  services: ["services"],
  availability: ["availability"],
  faq: ["faq", "quickPhrases"],
};

/** The step that holds a field: "services[2].price" → services. Form-level errors: null. */
export function stepOfField(name: string): ProfileStep | null {
  const root = name.split(/[.[]/)[0] ?? "";
  return profileSteps.find((s) => fieldsOf[s].includes(root)) ?? null;
}

/** The first step, in order, that has an error among `errorKeys` (conform's error record keys). */
export function firstStepWithError(errorKeys: readonly string[]): ProfileStep | null {
  const steps = new Set(errorKeys.map(stepOfField));
  return profileSteps.find((s) => steps.has(s)) ?? null;
}

/** The fields a step saves (app/validation/step-save.ts). */
export function fieldsOfStep(step: ProfileStep): readonly string[] {
  return fieldsOf[step];
}

export function nextStep(step: ProfileStep): ProfileStep | null {
  return profileSteps[profileSteps.indexOf(step) + 1] ?? null;
}

/** Which steps hold something, from the saved values (for the ticks in the progress list). */
export function filledSteps(
  values: {
    bio?: unknown;
    gender?: unknown;
    services?: { offered?: unknown }[];
    availability?: { start?: unknown }[];
    faq?: unknown[];
    quickPhrases?: unknown;
    [field: string]: unknown;
  },
  hasProfile: boolean,
): Set<ProfileStep> {
  const filled = new Set<ProfileStep>();
  if (hasProfile) filled.add("area");
  if (values.bio || values.gender) filled.add("about");
  if (values.services?.some((s) => s.offered)) filled.add("services");
  if (values.availability?.some((a) => a.start)) filled.add("availability");
  if ((values.faq?.length ?? 0) > 0 || values.quickPhrases) filled.add("faq");
  return filled;
}
