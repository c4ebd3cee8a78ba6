import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentAuth } from "~/auth/guards.server";
import { clearSessionCookie, invalidateSession, invalidateUserSessions } from "~/auth/session.server";
import { readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";

export async function loader() {
  return redirect("/");
}

/** POST /logout logs out this browser; with intent=everywhere, every session of the user. */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getCurrentAuth(request, context);
  // Logging out works whatever the body: only intent=everywhere asks for more.
  const form = await readFormData(request).catch(() => null);
  if (auth) {
    if (form?.get("intent") === "everywhere") await invalidateUserSessions(context.db, auth.user.id);
    else await invalidateSession(context.db, auth.session.id);
  }
  const headers = { "Set-Cookie": clearSessionCookie(context.env) };
  return auth ? redirectWithToast(context.env, "/", { message: "loggedOut" }, { headers }) : redirect("/", { headers });
}
