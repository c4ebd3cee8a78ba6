// Which uploads may be photos: decided from the first bytes, never from the name or the declared type.

export type ImageKind = "jpeg" | "png" | "webp";

export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  return null;
}

/** Storage keys of carer photos: carers/<carer uuid>/<photo uuid>.jpg (the serving route checks this shape). */
export const PHOTO_KEY = /^carers\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.jpg$/;
