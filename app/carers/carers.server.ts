// Carer profiles: the carer edits only their own (the id always comes from the session); everyone
// else reads a public view with the approximate base only.
import { maskStoredText } from "~/chat/masking";
import { toFen } from "~/validation/money";
import { and, asc, eq, sql } from "drizzle-orm";
import { carerAvailability, carers, carerServices, serviceKinds, users, type ServiceKind } from "~db/schema";
import type { Database } from "~/db.server";
import { formatClock, formatEndClock, parseClock, parseEndClock } from "~/geo/time-zone";
import { canSeeCarerExact, publicLocation, type Viewer } from "~/privacy/location";
import type { CarerProfileInput } from "./schemas";

export async function saveCarerProfile(db: Database, carerId: string, input: CarerProfileInput): Promise<void> {
  const row = {
    bio: input.bio ?? "",
    gender: input.gender ?? null,
    languages: input.languages ?? [],
    lat: input.lat,
    lng: input.lng,
    radiusM: Math.round(input.radiusKm * 1000),
    timeZone: input.timeZone,
    // Only a row left wholly empty is dropped: half a pair is refused by the schema.
    faq: (input.faq ?? [])
      .filter((f) => f.question && f.answer)
      .map((f) => ({ question: f.question!, answer: f.answer! })),
    quickPhrases: (input.quickPhrases ?? "")
      .split("\n")
      // The schema refused a longer phrase, or more of them: nothing is cut here.
      .map((l) => l.trim())
      .filter(Boolean),
    updatedAt: new Date(),
  };
  const services = new Map<ServiceKind, { priceCents: number; minMinutes: number }>();
  for (const s of input.services ?? []) {
    if (s.offered && s.price !== undefined && s.minMinutes !== undefined) {
      services.set(s.service, { priceCents: toFen(s.price), minMinutes: s.minMinutes });
    }
  }
  const prices = servicePriceColumns(services);
  const windows = (input.availability ?? []).flatMap((a) => {
    const start = a.start ? parseClock(a.start) : null;
    const end = a.end ? parseEndClock(a.end) : null;
    return start !== null && end !== null && end > start
      ? [{ weekday: a.weekday, startMinute: start, endMinute: end }]
      : [];
  });
  await db.transaction(async (tx) => {
    await tx
      .insert(carers)
      .values({ userId: carerId, ...row, ...prices })
      .onConflictDoUpdate({ target: carers.userId, set: { ...row, ...prices } });
    await tx.delete(carerServices).where(eq(carerServices.carerId, carerId));
    if (services.size) {
      await tx.insert(carerServices).values([...services].map(([service, s]) => ({ carerId, service, ...s })));
    }
    await tx.delete(carerAvailability).where(eq(carerAvailability.carerId, carerId));
    if (windows.length) await tx.insert(carerAvailability).values(windows.map((w) => ({ carerId, ...w })));
  });
}

/** The search's copy of a carer's prices: one slot per catalogue service, and the lowest price. */
export function servicePriceColumns(services: Map<ServiceKind, { priceCents: number }>) {
  const servicePrices = serviceKinds.map((k) => services.get(k)?.priceCents ?? null) as number[];
  const offered = [...services.values()].map((s) => s.priceCents);
  return { servicePrices, minPriceCents: offered.length ? Math.min(...offered) : null, listed: offered.length > 0 };
}

/**
 * Sets the photo; returns the key it replaced (to delete), or null when the carer has no profile.
 * The row is locked between reading the old key and writing the new one, so two uploads at once
 * each replace a different key and neither file is left behind.
 */
export async function setCarerPhoto(
  db: Database,
  carerId: string,
  photoKey: string,
): Promise<{ replaced: string | null } | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ photoKey: carers.photoKey })
      .from(carers)
      .where(eq(carers.userId, carerId))
      .for("update");
    if (!before) return null;
    await tx.update(carers).set({ photoKey, updatedAt: new Date() }).where(eq(carers.userId, carerId));
    return { replaced: before.photoKey };
  });
}

