import { GeneralErrorBoundary } from "~/components/error-boundary";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setUserLocale } from "~/auth/accounts.server";
import { getOptionalUser } from "~/auth/guards.server";
import { supportedLocales } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18n.server";
import { readFormData } from "~/http/forms.server";
import { badRequest } from "~/http/responses.server";
import { safeRedirect } from "~/http/redirect";
import { redirectTarget } from "~/http/redirect-target";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.language" };

const LanguageSchema = z.object({
  lng: z.enum(supportedLocales),
  redirectTo: redirectTarget,
});

export async function loader() {
  return redirect("/");
}

/** Switches the UI language: a cookie for everyone, and the account's preference when logged in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = LanguageSchema.safeParse(form);
  const back = safeRedirect(form.redirectTo);
  if (!parsed.success) throw badRequest();
  const user = await getOptionalUser(request, context);
  if (user) await setUserLocale(context.db, user.id, parsed.data.lng);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(context.env, parsed.data.lng) } });
}

/**
 * Never rendered (the action redirects), but a route with a component answers a refused switch with
 * the localised 400 page, as every other page does; a resource route sent the bare "Bad request".
 */
export default function Language() {
  return null;
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
