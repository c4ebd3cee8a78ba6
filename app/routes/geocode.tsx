// GET /geocode?q=…: the pin picker's address search, proxied so the browser never calls the geocoder itself.
// Fetched by script, never shown as a page: every answer is JSON `{ results }`, and the pin picker reads
// any status but 200 as "search failed" (localised there). A NUL in the query never gets this far: the
// request guard (server/request-guards.ts) answers it with a short 400.
import { queryOf } from "~/http/params.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { geocode } from "~/geo/geocoder.server";
import { detectLocale } from "~/i18n/i18n.server";
import { singleLine } from "~/validation/text";

const Query = z.object({ q: singleLine(200).refine((q) => q.length >= 2) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = Query.safeParse(queryOf(request));
  if (!parsed.success) return Response.json({ results: [] }, { status: 400 });
  try {
    const results = await geocode(context.env, parsed.data.q, detectLocale(request, user.locale));
    if (results === null) return Response.json({ results: [] }, { status: 404 });
    return Response.json({ results }, { headers: { "Cache-Control": "private, max-age=300" } });
  } catch (error) {
    context.logger.warn("geocoder failed", { error: String(error) });
    return Response.json({ results: [] }, { status: 502 });
  }
}
