// A parent's overview for the family: details, visit requests, and who shares the parent. Its
// buttons post to the layout's action (the parent's URL), whose answer comes through the outlet.
import { requireFamily } from "~/auth/guards.server";
import { formatDate, formatTimeZone, inBrackets } from "~/i18n/formatters";
import { detectLocale } from "~/i18n/i18n.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useOutletContext } from "@remix-run/react";
import { lazyIsland } from "~/components/ui/lazy-island";
import { ParentDetails } from "~/components/parents/parent-details";
import type { ParentActionOutcome } from "~/components/parents/parent-members";
import { newSubmissionKey } from "~/http/once.server";
import { requireMemberParent } from "~/parents/guards.server";
import { listPendingInvitations } from "~/parents/invitations.server";
import { listMembers } from "~/parents/parents.server";
import { listRequestsForParent } from "~/visit-requests/visit-requests.server";
import { answersByRequest } from "~/chat/conversations.server";
import { ParentVisits } from "~/components/parents/parent-visits";
import { visitsForParent } from "~/visits/visits.server";
import { ParentChecksCard } from "~/components/parents/parent-checks-card";
import { parentCheckSettings } from "~/parents/parent-checks.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

type VisitOfParent = Awaited<ReturnType<typeof visitsForParent>>["upcoming"][number];

export const handle: PageHandle = { title: "titles.parent" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const reader = await requireFamily(request, context);
  const now = new Date();
  // When each visit starts, on the parent's clock, written here in the reader's language (a language
  // change reads the page again), with the zone named for a reader in another one (a careless-client
  // probe), as the dashboard writes it; the page's script, with no bytes to spare, only shows it.
  const lang = detectLocale(request, reader.locale);
  const zoneNamed = reader.timeZone === parent.timeZone ? "" : inBrackets(lang, formatTimeZone(lang, parent.timeZone));
  const visitRow = (v: VisitOfParent) => ({
    id: v.id,
    status: v.status,
    service: v.service,
    carerName: v.carerName,
    when: `${formatDate(lang, v.startsAt, { now, timeZone: parent.timeZone, time: true })}${zoneNamed}`,
  });
  const [members, requests, invitations, answers, visits] = await Promise.all([
    listMembers(context.db, parent),
    listRequestsForParent(context.db, parent),
    listPendingInvitations(context.db, parent),
    answersByRequest(context.db, parent),
    visitsForParent(context.db, parent),
  ]);
  return {
    me: parent.viewer.id,
    parent: {
      id: parent.id,
      name: parent.name,
      birthYear: parent.birthYear,
      address: parent.address,
      phone: parent.phone,
      lat: parent.lat,
      lng: parent.lng,
      timeZone: parent.timeZone,
      languages: parent.languages,
      needs: parent.needs,
      interests: parent.interests,
      emergencyContacts: parent.emergencyContacts,
      accessNotes: parent.accessNotes,
      visitGoalVisits: parent.visitGoalVisits,
      visitGoalMinutes: parent.visitGoalMinutes,
      memberRole: parent.memberRole,
    },
    members,
    requests,
    answers,
    visits: {
      upcoming: visits.upcoming.map(visitRow),
      past: visits.past.map(visitRow),
    },
    invitations,
    checks: parentCheckSettings(parent),
    submissionKey: newSubmissionKey(),
    now: now.toISOString(),
  };
}

// Sharing the parent (members, invitation links) is below the fold and seldom used: its code loads
// while the page hydrates instead of before. The server renders it whole either way.
// The open requests (below the details and visits) load the same way.
const ParentRequests = lazyIsland(() => import("~/components/parents/parent-requests").then((m) => m.ParentRequests));
const ParentMembers = lazyIsland(() => import("~/components/parents/parent-members").then((m) => m.ParentMembers));

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function ParentPage() {
  const { parent, members, requests, answers, visits, invitations, checks, me, submissionKey, now } =
    useLoaderData<typeof loader>();
  const { inviteUrl, errors } = useOutletContext<ParentActionOutcome>();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{parent.name}</h1>
      <ParentDetails parent={parent} />
      <ParentVisits visits={visits} />
      <ParentChecksCard parent={parent} checks={checks} />
      <ParentRequests requests={requests} answers={answers} action={`/family/parents/${parent.id}`} now={now} />
      <ParentMembers
        parent={parent}
        me={me}
        members={members}
        invitations={invitations}
        submissionKey={submissionKey}
        inviteUrl={inviteUrl}
        errors={errors}
      />
    </section>
  );
}
