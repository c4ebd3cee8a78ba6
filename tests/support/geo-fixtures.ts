// Parents, carers and visit requests made through the real domain functions, plus form posting with repeated keys.
import type { Database } from "~db/client";
import { saveCarerProfile } from "~/carers/carers.server";
import type { CarerProfileInput } from "~/carers/schemas";
import { createParent } from "~/parents/parents.server";
import type { ParentInput } from "~/parents/schemas";
import { getParentForMember } from "~/parents/parents.server";
import { createVisitRequest } from "~/visit-requests/visit-requests.server";
import type { VisitRequestInput } from "~/visit-requests/schemas";
import { dateIn } from "~/geo/time-zone";
import type { HttpClient } from "./http-client";

export const WEST_LAKE = { lat: 30.246712, lng: 120.148534 };

export function parentInput(over: Partial<ParentInput> = {}): ParentInput {
  return {
    name: "Wang Lan",
    address: "12 Nanshan Road, Xihu District",
    lat: WEST_LAKE.lat,
    lng: WEST_LAKE.lng,
    timeZone: "Asia/Shanghai",
    languages: ["mandarin", "hangzhounese"],
    needs: ["mobility"],
    interests: "Yue opera",
    emergencyContacts: [],
    accessNotes: "",
    ...over,
  };
}

export async function makeParent(db: Database, userId: string, over: Partial<ParentInput> = {}) {
  return createParent(db, userId, parentInput(over));
}

export function carerInput(over: Partial<CarerProfileInput> = {}): CarerProfileInput {
  return {
    bio: "I like long walks.",
    languages: ["mandarin"],
    lat: WEST_LAKE.lat + 0.01,
    lng: WEST_LAKE.lng + 0.01,
    radiusKm: 5,
    timeZone: "Asia/Shanghai",
    services: [{ service: "companionship", offered: true, price: 60, minMinutes: 60 }],
    availability: [],
    faq: [],
    quickPhrases: "",
    ...over,
  };
}

export async function makeCarerProfile(db: Database, userId: string, over: Partial<CarerProfileInput> = {}) {
  await saveCarerProfile(db, userId, carerInput(over));
}

export async function makeVisitRequest(
  db: Database,
  viewer: { id: string; role: "family" },
  parentId: string,
  over: Partial<VisitRequestInput> = {},
  /** The clock the date is judged by. */
  now = new Date(),
) {
  const parent = await getParentForMember(db, viewer, parentId);
  if (!parent) throw new Error("fixture request: not this viewer's parent");
  const result = await createVisitRequest(
    db,
    parent,
    {
      service: "companionship",
      schedule: "once",
      // Two months after the clock: still to come for pages that read today's, on any date.
      date: dateIn(parent.timeZone, new Date(now.getTime() + 60 * 86_400_000)),
      time: "09:30",
      weekdays: [],
      durationMinutes: 60,
      budget: 80,
      notes: "Likes to chat about opera.",
      ...over,
    },
    now,
  );
  if (!result.ok) throw new Error("fixture request refused");
  return result.id;
}

/** POST a urlencoded form whose keys may repeat (checkbox groups). */
export function postEntries(client: HttpClient, path: string, entries: [string, string][] | Record<string, string>) {
  const body = new URLSearchParams(Array.isArray(entries) ? entries : Object.entries(entries));
  return client.request(path, {
    method: "POST",
    body: body.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: client.origin },
  });
}

let quickCounter = 0;
/** A carer account without hashing a password (for tests that need many carers). */
export async function makeQuickCarer(db: Database, profile: Partial<CarerProfileInput> = {}, name?: string) {
  const { users } = await import("~db/schema");
  quickCounter += 1;
  const [row] = await db
    .insert(users)
    .values({
      email: `quick-carer-${quickCounter}-${Math.random().toString(36).slice(2)}@example.test`,
      name: name ?? `Quick Carer ${quickCounter}`,
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$unusable",
      phone: "+8613900000000",
      role: "carer",
    })
    .returning({ id: users.id });
  await saveCarerProfile(db, row!.id, carerInput(profile));
  return row!.id;
}

/** A point `km` kilometres east of `from` (good enough at Hangzhou's latitude for test geometry). */
export function eastOf(from: { lat: number; lng: number }, km: number) {
  return { lat: from.lat, lng: from.lng + km / (111.32 * Math.cos((from.lat * Math.PI) / 180)) };
}
