// The needs a parent's profile can list (apart from the zod schemas, so the forms ship no zod).
export const needCodes = ["mobility", "hearing", "vision", "diet", "medication", "memory"] as const;
