// How large a request body may be, by path: one table read by the server (server/request-guards.ts,
// which refuses a bigger body before Remix sees it) and by the actions (readFormData caps again).
// Webhooks and every form take FORM_MAX_BYTES; only the routes that take a photo take more.

/** The largest form body an action reads, unless its path is listed below. */
export const FORM_MAX_BYTES = 64 * 1024;

/** The largest photo the server takes (the browser shrinks bigger ones first: components/ui/photo-input.tsx). */
/** Said as "5 MB" in the photo hints, errors.photoTooLarge and the 413 page (both locales). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** A photo and room for the multipart boundaries and the fields around it. */
export const UPLOAD_MAX_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

/** Paths (and their single-fetch `.data` twins) that take a photo. */
const UPLOAD_PATHS = [/^\/carer\/profile\/photo(\.data)?$/, /^\/visits\/[^/]+\/log(\.data)?$/];

/** The cap for a request to `pathname` (already decoded and normalised). */
export function bodyLimitFor(pathname: string): number {
  return UPLOAD_PATHS.some((p) => p.test(pathname)) ? UPLOAD_MAX_BYTES : FORM_MAX_BYTES;
}
