// The demo city's admin work: carer Y waiting for verification with the ID check done and the
// background check still to do (with most generated carers also unverified), a reported chat
// message between family A and carer X, and a text that failed, ready to retry. Each admin action
// the seed pretends happened has its audit row, as the app would have written it.
import { auditLog, carerChecks, conversations, messageReports, messages, smsMessages } from "../schema";
import type { Database } from "../client";
import { renderSms } from "../../app/sms/templates";

export interface AdminDemoIds {
  adminId: string;
  familyA: string;
  familyB: string;
  carerX: string;
  carerY: string;
  familyAParent: string;
}

/** The demo accounts' ids by email (demo-city.ts), as this seed needs them. */
export function adminDemoIds(byEmail: Record<string, string>, familyAParent: string): AdminDemoIds {
  return {
    adminId: byEmail["admin@kinvisit.test"]!,
    familyA: byEmail["family.a@kinvisit.test"]!,
    familyB: byEmail["family.b@kinvisit.test"]!,
    carerX: byEmail["carer.x@kinvisit.test"]!,
    carerY: byEmail["carer.y@kinvisit.test"]!,
    familyAParent,
  };
}

const DAY = 86_400_000;

export async function seedAdminDemo(db: Database, ids: AdminDemoIds, now: Date): Promise<void> {
  const day = (offset: number) => new Date(now.getTime() + offset * DAY);
  await db.transaction(async (tx) => {
    // Carer Y: ID checked three days ago; the background check is what the queue waits for.
    const checkedOn = day(-3).toISOString().slice(0, 10);
    await tx.insert(carerChecks).values({
      carerId: ids.carerY,
      kind: "id",
      checkedOn,
      note: "Resident ID card seen on a video call",
      checkedBy: ids.adminId,
      createdAt: day(-3),
    });
    await tx.insert(auditLog).values({
      actorId: ids.adminId,
      actorRole: "admin",
      action: "carer.check",
      subjectType: "carer",
      subjectId: ids.carerY,
      reason: "Resident ID card seen on a video call",
      data: { kind: "id", checkedOn, verified: false },
      at: day(-3),
    });

    // A conversation of family A with carer Y (X's is the ratings seed's), one message of which family A reported.
    const sentAt = (seq: number) => day(-2 + seq * 0.3);
    const [conversation] = await tx
      .insert(conversations)
      .values({
        familyUserId: ids.familyA,
        carerId: ids.carerY,
        parentId: ids.familyAParent,
        contextKind: "service",
        contextService: "companionship",
        lastSeq: 3,
        // The inbox shows this as the last message's time.
        lastMessageAt: sentAt(3),
        firstFamilyMessageAt: day(-2),
        firstCarerReplyAt: day(-2),
        carerUnread: 0,
        familyUnread: 0,
        familyReadSeq: 3,
        carerReadSeq: 3,
        createdAt: day(-2),
      })
      .returning({ id: conversations.id });
    const texts = [
      { seq: 1, senderId: ids.familyA, body: "Hello! Could you visit my mother on Saturday mornings?" },
      { seq: 2, senderId: ids.carerY, body: "Yes, I can. I know her neighbourhood well." },
      {
        seq: 3,
        senderId: ids.carerY,
        body: "It is cheaper if you pay me directly, WeChat kv_fang88, and skip the app.",
        maskedBody: "It is cheaper if you pay me directly, WeChat ***, and skip the app.",
      },
    ];
    const inserted = await tx
      .insert(messages)
      .values(
        texts.map((m) => ({
          conversationId: conversation!.id,
          seq: m.seq,
          senderId: m.senderId,
          kind: "text" as const,
          body: m.body,
          maskedBody: m.maskedBody ?? null,
          createdAt: sentAt(m.seq),
        })),
      )
      .returning({ id: messages.id, seq: messages.seq });
    await tx.insert(messageReports).values({
      messageId: inserted.find((m) => m.seq === 3)!.id,
      conversationId: conversation!.id,
      reporterId: ids.familyA,
      reason: "contact_outside",
      note: "Asked us to pay outside Kinvisit.",
      createdAt: day(-1),
    });

    // A visit confirmation to family B that the carrier could not deliver.
    const params = {
      visitId: "00000000-0000-4000-8000-000000000000",
      carerName: "王芳 Wang Fang",
      parentName: "陈德华",
    };
    const rendered = renderSms(
      "visit_confirmed",
      "zh-CN",
      { ...params, when: "12月6日 10:00" },
      "http://localhost:3000",
      now,
    );
    await tx.insert(smsMessages).values({
      idempotencyKey: "demo:failed-visit-confirmed",
      userId: ids.familyB,
      toPhone: "+8613800138002",
      kind: "visit_confirmed",
      locale: "zh-CN",
      params: { ...params, when: "12月6日 10:00" },
      body: rendered.body,
      segments: rendered.segments,
      encoding: rendered.encoding,
      urgent: false,
      status: "failed",
      statusRank: 4,
      errorCode: "30003",
      errorMessage: "Unreachable destination handset",
      attempts: 1,
      sendAfter: day(-1),
      attemptStartedAt: day(-1),
      createdAt: day(-1),
      updatedAt: day(-1),
    });
  });
}
