// Demo carers' photos: a deterministic SVG portrait per carer (skin, hair by gender, clothes, background
// from a hash of the id), rendered to JPEG by sharp and stored like an uploaded photo, so the existing
// photo route serves it. No text in the picture: the server may have no CJK fonts.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import type { Database } from "../client";

/** The part of FileStorage (app/storage) the seed needs; kept structural so db/ imports nothing from app/. */
export interface PhotoStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
}

const BACKGROUNDS = ["#dbeafe", "#fde68a", "#d1fae5", "#fce7f3", "#e0e7ff", "#fee2e2", "#ccfbf1", "#f5f5f4"];
const SKIN = ["#f1c9a5", "#e8b98f", "#d9a27a", "#f3d3b5", "#c98f65"];
const HAIR = ["#1f1b18", "#2b2420", "#3b2f2a", "#4a3b33", "#6b6b6b", "#9a9a9a"];
const CLOTHES = ["#2563eb", "#059669", "#b91c1c", "#7c3aed", "#ea580c", "#0f766e", "#be185d", "#334155"];

function bytesOf(id: string): Buffer {
  return createHash("sha256").update(id).digest();
}

/** A stable photo uuid for a carer, so the same seed writes the same keys. */
function photoId(id: string): string {
  const h = bytesOf(`photo:${id}`).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function avatarSvg(id: string, gender: "female" | "male" | "other" | null): string {
  const b = bytesOf(id);
  const pick = <T>(list: readonly T[], i: number) => list[b[i]! % list.length]!;
  const bg = pick(BACKGROUNDS, 0);
  const skin = pick(SKIN, 1);
  const hair = pick(HAIR, 2);
  const shirt = pick(CLOTHES, 3);
  const long = gender === "female" || (gender !== "male" && b[4]! % 2 === 0);
  const hairBack = long
    ? `<path d="M62 96 Q60 40 100 38 Q140 40 138 96 L142 150 Q100 160 58 150 Z" fill="${hair}"/>`
    : "";
  const hairTop = long
    ? `<path d="M66 88 Q70 48 100 46 Q132 48 134 88 Q120 64 100 66 Q82 66 66 88 Z" fill="${hair}"/>`
    : `<path d="M68 84 Q68 46 100 44 Q132 46 132 84 Q124 62 100 62 Q76 62 68 84 Z" fill="${hair}"/>`;
  const glasses =
    b[5]! % 4 === 0
      ? `<g fill="none" stroke="#1f2937" stroke-width="3"><circle cx="86" cy="94" r="9"/><circle cx="114" cy="94" r="9"/><path d="M95 94 H105"/></g>`
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
<rect width="200" height="200" fill="${bg}"/>
${hairBack}
<path d="M40 200 Q44 150 100 146 Q156 150 160 200 Z" fill="${shirt}"/>
<rect x="90" y="124" width="20" height="26" fill="${skin}"/>
<ellipse cx="100" cy="92" rx="32" ry="38" fill="${skin}"/>
${hairTop}
<circle cx="88" cy="95" r="3" fill="#1f2937"/><circle cx="112" cy="95" r="3" fill="#1f2937"/>
<path d="M90 112 Q100 120 110 112" fill="none" stroke="#9f4a3a" stroke-width="3" stroke-linecap="round"/>
${glasses}
</svg>`;
}

type AvatarFor = { id: string; gender: "female" | "male" | "other" | null };

/**
 * Gives most demo carers a photo (about one in six has none, as in life): renders each, stores it
 * under carers/<id>/<photo id>.jpg and returns the carers' photo keys for setPhotoKeys. sharp works
 * in its own threads, so the seed runs this beside its database work.
 */
export async function renderCarerAvatars(rows: readonly AvatarFor[], store: PhotoStore) {
  const chosen = rows.filter((r) => bytesOf(r.id)[6]! % 6 !== 0);
  // All at once: sharp queues them on its own threads, and nothing here needs the main thread until
  // they are done (batches would each wait for a turn of an event loop that the seed keeps busy).
  return Promise.all(
    chosen.map(async (r) => {
      const jpeg = await sharp(Buffer.from(avatarSvg(r.id, r.gender)))
        .jpeg({ quality: 80 })
        .toBuffer();
      const key = `carers/${r.id}/${photoId(r.id)}.jpg`;
      await store.put(key, new Uint8Array(jpeg), "image/jpeg");
      return { id: r.id, key };
    }),
  );
}

/** Sets the rendered photos' keys on the carers, in one statement. */
export async function setPhotoKeys(db: Pick<Database, "execute">, keys: readonly { id: string; key: string }[]) {
  if (keys.length === 0) return 0;
  await db.execute(sql`update carers c set photo_key = k.key
    from json_to_recordset(${JSON.stringify(keys)}::json) as k(id uuid, key text) where c.user_id = k.id`);
  return keys.length;
}
