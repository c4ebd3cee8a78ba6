// GET /photos/<key>: a stored, re-encoded photo, always sent as image/jpeg (nosniff is set for every response in server/security.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { PHOTO_KEY } from "~/carers/photo";
import { notFound } from "~/http/responses.server";
import { getStorage } from "~/storage/storage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const key = params["*"] ?? "";
  if (!PHOTO_KEY.test(key)) throw notFound();
  const file = await getStorage(context.env).get(key);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Disposition": "inline",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
