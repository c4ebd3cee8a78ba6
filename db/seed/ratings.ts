// A year of ratings for the demo city: carer X, carer Y and a hundred other carers each visit a few
// families' parents every few weeks (accepted weekly offers, their visits checked in and out, some
// missed or cancelled late), and families rate most visits, leave comments, follow-ups and replies.
// Visits more than 15 days old without a rating get the default one. Then the scores and the peer
// figures are computed by the same functions the jobs run. Deterministic (its own seeded PRNG).
import { and, asc, eq, sql } from "drizzle-orm";
import {
  carers,
  carerServices,
  conversations,
  offers,
  parentMembers,
  parents,
  ratings,
  users,
  visitEvents,
  visits,
} from "../schema";
import type { Database } from "../client";
import { refreshPeerFigures } from "../../app/ratings/peers.server";
import { recountVisitsCompleted } from "../../app/carers/visits-completed.server";
import { recomputeScoresOf } from "../../app/ratings/ratings.server";
import { countsUnderCap, isGood, monthOf, RATE_WITHIN_DAYS, type Stars } from "../../app/ratings/scores";
import { insertRows } from "./insert-rows";

const DAY = 86_400_000;

type Event = typeof visitEvents.$inferInsert;

/**
 * A seeded visit's history as the transitions would have written it (transitions.server.ts fire(),
 * booking.server.ts): booked, then arrived and left, then confirmed by the family a day later; or
 * cancelled by the carer; or marked missed an hour after the start. The visit page's timeline is
 * built from these rows, so a seeded visit without them would show an empty one.
 */
function eventsOf(v: typeof visits.$inferInsert, carerId: string, familyUserId: string): Event[] {
  const booked: Event = {
    visitId: v.id!,
    actorId: familyUserId,
    fromStatus: null,
    toStatus: "scheduled",
    reason: "booked",
    data: null,
    at: v.acceptedAt!,
  };
  const step = (
    name: string,
    from: Event["fromStatus"],
    to: Event["toStatus"],
    at: Date,
    by: "carer" | "family" | "system",
    reason: string | null = null,
  ): Event => ({
    visitId: v.id!,
    actorId: by === "carer" ? carerId : by === "family" ? familyUserId : null,
    fromStatus: from,
    toStatus: to,
    reason,
    data: { transition: name, by },
    at,
  });
  if (v.status === "cancelled")
    return [
      booked,
      {
        ...step("cancel", "scheduled", "cancelled", v.cancelledAt!, "carer", v.cancelReason ?? null),
        data: { transition: "cancel", by: "carer", scope: "one", from: v.id! },
      },
    ];
  if (v.status === "missed")
    return [
      booked,
      step("mark_missed", "scheduled", "missed", new Date(v.startsAt.getTime() + 60 * 60_000), "system", "no_check_in"),
    ];
  const done = [
    booked,
    step("check_in", "scheduled", "in_progress", v.checkedInAt!, "carer"),
    step("check_out", "in_progress", "completed", v.checkedOutAt!, "carer"),
  ];
  return v.confirmedAt ? [...done, step("confirm", "completed", "confirmed", v.confirmedAt, "family")] : done;
}

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
    uuid: () => {
      let h = "";
      for (let i = 0; i < 32; i++) h += "0123456789abcdef"[Math.floor(next() * 16)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

const comments = [
  "Very patient with Mum, and brought fresh fruit. 很有耐心，还带了新鲜水果。",
  "On time and stayed the whole visit. 准时，待满了时间。",
  "Dad enjoyed the walk by the lake. 爸爸很喜欢去湖边散步。",
  "Helped set up video calls on the phone. 帮忙设置了手机视频通话。",
  "Arrived a little late but made up for it. 稍微迟到，但补足了时间。",
  "Kind and cheerful, Mum looks forward to Tuesdays. 热心开朗，妈妈很期待每周二。",
  "Left early and skipped the shopping. 提前离开，也没去买菜。",
  "Clear notes in the visit log every time. 每次探访记录都写得很清楚。",
  "",
  "",
];
const followUps = [
  "A month on, still our favourite carer. 一个月后，仍然是我们最喜欢的陪护。",
  "Mum's mood has been much better since. 之后妈妈的心情好多了。",
  "The later visits were not as good. 后来几次没有那么好。",
];
const replies = [
  "Thank you, it is a joy to visit her. 谢谢，探望阿姨我也很开心。",
  "Sorry about the delay, it will not happen again. 抱歉迟到了，以后不会了。",
  "Thank you for the kind words! 谢谢您的肯定！",
];

const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));

