// "Download my data" (ADR 021, PIPL art. 45): one JSON document of what Kinvisit holds about the
// asking user, and only that user. Family: the account, parents they own (in full) and share (name),
// their visit requests, the visits they booked, the chat messages they wrote. Carer: the account, the
// profile, their visits, the messages they wrote. Other people's private details are never included.
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  carerAvailability,
  carers,
  carerServices,
  conversations,
  messages,
  parentMembers,
  parents,
  smsPreferences,
  users,
  visitRequests,
  visits,
} from "~db/schema";
import type { Database } from "~/db.server";
import type { AccountViewer } from "./settings.server";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function exportAccountData(db: Database, viewer: AccountViewer, now: Date) {
  const [me] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      role: users.role,
      locale: users.locale,
      timeZone: users.timeZone,
      createdAt: users.createdAt,
      deletionRequestedAt: users.deletionRequestedAt,
    })
    .from(users)
    .where(eq(users.id, viewer.id))
    .limit(1);
  if (!me) return null;
  const [prefs] = await db
    .select({
      disabledKinds: smsPreferences.disabledKinds,
      optedInKinds: smsPreferences.optedInKinds,
      quietHours: smsPreferences.quietHours,
    })
    .from(smsPreferences)
    .where(eq(smsPreferences.userId, viewer.id));

  const written = await db
    .select({
      conversationId: messages.conversationId,
      seq: messages.seq,
      kind: messages.kind,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.senderId, viewer.id))
    .orderBy(asc(messages.createdAt));

  const visitColumns = {
    id: visits.id,
    parentName: parents.name,
    service: visits.service,
    startsAt: visits.startsAt,
    endsAt: visits.endsAt,
    status: visits.status,
    priceCents: visits.priceCents,
    checkedInAt: visits.checkedInAt,
    checkedOutAt: visits.checkedOutAt,
    cancelledAt: visits.cancelledAt,
    cancelReason: visits.cancelReason,
  };
  const visitRow = (v: {
    id: string;
    parentName: string;
    service: string;
    startsAt: Date;
    endsAt: Date;
    status: string;
    priceCents: number;
    checkedInAt: Date | null;
    checkedOutAt: Date | null;
    cancelledAt: Date | null;
    cancelReason: string | null;
  }) => ({
    ...v,
    startsAt: iso(v.startsAt),
    endsAt: iso(v.endsAt),
    checkedInAt: iso(v.checkedInAt),
    checkedOutAt: iso(v.checkedOutAt),
    cancelledAt: iso(v.cancelledAt),
  });

  const base = {
    exportedAt: now.toISOString(),
    account: {
      ...me,
      phoneVerifiedAt: iso(me.phoneVerifiedAt),
      createdAt: iso(me.createdAt),
      deletionRequestedAt: iso(me.deletionRequestedAt),
    },
    smsPreferences: prefs ?? null,
    messagesWritten: written.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
  };

  if (me.role === "carer") {
    const [profile] = await db.select().from(carers).where(eq(carers.userId, viewer.id));
    const [services, availability, own] = await Promise.all([
      db
        .select({
          service: carerServices.service,
          priceCents: carerServices.priceCents,
          minMinutes: carerServices.minMinutes,
        })
        .from(carerServices)
        .where(eq(carerServices.carerId, viewer.id)),
      db
        .select({
          weekday: carerAvailability.weekday,
          startMinute: carerAvailability.startMinute,
          endMinute: carerAvailability.endMinute,
        })
        .from(carerAvailability)
        .where(eq(carerAvailability.carerId, viewer.id)),
      db
        .select(visitColumns)
        .from(visits)
        .innerJoin(parents, eq(parents.id, visits.parentId))
        .where(eq(visits.carerId, viewer.id))
        .orderBy(asc(visits.startsAt)),
    ]);
    return {
      ...base,
      carerProfile: profile
        ? {
            bio: profile.bio,
            gender: profile.gender,
            languages: profile.languages,
            // The carer's own base: theirs to see.
            lat: profile.lat,
            lng: profile.lng,
            radiusM: profile.radiusM,
            timeZone: profile.timeZone,
            faq: profile.faq,
            quickPhrases: profile.quickPhrases,
            hasPhoto: profile.photoKey !== null,
            verifiedAt: iso(profile.verifiedAt),
            services,
            availability,
          }
        : null,
      visits: own.map(visitRow),
    };
  }

  const memberships = await db
    .select({ parentId: parentMembers.parentId, role: parentMembers.role })
    .from(parentMembers)
    .where(eq(parentMembers.userId, viewer.id));
  const ownedIds = memberships.filter((m) => m.role === "owner").map((m) => m.parentId);
  const sharedIds = memberships.filter((m) => m.role !== "owner").map((m) => m.parentId);
  const [owned, shared, requests, booked] = await Promise.all([
    ownedIds.length
      ? db
          .select({
            id: parents.id,
            name: parents.name,
            birthYear: parents.birthYear,
            address: parents.address,
            phone: parents.phone,
            lat: parents.lat,
            lng: parents.lng,
            timeZone: parents.timeZone,
            languages: parents.languages,
            needs: parents.needs,
            interests: parents.interests,
            emergencyContacts: parents.emergencyContacts,
            accessNotes: parents.accessNotes,
            visitGoalVisits: parents.visitGoalVisits,
            visitGoalMinutes: parents.visitGoalMinutes,
          })
          .from(parents)
          .where(inArray(parents.id, ownedIds))
      : [],
    sharedIds.length
      ? db.select({ id: parents.id, name: parents.name }).from(parents).where(inArray(parents.id, sharedIds))
      : [],
    db
      .select({
        id: visitRequests.id,
        parentId: visitRequests.parentId,
        service: visitRequests.service,
        startsAt: visitRequests.startsAt,
        weekdays: visitRequests.weekdays,
        startMinute: visitRequests.startMinute,
        durationMinutes: visitRequests.durationMinutes,
        budgetCents: visitRequests.budgetCents,
        notes: visitRequests.notes,
        status: visitRequests.status,
        createdAt: visitRequests.createdAt,
      })
      .from(visitRequests)
      .where(eq(visitRequests.createdBy, viewer.id))
      .orderBy(asc(visitRequests.createdAt)),
    db
      .select(visitColumns)
      .from(visits)
      .innerJoin(parents, eq(parents.id, visits.parentId))
      .where(eq(visits.bookedBy, viewer.id))
      .orderBy(asc(visits.startsAt)),
  ]);
  const conversationsOfMine = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.familyUserId, viewer.id)));
  return {
    ...base,
    parentsOwned: owned,
    parentsShared: shared,
    visitRequests: requests.map((r) => ({ ...r, startsAt: iso(r.startsAt), createdAt: iso(r.createdAt) })),
    visitsBooked: booked.map(visitRow),
    conversations: conversationsOfMine.map((c) => c.id),
  };
}
