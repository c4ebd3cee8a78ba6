// The form field for a redirect target, apart from redirect.ts so that pages linking with it do not
// load zod.
import { z } from "zod";
import { REDIRECT_MAX } from "./redirect";

/**
 * A form's hidden `redirectTo`: any string, judged later by safeRedirect. One that is too long or not
 * a string is dropped, so the form still goes through and lands on the fallback (refusing it left
 * the person on a login form that showed no error: the field is hidden).
 */
export const redirectTarget = z.string().max(REDIRECT_MAX).optional().catch(undefined);

/** A page's `?redirectTo=` (where a login or a kept account leads back to), read as the field is. */
export const RedirectQuery = z.object({ redirectTo: redirectTarget });
