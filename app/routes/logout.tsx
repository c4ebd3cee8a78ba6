import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentAuth } from "~/auth/guards.server";
import { clearSessionCookie, invalidateSession, invalidateUserSessions } from "~/auth/session.server";
import { readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { safeRedirect } from "~/http/redirect";

export async function loader() {
  return redirect("/");
}

/**
 * POST /logout logs out this browser; with intent=everywhere, every session of the user. Then to the
 * home page, or to `redirectTo` (a path of ours): an invitation opened in someone else's session logs
 * them out and asks for the right account, the link kept.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getCurrentAuth(request, context);
  // Logging out works whatever the body: only intent=everywhere asks for more.
  const form = await readFormData(request).catch(() => null);
  if (auth) {
    if (form?.get("intent") === "everywhere") await invalidateUserSessions(context.db, auth.user.id);
    else await invalidateSession(context.db, auth.session.id);
  }
  const headers = { "Set-Cookie": clearSessionCookie(context.env) };
  const to = safeRedirect(form?.get("redirectTo"), "/");
  return auth ? redirectWithToast(context.env, to, { message: "loggedOut" }, { headers }) : redirect(to, { headers });
}
