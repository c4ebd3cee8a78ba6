// GET /account/export: the asking user's own data as a JSON download (ADR 021). No id in the URL: it
// can only ever be the session's own account.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/account/export.server";
import { requireUser } from "~/auth/guards.server";
import { dateIn } from "~/geo/time-zone";
import { invariantResponse } from "~/http/responses.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { pendingDeletion: "allow" });
  const now = new Date();
  const exported = await exportAccountData(context.db, user, now);
  invariantResponse(exported);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Named by the account's own date (UTC's was yesterday for a morning in China: an outside probe).
      "Content-Disposition": `attachment; filename="kinvisit-${dateIn(user.timeZone, now)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
