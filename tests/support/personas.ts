// The six personas of the authorization matrix: their fixed data, seeding them (once, into the template
// database) with real accounts and sessions, and logged-in HTTP clients that carry those sessions.
import type { UserRole } from "~db/schema";
import type { Database } from "~db/client";
import { createAccount } from "~/auth/accounts.server";
import { createSession } from "~/auth/session.server";
import { TEST_PASSWORD } from "./fixtures";
import { HttpClient } from "./http-client";

/** The default session policy (SESSION_IDLE_DAYS, SESSION_ABSOLUTE_DAYS), as the app under test runs with. */
export const SESSION_POLICY = { SESSION_IDLE_DAYS: 30, SESSION_ABSOLUTE_DAYS: 90 };

/** The app under test runs with NODE_ENV=production, which names its session cookie so. */
export const SESSION_COOKIE = "__Host-kv_session";

export const PERSONA_KEYS = ["familyA", "familyB", "carerX", "carerY", "admin"] as const;
export type PersonaKey = (typeof PERSONA_KEYS)[number];

/** Distinct, fixed data per persona; the password is fixtures' TEST_PASSWORD. Phones are not verified. */
export const PERSONA_ACCOUNTS: Record<PersonaKey, { role: UserRole; name: string; email: string; phone: string }> = {
  familyA: { role: "family", name: "Family A", email: "family.a@personas.test", phone: "+8613800100001" },
  familyB: { role: "family", name: "Family B", email: "family.b@personas.test", phone: "+8613800100002" },
  carerX: { role: "carer", name: "Carer X", email: "carer.x@personas.test", phone: "+8613800100003" },
  carerY: { role: "carer", name: "Carer Y", email: "carer.y@personas.test", phone: "+8613800100004" },
  admin: { role: "admin", name: "Admin", email: "admin@personas.test", phone: "+8613800100005" },
};

export interface PersonaRecord {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** What the template holds per persona: the account, and the token of a session already in it. */
export type PersonaSeeds = Record<PersonaKey, PersonaRecord & { sessionToken: string }>;

/** Creates the persona accounts and one session each, through the real domain functions. */
export async function seedPersonas(db: Database): Promise<PersonaSeeds> {
  const seeds = {} as PersonaSeeds;
  for (const key of PERSONA_KEYS) {
    const { role, name, email, phone } = PERSONA_ACCOUNTS[key];
    const result = await createAccount(db, { role, name, email, phone, password: TEST_PASSWORD, locale: "en" });
    if (!result.ok) throw new Error(`persona ${email} exists already: seed personas into an empty database`);
    const { token } = await createSession(db, SESSION_POLICY, result.userId, "persona");
    seeds[key] = { id: result.userId, email, name, role, sessionToken: token };
  }
  return seeds;
}

/** The personas' accounts without their session tokens (what non-HTTP tests need). */
export function personaRecords(seeds: PersonaSeeds): Record<PersonaKey, PersonaRecord> {
  return Object.fromEntries(
    PERSONA_KEYS.map((key) => {
      const { sessionToken: _token, ...record } = seeds[key];
      return [key, record];
    }),
  ) as Record<PersonaKey, PersonaRecord>;
}

export interface Persona extends PersonaRecord {
  /** Logged in with the persona's session from the template (shared by the whole test file). */
  client: HttpClient;
}
export type Personas = { anonymous: { client: HttpClient } } & Record<PersonaKey, Persona>;

/** A client holding a session token, as a browser would after logging in. */
export function clientWithSession(baseUrl: string, token: string): HttpClient {
  const client = new HttpClient(baseUrl);
  client.cookies.set(SESSION_COOKIE, token);
  return client;
}

/** The matrix's personas against an app whose database was copied from the template. */
export function personasFor(baseUrl: string, seeds: PersonaSeeds): Personas {
  const personas = { anonymous: { client: new HttpClient(baseUrl) } } as Personas;
  for (const key of PERSONA_KEYS) {
    const { sessionToken, ...record } = seeds[key];
    personas[key] = { ...record, client: clientWithSession(baseUrl, sessionToken) };
  }
  return personas;
}

/** Logs a user in by inserting a fresh session (as Epic Stack's login fixture does), not by POST /login. */
export async function sessionClient(baseUrl: string, db: Database, userId: string): Promise<HttpClient> {
  const { token } = await createSession(db, SESSION_POLICY, userId, "test");
  return clientWithSession(baseUrl, token);
}
