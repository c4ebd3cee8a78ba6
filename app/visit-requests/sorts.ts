// How nearby jobs can be ordered (kept apart from the zod schemas so the carer page ships no zod).
export const jobSorts = ["distance", "start"] as const;
export type JobSort = (typeof jobSorts)[number];

/** Which jobs the list shows: every job in the circle, or only those for a service the carer offers. */
export const jobServiceFilters = ["all", "mine"] as const;
export type JobServiceFilter = (typeof jobServiceFilters)[number];
