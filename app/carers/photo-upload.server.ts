// Carer photo upload: size checked before the body is read whole, type sniffed from the bytes,
// re-encoded with sharp (which drops EXIF and GPS), stored behind the storage interface.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Database } from "~/db.server";
import { getStorage } from "~/storage/storage.server";
import { setCarerPhoto } from "./carers.server";
import { sniffImage } from "./photo";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Room for the multipart boundaries and the other fields around the file. */
const MAX_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

function tooLarge(): Response {
  return new Response("Payload too large", { status: 413, headers: { Connection: "close" } });
}

/**
 * Reads the request body up to the cap. A declared Content-Length over the cap is refused before a
 * byte is read; a body that grows past the cap (chunked, or lying) is cut off as soon as it does.
 */
export async function readCappedBody(request: Request, cap = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // Stop reading but do not destroy the socket: the client must still receive the 413.
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

export type PhotoResult =
  | { ok: true; key: string }
  | {
      ok: false;
      error: "errors.photoType" | "errors.photoMissing" | "errors.photoTooLarge" | "carerProfile.needProfile";
    };

export async function uploadCarerPhoto(db: Database, carerId: string, request: Request): Promise<PhotoResult> {
  const body = await readCappedBody(request);
  let form: FormData;
  try {
    form = await new Request("http://local/", {
      method: "POST",
      body: new Blob([new Uint8Array(body)]),
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
  } catch {
    return { ok: false, error: "errors.photoMissing" };
  }
  const file = form.get("photo");
  // Duck-typed: the server bundle and undici may not share one File class.
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, error: "errors.photoMissing" };
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, error: "errors.photoTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!sniffImage(bytes)) return { ok: false, error: "errors.photoType" };
  let jpeg: Buffer;
  try {
    jpeg = await sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
      .rotate() // apply the EXIF orientation before the metadata is dropped
      .resize(800, 800, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer(); // no withMetadata(): EXIF, GPS and ICC are not copied
  } catch {
    return { ok: false, error: "errors.photoType" };
  }
  const key = `carers/${carerId}/${randomUUID()}.jpg`;
  const storage = getStorage();
  await storage.put(key, new Uint8Array(jpeg), "image/jpeg");
  const previous = await setCarerPhoto(db, carerId, key);
  if (previous === null) {
    await storage.delete(key);
    return { ok: false, error: "carerProfile.needProfile" };
  }
  if (previous.replaced) await storage.delete(previous.replaced);
  return { ok: true, key };
}
