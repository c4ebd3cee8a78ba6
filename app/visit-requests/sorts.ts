// How nearby jobs can be ordered (kept apart from the zod schemas so the carer page ships no zod).
export const jobSorts = ["distance", "start"] as const;
export type JobSort = (typeof jobSorts)[number];
