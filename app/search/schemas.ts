// The family search's query string: zod-validated filters, sort and a capped page size.
import { z } from "zod";
import { postedNumber } from "~/validation/numbers";
import { genders, languageCodes, serviceKinds } from "~db/catalogue";
import { localDateTime } from "~/validation/text";
import { searchSorts } from "./sorts";

export { searchSorts, type SearchSort } from "./sorts";
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

export const SearchSchema = z.object({
  service: z.enum(serviceKinds, { error: "errors.choice" }).optional(),
  language: z.enum(languageCodes, { error: "errors.choice" }).optional(),
  gender: z.enum(genders, { error: "errors.choice" }).optional(),
  verified: z.boolean({ error: "errors.choice" }).optional(),
  /** datetime-local, read in the parent's time zone. */
  at: localDateTime().optional(),
  sort: z.enum(searchSorts, { error: "errors.choice" }).default("best"),
  page: postedNumber()
    .int({ error: "errors.integer" })
    .min(1, { error: "errors.page" })
    .max(10_000, { error: "errors.page" })
    .default(1),
  size: postedNumber()
    .int({ error: "errors.integer" })
    .min(1, { error: "errors.pageSize" })
    .max(MAX_PAGE_SIZE, { error: "errors.pageSize" })
    .default(DEFAULT_PAGE_SIZE),
});

export type SearchFilters = z.infer<typeof SearchSchema>;
