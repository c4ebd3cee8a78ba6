// Test people and conversations for bench:chat, made before the load starts: users inserted in bulk
// with one precomputed (unusable) password hash, carer profiles, parents and conversations through
// the domain functions, and a session per person from `createSession`. Used by the orchestrator on
// PostgreSQL and by the child server on PGlite (whose folder only that process may open).
import { users } from "~db/schema";
import type { Database } from "~db/client";
import { createSession } from "~/auth/session.server";
import { saveCarerProfile } from "~/carers/carers.server";
import { openFromService } from "~/chat/conversations.server";
import { createParent, getParentForMember } from "~/parents/parents.server";

/** Every carer is in this many conversations (a carer's stream count on a process). */
export const CONVERSATIONS_PER_CARER = 5;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$unusable";
const POLICY = { SESSION_IDLE_DAYS: 30, SESSION_ABSOLUTE_DAYS: 90 };
const HANGZHOU = { lat: 30.246712, lng: 120.148534 };

export interface BenchConversation {
  id: string;
  familyId: string;
  carerId: string;
  /** Session tokens for the `__Host-kv_session` cookie. */
  familyToken: string;
  carerToken: string;
}

async function pool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

async function insertUsers(db: Database, role: "family" | "carer", count: number, tag: string) {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => ({
      email: `bench-${tag}-${role}-${start + k}@bench.test`,
      name: `Bench ${role} ${start + k}`,
      passwordHash: HASH,
      phone: "+8613900000000",
      role,
    }));
    const inserted = await db.insert(users).values(rows).returning({ id: users.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function makeChatData(db: Database, conversations: number, concurrency = 8): Promise<BenchConversation[]> {
  const tag = Date.now().toString(36);
  const carerCount = Math.ceil(conversations / CONVERSATIONS_PER_CARER);
  const familyIds = await insertUsers(db, "family", conversations, tag);
  const carerIds = await insertUsers(db, "carer", carerCount, tag);
  await pool(carerCount, concurrency, (i) =>
    saveCarerProfile(db, carerIds[i]!, {
      bio: "Bench carer.",
      languages: ["mandarin"],
      lat: HANGZHOU.lat + (i % 50) * 0.001,
      lng: HANGZHOU.lng + Math.floor(i / 50) * 0.001,
      radiusKm: 5,
      timeZone: "Asia/Shanghai",
      services: [{ service: "companionship", offered: true, price: 60, minMinutes: 60 }],
      availability: [],
      // No FAQ: the streams start empty, so every event seen is a message the bench sent.
      faq: [],
      quickPhrases: "",
    }),
  );
  const carerTokens = await pool(
    carerCount,
    concurrency,
    async (i) => (await createSession(db, POLICY, carerIds[i]!, "bench:chat")).token,
  );
  return pool(conversations, concurrency, async (i) => {
    const familyId = familyIds[i]!;
    const carerIndex = i % carerCount;
    const carerId = carerIds[carerIndex]!;
    const parentId = await createParent(db, familyId, {
      name: `Bench parent ${i}`,
      address: "1 Bench Road",
      lat: HANGZHOU.lat,
      lng: HANGZHOU.lng,
      timeZone: "Asia/Shanghai",
      languages: ["mandarin"],
      needs: [],
      interests: "",
      emergencyContacts: [],
      accessNotes: "",
    });
    const parent = await getParentForMember(db, { id: familyId, role: "family" }, parentId);
    if (!parent) throw new Error("bench data: parent not visible to its family");
    const opened = await openFromService(db, parent, carerId, "companionship", async () => {});
    if (!opened.ok) throw new Error(`bench data: conversation refused (${opened.error})`);
    const { token } = await createSession(db, POLICY, familyId, "bench:chat");
    return { id: opened.id, familyId, carerId, familyToken: token, carerToken: carerTokens[carerIndex]! };
  });
}
