// Carer photo upload: type sniffed from the bytes, re-encoded with sharp (which drops EXIF and GPS),
// stored behind the storage interface. The route caps the body before it is read (readFormData).
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Database } from "~/db.server";
import type { FileStorage } from "~/storage/storage.server";
import { setCarerPhoto } from "./carers.server";
import { sniffImage } from "./photo";
import { MAX_PHOTO_BYTES, UPLOAD_MAX_BYTES } from "~/http/body-limits";

export { MAX_PHOTO_BYTES };
/** Room for the multipart boundaries and the other fields around the file. */
export const MAX_PHOTO_BODY_BYTES = UPLOAD_MAX_BYTES;

export type PhotoResult =
  | { ok: true; key: string }
  | {
      ok: false;
      error:
        | "errors.photoType"
        | "errors.photoMissing"
        | "errors.photoTooLarge"
        | "errors.photoPixels"
        | "carerProfile.needProfile";
    };

type PhotoProblem = "errors.photoType" | "errors.photoMissing" | "errors.photoTooLarge" | "errors.photoPixels";

/** Pixels sharp decodes at most: a photo of more is refused as too large, not as "not an image". */
const MAX_PIXELS = 40_000_000;

/**
 * The form's `photo` as a re-encoded JPEG: size checked, type sniffed from the bytes, rotated,
 * resized and re-encoded by sharp, which copies no metadata (EXIF, GPS, ICC). Every uploaded photo
 * (a carer's profile, a visit log's) goes through this.
 */
export async function readPhoto(
  form: FormData,
): Promise<{ ok: true; jpeg: Uint8Array } | { ok: false; error: PhotoProblem }> {
  const file = form.get("photo");
  // Duck-typed: the server bundle and undici may not share one File class.
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, error: "errors.photoMissing" };
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, error: "errors.photoTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!sniffImage(bytes)) return { ok: false, error: "errors.photoType" };
  try {
    // The header alone: a 48-megapixel photo of 1.5 MB is an image, only too large to take.
    // No pixel limit on reading the header: past sharp's default (268 megapixels) it threw, and a
    // 20000×20000 PNG was called "not an image" (an outside probe). Nothing is decoded here.
    const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (width * height > MAX_PIXELS) return { ok: false, error: "errors.photoPixels" };
  } catch {
    return { ok: false, error: "errors.photoType" };
  }
  try {
    const jpeg = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate() // apply the EXIF orientation before the metadata is dropped
      .resize(800, 800, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer(); // no withMetadata(): EXIF, GPS and ICC are not copied
    return { ok: true, jpeg: new Uint8Array(jpeg) };
  } catch {
    return { ok: false, error: "errors.photoType" };
  }
}

/** Stores the form's `photo` for this carer; the route reads the form with MAX_PHOTO_BODY_BYTES. */
export async function uploadCarerPhoto(
  db: Database,
  storage: FileStorage,
  carerId: string,
  form: FormData,
): Promise<PhotoResult> {
  const photo = await readPhoto(form);
  if (!photo.ok) return photo;
  const key = `carers/${carerId}/${randomUUID()}.jpg`;
  await storage.put(key, photo.jpeg, "image/jpeg");
  const previous = await setCarerPhoto(db, carerId, key);
  if (previous === null) {
    await storage.delete(key);
    return { ok: false, error: "carerProfile.needProfile" };
  }
  if (previous.replaced) await storage.delete(previous.replaced);
  return { ok: true, key };
}
