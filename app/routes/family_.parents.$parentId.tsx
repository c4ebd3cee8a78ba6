// Layout of every page about one parent: the guard and the parent are loaded once per request
// (requireMemberParent), and the pages share a header with their navigation. Its action takes the
// overview's buttons (invite, remove, withdraw a link, cancel a request), posted to the parent's URL.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useActionData, useLoaderData } from "@remix-run/react";
import type { ParentActionOutcome } from "~/components/parents/parent-members";
import { ParentNav } from "~/components/parents/parent-nav";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { invariantResponse } from "~/http/responses.server";
import { oncePerSubmission } from "~/http/once.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireMemberParent } from "~/parents/guards.server";
import { requireFamily } from "~/auth/guards.server";
import { createInvitation, revokeInvitation } from "~/parents/invitations.server";
import { removeMember } from "~/parents/parents.server";
import { ParentActionSchema } from "~/parents/schemas";
import { closeVisitRequest } from "~/visit-requests/visit-requests.server";
import { refusalOf } from "~/components/ui/refusal";
import { revalidateWhenStale } from "~/http/revalidate";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  return { parent: { id: parent.id, name: parent.name } };
}

const REMOVE_ERRORS = {
  not_owner: "parents.notOwner",
  not_member: "parents.notMember",
  last_owner: "parents.lastOwner",
} as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params).catch(async (error: unknown) => {
    // "Leave" sent again (its answer lost, a second tap): the first took effect, so this one is no
    // member's any more. It gets the first one's way out, not a 404 page (an outside probe). Said the
    // same for any parent id: it tells nothing of a parent this person does not share.
    if (error instanceof Response && error.status === 404) {
      const user = await requireFamily(request, context);
      const posted = await readFormData(request).catch(() => null);
      if (posted?.get("intent") === "remove" && posted.get("userId") === user.id) {
        throw await redirectWithToast(context.env, "/family", { message: "leftParentAgain" });
      }
    }
    throw error;
  });
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: ParentActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const here = `/family/parents/${parent.id}`;
  const command = submission.value;
  switch (command.intent) {
    case "invite": {
      const result = await createInvitation(context.db, parent, command.submissionKey);
      if (!result.ok && result.error === "already_used") {
        return invalid(submission, { formErrors: ["parents.inviteUsed"], status: 409 });
      }
      if (!result.ok) return invalid(submission, { formErrors: ["parents.notOwner"], status: 403 });
      // The token is shown once, on this answer: it is not stored and cannot travel in a redirect.
      return { inviteUrl: `${context.env.PUBLIC_URL}/invitations/${result.token}` };
    }
    case "revoke-invite": {
      // An invitation not this parent's, used or gone, is not found (it said "withdrawn" to any id; an
      // outside probe). The same form posted twice, a double tap, gets the first post's answer.
      const done = await oncePerSubmission<"not_owner" | "not_found">(
        context.db,
        parent.viewer.id,
        form,
        async (tx) => {
          const result = await revokeInvitation(tx, parent, command.invitationId);
          return result.ok ? { redirectTo: here } : { failure: result.error };
        },
      );
      // Said beside the list, with 404: a sibling may have accepted the link since the page was shown.
      if ("failure" in done && done.failure === "not_found") {
        return invalid(submission, { formErrors: ["parents.invitationGone"], status: 404 });
      }
      if ("failure" in done) return invalid(submission, { formErrors: ["parents.notOwner"], status: 403 });
      return redirectWithToast(context.env, done.redirectTo, { message: "invitationWithdrawn" });
    }
    case "cancel-request": {
      const closed = await closeVisitRequest(context.db, parent, command.requestId);
      // Another parent's request (or none) is not found here, as it is everywhere else.
      invariantResponse(closed);
      // Booked meanwhile (another tab, another of the family): the page comes back as it is now, with
      // the visit, and says so; never "cancelled" over a visit that stands (an outside probe).
      return redirectWithToast(
        context.env,
        here,
        closed === "booked" ? { message: "requestBooked", kind: "error" } : { message: "requestCancelled" },
      );
    }
    case "remove": {
      const result = await removeMember(context.db, parent, command.userId, context.logger);
      // Removed already (the same post sent again, or a sibling's tap): done, as the first answer said.
      if (!result.ok && result.error === "not_member") {
        return redirectWithToast(context.env, here, { message: "memberRemoved" });
      }
      if (!result.ok) {
        return invalid(submission, { formErrors: [REMOVE_ERRORS[result.error]], status: 403 });
      }
      // Whoever left sees the parent no more: they go back to their own list.
      if (command.userId === parent.viewer.id) {
        return redirectWithToast(context.env, "/family", { message: "leftParent", values: { name: parent.name } });
      }
      return redirectWithToast(context.env, here, { message: "memberRemoved" });
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function ParentLayout() {
  const { parent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome: ParentActionOutcome = {
    inviteUrl: actionData && "inviteUrl" in actionData ? actionData.inviteUrl : null,
    errors: actionData && "error" in actionData ? refusalOf(actionData) : undefined,
  };
  return (
    <div className="stack">
      <ParentNav parent={parent} />
      <Outlet context={outcome} />
    </div>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