/** The carer's own profile, as form values (exact base included: it is theirs). */
export async function getOwnProfile(db: Database, carerId: string) {
  const [profile] = await db.select().from(carers).where(eq(carers.userId, carerId)).limit(1);
  if (!profile) return null;
  const [services, windows] = await Promise.all([
    db.select().from(carerServices).where(eq(carerServices.carerId, carerId)),
    db.select().from(carerAvailability).where(eq(carerAvailability.carerId, carerId)),
  ]);
  return {
    photoKey: profile.photoKey,
    values: {
      bio: profile.bio,
      gender: profile.gender ?? undefined,
      languages: profile.languages,
      lat: profile.lat,
      lng: profile.lng,
      radiusKm: profile.radiusM / 1000,
      timeZone: profile.timeZone,
      services: services.map((s) => ({
        service: s.service,
        offered: true,
        price: s.priceCents / 100,
        minMinutes: s.minMinutes,
      })),
      availability: windows.map((w) => ({
        weekday: w.weekday,
        start: formatClock(w.startMinute),
        end: formatEndClock(w.endMinute),
      })),
      faq: profile.faq,
      quickPhrases: profile.quickPhrases.join("\n"),
    },
  };
}

/**
 * A carer's public profile. The base is approximate unless the viewer is that carer or an admin;
 * `from` (the viewer's parent, say) gives a rounded distance to the approximate base. Null: no such carer.
 */
export async function getPublicProfile(
  db: Database,
  viewer: Viewer,
  carerId: string,
  from?: { lat: number; lng: number } | null,
) {
  const [row] = await db
    .select({
      carer: carers,
      name: users.name,
      gone: sql<boolean>`(${users.suspendedAt} is not null or ${users.deletionRequestedAt} is not null or ${users.erasedAt} is not null)`,
    })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .where(and(eq(carers.userId, carerId), eq(users.role, "carer")))
    .limit(1);
  // A suspended carer's profile is gone for everyone but admins (and the carer, who cannot log in), and
  // so is a leaving one's (deletion asked for: ADR 021), whom nobody can book; "Keep my account" brings it back.
  if (!row || (row.gone && viewer.role !== "admin" && viewer.id !== carerId)) return null;
  const [services, windows] = await Promise.all([
    db.select().from(carerServices).where(eq(carerServices.carerId, carerId)).orderBy(asc(carerServices.service)),
    db
      .select()
      .from(carerAvailability)
      .where(eq(carerAvailability.carerId, carerId))
      // Monday first, as the carer's own form lists the days (weekday 0 is Sunday).
      .orderBy(sql`(${carerAvailability.weekday} + 6) % 7`, asc(carerAvailability.startMinute)),
  ]);
  const c = row.carer;
  const exact = canSeeCarerExact(viewer, carerId);
  const { approx, distanceKm } = publicLocation(c, from);
  return {
    id: c.userId,
    name: row.name,
    // What a carer writes about themselves is read by families they have not booked with: contact
    // details in it are masked, as in chat, for all but the carer and admins.
    bio: exact ? c.bio : maskStoredText(c.bio).text,
    gender: c.gender,
    languages: c.languages,
    radiusKm: c.radiusM / 1000,
    timeZone: c.timeZone,
    photoKey: c.photoKey,
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    ratingScore: c.ratingScore,
    visitsCompleted: c.visitsCompleted,
    replyMinutesMedian: c.replyMinutesMedian,
    faq: exact
      ? c.faq
      : c.faq.map((f) => ({ question: maskStoredText(f.question).text, answer: maskStoredText(f.answer).text })),
    services: services.map((s) => ({ service: s.service, priceCents: s.priceCents, minMinutes: s.minMinutes })),
    availability: windows.map((w) => ({
      weekday: w.weekday,
      start: formatClock(w.startMinute),
      end: formatClock(w.endMinute),
    })),
    point: exact ? { lat: c.lat, lng: c.lng } : approx,
    exact,
    distanceKm,
  };
}

export type PublicCarer = NonNullable<Awaited<ReturnType<typeof getPublicProfile>>>;
