// "Download my data" (ADR 021, PIPL art. 45): one JSON document of what Kinvisit holds about the
// asking user, and only that user. Family: the account, parents they own (in full) and share (name),
// their visit requests, the visits they booked, the ratings and follow-ups they gave, the disputes they
// opened. Carer: the account, the profile, their visits, their replies to reviews. Both: the chat
// messages they wrote and the terms of the offers they sent (an offer's message has no text of its own:
// an outside probe found offers exported as empty). Other people's private details are never included.
import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import {
  carerAvailability,
  carers,
  carerServices,
  conversations,
  disputes,
  messages,
  offers,
  parentMembers,
  parents,
  ratings,
  smsPreferences,
  users,
  visitRequests,
  visits,
} from "~db/schema";
import type { Database } from "~/db.server";
import { offerTermColumns } from "~/chat/offer-columns.server";
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
    cancelledBy: visits.cancelledBy,
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
    cancelledBy: string | null;
  }) => ({
    ...v,
    // A carer's export holds their own words only: the family's reason is the family's (a door code in
    // it reached the carer whose access the cancellation had ended: a review), and an admin's ruling
    // note is Kinvisit's. The family reads every reason on the visit page, and here too.
    cancelReason: me.role === "carer" && v.cancelledBy !== viewer.id ? null : v.cancelReason,
    cancelledBy: undefined,
    cancelledByYou: v.cancelledAt === null ? null : v.cancelledBy === viewer.id,
    startsAt: iso(v.startsAt),
    endsAt: iso(v.endsAt),
    checkedInAt: iso(v.checkedInAt),
    checkedOutAt: iso(v.checkedOutAt),
    cancelledAt: iso(v.cancelledAt),
  });

  const offersSent = await db
    .select({ ...offerTermColumns, tasks: offers.tasks, cancellation: offers.cancellation, status: offers.status })
    .from(offers)
    .where(eq(offers.sentBy, viewer.id))
    .orderBy(asc(offers.firstStartsAt));

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
    offersSent: offersSent.map((o) => ({ ...o, firstStartsAt: iso(o.firstStartsAt) })),
  };

  if (me.role === "carer") {
    const [profile] = await db.select().from(carers).where(eq(carers.userId, viewer.id));
    const [services, availability, own, replies] = await Promise.all([
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
      // Their replies to reviews: their words (the review itself is the family's).
      db
        .select({ visitId: ratings.visitId, reply: ratings.reply, replyAt: ratings.replyAt })
        .from(ratings)
        .where(and(eq(ratings.carerId, viewer.id), isNotNull(ratings.reply)))
        .orderBy(asc(ratings.replyAt)),
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
      reviewReplies: replies.map((r) => ({ ...r, replyAt: iso(r.replyAt) })),
    };
  }

  const memberships = await db
    .select({ parentId: parentMembers.parentId, role: parentMembers.role })
    .from(parentMembers)
    .where(eq(parentMembers.userId, viewer.id));
  const ownedIds = memberships.filter((m) => m.role === "owner").map((m) => m.parentId);
  const sharedIds = memberships.filter((m) => m.role !== "owner").map((m) => m.parentId);
  const [owned, shared, requests, booked, rated, disputed] = await Promise.all([
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
    // The ratings they gave and the follow-ups they wrote (a sibling's rating of a visit is the sibling's).
    db
      .select({
        visitId: ratings.visitId,
        ratedBy: ratings.ratedBy,
        asAgreed: ratings.asAgreed,
        care: ratings.care,
        punctuality: ratings.punctuality,
        comment: ratings.comment,
        ratedAt: ratings.ratedAt,
        followUpBy: ratings.followUpBy,
        followUp: ratings.followUp,
        followUpAt: ratings.followUpAt,
      })
      .from(ratings)
      .where(or(eq(ratings.ratedBy, viewer.id), eq(ratings.followUpBy, viewer.id)))
      .orderBy(asc(ratings.ratedAt)),
    db
      .select({
        visitId: disputes.visitId,
        reason: disputes.reason,
        status: disputes.status,
        outcome: disputes.outcome,
        createdAt: disputes.createdAt,
        resolvedAt: disputes.resolvedAt,
      })
      .from(disputes)
      .where(eq(disputes.openedBy, viewer.id))
      .orderBy(asc(disputes.createdAt)),
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
    ratingsGiven: rated.map((r) => ({
      visitId: r.visitId,
      ...(r.ratedBy === viewer.id
        ? {
            asAgreed: r.asAgreed,
            care: r.care,
            punctuality: r.punctuality,
            comment: r.comment,
            ratedAt: iso(r.ratedAt),
          }
        : {}),
      ...(r.followUpBy === viewer.id ? { followUp: r.followUp, followUpAt: iso(r.followUpAt) } : {}),
    })),
    disputesOpened: disputed.map((d) => ({ ...d, createdAt: iso(d.createdAt), resolvedAt: iso(d.resolvedAt) })),
    conversations: conversationsOfMine.map((c) => c.id),
  };
}