export interface RatingSeedIds {
  carerX: string;
  carerY: string;
  familyA: string;
  /** Family A's sister, a member of their mother's circle: she booked carer X's visits. */
  familyASister: string;
  familyAParent: string;
}

/** Seeds visits and ratings over the year before `now`; returns how many ratings it wrote. */
export async function seedRatings(db: Database, ids: RatingSeedIds, now = new Date()): Promise<number> {
  const rng = prng(20261202);
  const carerRows = await db
    .select({ id: carers.userId })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .orderBy(asc(users.email));
  const serviceRows = await db
    .select()
    .from(carerServices)
    .orderBy(asc(carerServices.carerId), asc(carerServices.service));
  const servicesOf = new Map<string, (typeof serviceRows)[number][]>();
  for (const s of serviceRows) servicesOf.set(s.carerId, [...(servicesOf.get(s.carerId) ?? []), s]);
  const families = await db
    .select({ parentId: parents.id, userId: parentMembers.userId, timeZone: parents.timeZone })
    .from(parents)
    .innerJoin(parentMembers, and(eq(parentMembers.parentId, parents.id), eq(parentMembers.role, "owner")))
    .orderBy(asc(parents.id));
  // Carer X's history with family A's mother was booked by the sister, leaving Li Wei (family A) no
  // conversation with carer X: the chat demo and its Chromium test start one.
  const familyA = { ...families.find((f) => f.parentId === ids.familyAParent)!, userId: ids.familyASister };

  // Carers X and Y first, then every third other carer: about a hundred with a history.
  const rated = [ids.carerX, ids.carerY, ...carerRows.map((c) => c.id).filter((_id, i) => i % 3 === 0)].filter(
    (id, i, all) => all.indexOf(id) === i && servicesOf.has(id),
  );

  const conversationRows: (typeof conversations.$inferInsert)[] = [];
  const offerRows: (typeof offers.$inferInsert)[] = [];
  const visitRows: (typeof visits.$inferInsert)[] = [];
  const ratingRows: (typeof ratings.$inferInsert)[] = [];
  const eventRows: (typeof visitEvents.$inferInsert)[] = [];
  const counted = new Map<string, number>();

  for (const carerId of rated) {
    // Each carer has a quality: most are good, a few are not.
    const quality = carerId === ids.carerX ? 4.6 : carerId === ids.carerY ? 3.9 : 3.2 + rng.next() * 1.8;
    const punctual = Math.min(0.98, 0.55 + (quality - 3) * 0.2);
    const pairs = carerId === ids.carerX ? 4 : rng.int(1, 4);
    const picked = new Set<string>();
    const chosen = carerId === ids.carerX ? [familyA] : [];
    while (chosen.length < pairs) {
      const f = rng.pick(families);
      if (!picked.has(f.parentId) && f.parentId !== familyA.parentId) {
        picked.add(f.parentId);
        chosen.push(f);
      }
    }
    for (const family of chosen) {
      const service = rng.pick(servicesOf.get(carerId)!);
      const conversationId = rng.uuid();
      const offerId = rng.uuid();
      const weekday = rng.int(1, 5);
      const startHourUtc = rng.pick([1, 2, 6, 7]); // 09:00–15:00 in Shanghai
      const duration = rng.pick([60, 90, 120]);
      const first = new Date(now.getTime() - rng.int(250, 364) * DAY);
      first.setUTCHours(startHourUtc, 0, 0, 0);
      const priceCents = Math.round((service.priceCents * duration) / 60);
      conversationRows.push({
        id: conversationId,
        familyUserId: family.userId,
        carerId,
        parentId: family.parentId,
        contextKind: "service",
        contextService: service.service,
        bookedAt: first,
        createdAt: new Date(first.getTime() - 3 * DAY),
      });
      offerRows.push({
        id: offerId,
        conversationId,
        sentBy: carerId,
        parentId: family.parentId,
        carerId,
        service: service.service,
        schedule: "weekly",
        timeZone: family.timeZone,
        startDate: first.toISOString().slice(0, 10),
        startMinute: (startHourUtc + 8) * 60,
        weekdays: [weekday],
        weeks: 52,
        firstStartsAt: first,
        durationMinutes: duration,
        tasks: ["Tea and a chat 喝茶聊天", "A short walk 散步"],
        priceCents,
        cancellation: "moderate",
        expiresAt: new Date(first.getTime() - DAY),
        status: "accepted",
        respondedBy: family.userId,
        respondedAt: new Date(first.getTime() - 2 * DAY),
        createdAt: new Date(first.getTime() - 3 * DAY),
      });
      // A visit every one to four weeks until now.
      // The demo family's visits with carer X end with one yesterday at 10:00, done and not rated yet,
      // so the demo (and the e2e spec) always has a visit to rate.
      const demoPair = carerId === ids.carerX && family.parentId === familyA.parentId;
      const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 2));
      const stop = demoPair ? yesterday.getTime() - DAY : now.getTime() - 3 * 3_600_000;
      const starts: Date[] = [];
      for (let t = first; t.getTime() < stop; t = new Date(t.getTime() + rng.pick([7, 7, 14, 14, 21, 28]) * DAY)) {
        starts.push(t);
      }
      if (demoPair) starts.push(yesterday);
      for (const startsAt of starts) {
        const endsAt = new Date(startsAt.getTime() + duration * 60_000);
        const visitId = rng.uuid();
        const roll = startsAt === yesterday ? 1 : rng.next();
        const missed = roll < 0.02;
        const lateCancel = !missed && roll < 0.05;
        const lateBy = rng.chance(punctual) ? rng.int(-8, 8) : rng.int(11, 35);
        const checkedInAt = missed || lateCancel ? null : new Date(startsAt.getTime() + lateBy * 60_000);
        const short = rng.chance(punctual) ? rng.int(0, 5) : rng.int(10, 30);
        const checkedOutAt = checkedInAt ? new Date(checkedInAt.getTime() + (duration - short) * 60_000) : null;
        const recent = checkedOutAt !== null && now.getTime() - checkedOutAt.getTime() < 2 * DAY;
        visitRows.push({
          id: visitId,
          parentId: family.parentId,
          carerId,
          bookedBy: family.userId,
          offerId,
          occurrenceDate: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
          service: service.service,
          startsAt,
          endsAt,
          priceCents,
          cancellation: "moderate",
          terms: {
            service: service.service,
            timeZone: family.timeZone,
            durationMinutes: duration,
            tasks: ["Tea and a chat 喝茶聊天", "A short walk 散步"],
            priceCents,
            cancellation: "moderate",
            offerId,
            schedule: "weekly",
            weekdays: [weekday],
            weeks: 52,
          },
          status: missed ? "missed" : lateCancel ? "cancelled" : recent ? "completed" : "confirmed",
          acceptedBy: family.userId,
          acceptedAt: new Date(first.getTime() - 2 * DAY),
          cancelledAt: lateCancel ? new Date(startsAt.getTime() - rng.int(2, 20) * 3_600_000) : null,
          cancelledBy: lateCancel ? carerId : null,
          cancelReason: lateCancel ? "Unwell 身体不适" : null,
          lateCancellation: lateCancel,
          checkedInAt,
          checkInDistanceM: checkedInAt ? rng.int(5, 80) : null,
          checkedOutAt,
          checkOutDistanceM: checkedOutAt ? rng.int(5, 80) : null,
          confirmedAt: !recent && checkedOutAt ? new Date(checkedOutAt.getTime() + DAY) : null,
          createdAt: new Date(first.getTime() - 2 * DAY),
        });
        eventRows.push(...eventsOf(visitRows.at(-1)!, carerId, family.userId));
        if (checkedOutAt) {
          const age = now.getTime() - checkedOutAt.getTime();
          const open = age < RATE_WITHIN_DAYS * DAY;
          // The demo family's latest visit stays unrated, so the rate prompt shows.
          const keepOpen = family.parentId === familyA.parentId && age < 4 * DAY;
          const explicit = !keepOpen && rng.chance(open ? 0.5 : 0.72);
          if (explicit || !open) {
            const ratedAt = explicit
              ? new Date(Math.min(now.getTime() - 60_000, checkedOutAt.getTime() + rng.int(1, 96) * 3_600_000))
              : new Date(checkedOutAt.getTime() + RATE_WITHIN_DAYS * DAY);
            const stars: Stars | null = explicit
              ? {
                  asAgreed: clamp(quality + (rng.next() - 0.5) * 1.6),
                  care: clamp(quality + 0.2 + (rng.next() - 0.5) * 1.6),
                  punctuality: clamp(quality - (lateBy > 10 || short > 5 ? 1.5 : 0) + (rng.next() - 0.5) * 1.2),
                }
              : null;
            const month = monthOf(ratedAt, family.timeZone);
            const key = `${carerId}|${family.parentId}|${month}`;
            const already = counted.get(key) ?? 0;
            const counts = countsUnderCap(already);
            if (counts) counted.set(key, already + 1);
            const comment = explicit ? rng.pick(comments) : "";
            const withFollowUp = explicit && comment !== "" && rng.chance(0.12);
            const withReply = explicit && comment !== "" && rng.chance(0.3);
            ratingRows.push({
              visitId,
              carerId,
              parentId: family.parentId,
              ratedBy: explicit ? family.userId : null,
              service: service.service,
              asAgreed: stars?.asAgreed ?? null,
              care: stars?.care ?? null,
              punctuality: stars?.punctuality ?? null,
              isDefault: !explicit,
              good: isGood(stars),
              counts,
              month,
              comment,
              followUp: withFollowUp ? rng.pick(followUps) : null,
              followUpBy: withFollowUp ? family.userId : null,
              followUpAt: withFollowUp ? new Date(Math.min(now.getTime(), ratedAt.getTime() + 20 * DAY)) : null,
              reply: withReply ? rng.pick(replies) : null,
              replyAt: withReply ? new Date(Math.min(now.getTime(), ratedAt.getTime() + 2 * DAY)) : null,
              completedAt: checkedOutAt,
              ratedAt,
            });
          }
        }
      }
    }
  }
  // Arrival order matters for the monthly cap: rows were numbered in visit order, which is rating
  // order within one family and carer.

  await db.transaction(async (tx) => {
    await insertRows(tx, conversations, conversationRows);
    await insertRows(tx, offers, offerRows);
    await insertRows(tx, visits, visitRows);
    await insertRows(tx, visitEvents, eventRows);
    await insertRows(tx, ratings, ratingRows);
  });
  // The jobs' own functions: the sums inside today's window, then the peer figures.
  await recomputeScoresOf(db, [...rated], now);
  await db.execute(sql`update carer_scores set review_count = (
    select count(*) from ratings r where r.carer_id = carer_scores.carer_id and not r.is_default)`);
  await refreshPeerFigures(db, now);
  // Each carer's count of visits done, from the visits just written (a carer without a history has
  // none): search cards and profiles agree with the ratings and the punctuality beside them.
  await recountVisitsCompleted(db);
  return ratingRows.length;
}
