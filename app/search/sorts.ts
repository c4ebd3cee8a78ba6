// How a family's carer search can be ordered (kept apart from the zod schemas so the search page ships no zod).
export const searchSorts = ["best", "distance", "price", "rating"] as const;
export type SearchSort = (typeof searchSorts)[number];

/** The sorts the search form offers: all of them, "rating" reading the carers' 180-day scores (ADR 019). */
export const offeredSorts: readonly SearchSort[] = searchSorts;
