// How a family's carer search can be ordered (kept apart from the zod schemas so the search page ships no zod).
export const searchSorts = ["best", "distance", "price", "rating"] as const;
export type SearchSort = (typeof searchSorts)[number];
