import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setUserLocale } from "~/auth/accounts.server";
import { getOptionalUser } from "~/auth/guards.server";
import { supportedLocales } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18n.server";
import { readFormData } from "~/http/forms.server";
import { redirectTarget, safeRedirect } from "~/http/redirect";

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
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const user = await getOptionalUser(request, context);
  if (user) await setUserLocale(context.db, user.id, parsed.data.lng);
  return redirect(back, { headers: { "Set-Cookie": localeCookie(context.env, parsed.data.lng) } });
}
