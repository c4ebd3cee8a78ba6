// GET /admin/disputes/:disputeId/photo: the disputed visit's log photo (already re-encoded, no EXIF
// or GPS), for admins only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { disputePhotoKey } from "~/admin/disputes.server";
import { requireAdmin } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { notFound } from "~/http/responses.server";
import { getStorage } from "~/storage/storage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const key = await disputePhotoKey(context.db, admin, uuidParam(params, "disputeId"));
  if (!key) throw notFound();
  const file = await getStorage(context.env).get(key);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Disposition": "inline",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
