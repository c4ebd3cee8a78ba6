// GET /visits/:id/photo: the visit log's photo (re-encoded, no EXIF or GPS), for the visit's carer and
// family only; anyone else gets the guard's 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/responses.server";
import { getStorage } from "~/storage/storage.server";
import { requireVisit } from "~/visits/guards.server";
import { visitLogPhoto } from "~/visits/log.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireVisit(request, context, params);
  const file = await visitLogPhoto(context.db, getStorage(context.env), access);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Disposition": "inline",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      // Private to the visit's people; the page links it with a version, so a new photo is a new URL.
      "Cache-Control": "private, max-age=86400",
    },
  });
}
