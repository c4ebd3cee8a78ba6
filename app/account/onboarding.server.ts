// The carer's onboarding checklist (ADR 021): each step read from the real data, with where it is done.
import { sql } from "drizzle-orm";
import { smsPreferences } from "~db/schema";
import { queryRows, type Database } from "~/db.server";
import type { AccountViewer } from "./settings.server";

export type ChecklistStep = "photo" | "services" | "area" | "availability" | "phone" | "jobTexts" | "listed";

export interface ChecklistItem {
  step: ChecklistStep;
  done: boolean;
  href: string;
}

export interface CarerChecklist {
  items: ChecklistItem[];
  /** null: never asked; otherwise whether new-job texts are on. */
  jobTexts: boolean | null;
  complete: boolean;
  /** Has done visits already: the list is what is left of the profile, not a first job's checklist. */
  experienced: boolean;
  /** When an admin verified the carer's identity (ISO), or null. */
  verifiedAt: string | null;
  /** Has a profile (its first step saved): only then is there a public profile page to link to. */
  hasProfile: boolean;
}

export async function carerChecklist(db: Database, viewer: AccountViewer): Promise<CarerChecklist> {
  const [row] = await queryRows<{
    has_profile: boolean;
    has_photo: boolean;
    services: number;
    windows: number;
    phone_verified: boolean;
    job_texts_answered: boolean;
    job_texts_on: boolean;
    listed: boolean;
    visits: number;
    verified_at: Date | string | null;
  }>(
    db,
    sql`select c.user_id is not null as has_profile,
        coalesce(c.photo_key is not null, false) as has_photo,
        (select count(*)::int from carer_services s where s.carer_id = u.id) as services,
        (select count(*)::int from carer_availability a where a.carer_id = u.id) as windows,
        u.phone_verified_at is not null as phone_verified,
        coalesce(p.job_texts_answered_at is not null, false) as job_texts_answered,
        coalesce(p.opted_in_kinds ? 'nearby_job', false) as job_texts_on,
        coalesce(c.listed, false) and u.deletion_requested_at is null as listed,
        coalesce(c.visits_completed, 0) as visits,
        c.verified_at
      from users u
      left join carers c on c.user_id = u.id
      left join sms_preferences p on p.user_id = u.id
      where u.id = ${viewer.id}`,
  );
  if (!row)
    return { items: [], jobTexts: null, complete: false, experienced: false, verifiedAt: null, hasProfile: false };
  const items: ChecklistItem[] = [
    // Each profile item opens its own step of the form (a carer without a profile is shown the first).
    { step: "area", done: row.has_profile, href: "/carer/profile?step=area" },
    { step: "services", done: row.services > 0, href: "/carer/profile?step=services" },
    { step: "availability", done: row.windows > 0, href: "/carer/profile?step=availability" },
    { step: "photo", done: row.has_photo, href: row.has_profile ? "/carer/profile/photo" : "/carer/profile" },
    // Back to the checklist once verified, where the next step is.
    { step: "phone", done: row.phone_verified, href: "/account/phone?redirectTo=%2Fcarer" },
    { step: "jobTexts", done: row.job_texts_answered, href: "/account/sms" },
    // Listed once a service is offered (carers.server.ts).
    { step: "listed", done: row.listed, href: "/carer/profile?step=services" },
  ];
  return {
    items,
    jobTexts: row.job_texts_answered ? row.job_texts_on : null,
    complete: items.every((i) => i.done),
    experienced: row.visits > 0,
    verifiedAt: row.verified_at === null ? null : new Date(row.verified_at).toISOString(),
    hasProfile: row.has_profile,
  };
}

/** Where a carer goes on after finishing a part of the profile: the first item still to do, or null when all are done. */
export async function nextChecklistStep(
  db: Database,
  viewer: AccountViewer,
): Promise<Pick<ChecklistItem, "step" | "href"> | null> {
  const item = (await carerChecklist(db, viewer)).items.find((i) => !i.done);
  return item ? { step: item.step, href: item.href } : null;
}

/** The carer's answer to "text me new jobs nearby?": turns the opt-in on or off and records the answer. */
export async function answerJobTexts(db: Database, viewer: AccountViewer, on: boolean, now: Date): Promise<void> {
  const kinds = on ? sql`'["nearby_job"]'::jsonb` : sql`'[]'::jsonb`;
  await db
    .insert(smsPreferences)
    .values({ userId: viewer.id, optedInKinds: on ? ["nearby_job"] : [], jobTextsAnsweredAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: smsPreferences.userId,
      set: {
        optedInKinds: sql`(${smsPreferences.optedInKinds} - 'nearby_job') || ${kinds}`,
        jobTextsAnsweredAt: now,
        updatedAt: now,
      },
    });
}
