// How a family's carer search can be ordered (kept apart from the zod schemas so the search page ships no zod).
export const searchSorts = ["best", "distance", "price", "rating"] as const;
export type SearchSort = (typeof searchSorts)[number];

/**
 * The sorts the search form offers: "rating" only once ratings exist (PRODUCT §7, not built yet; every
 * rating is empty today). A link that asks for it still works, with the note the page shows.
 */
export const offeredSorts: readonly SearchSort[] = searchSorts.filter((s) => s !== "rating");
