import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentAuth } from "~/auth/guards.server";
import { clearSessionCookie, invalidateSession, invalidateUserSessions } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

/** POST /logout logs out this browser; with intent=everywhere, every session of the user. */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getCurrentAuth(request, context);
  const form = await request.formData();
  if (auth) {
    if (form.get("intent") === "everywhere") await invalidateUserSessions(context.db, auth.user.id);
    else await invalidateSession(context.db, auth.session.id);
  }
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
