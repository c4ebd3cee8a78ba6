// POST /chat/new: opens (or reopens) a conversation, from a carer's service (a family member, about
// one of their parents) or from a nearby job (a carer). GET leads to the inbox. It renders nothing, but
// is a page route, not a resource route: a refusal (a job gone, a carer no longer listed, a forged
// form) is the app's error page in the reader's language, not a bare "Not found" (an outside probe).
import { parseWithZod } from "~/http/forms.server";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { requireFamilyOrCarer } from "~/auth/guards.server";
import { openFromRequest, openFromService } from "~/chat/conversations.server";
import { sendCarerFaq } from "~/chat/messages.server";
import { StartConversationSchema } from "~/chat/schemas";
import { badRequest, forbidden, invariantResponse } from "~/http/responses.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { getParentForMember } from "~/parents/parents.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.messages" };

export async function loader() {
  return redirect("/chat");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireFamilyOrCarer(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: StartConversationSchema });
  if (submission.status !== "success") throw badRequest();
  const start = submission.value;
  switch (start.from) {
    case "service": {
      if (user.role !== "family") throw forbidden();
      const parent = await getParentForMember(context.db, user, start.parentId);
      invariantResponse(parent);
      const opened = await openFromService(context.db, parent, start.carerId, start.service, (tx, conversation) =>
        sendCarerFaq(tx, context.hub, conversation, new Date()),
      );
      if (!opened.ok && opened.error === "carer_not_found") throw new Response("Not found", { status: 404 });
      if (!opened.ok)
        return redirectWithToast(context.env, `/carers/${start.carerId}`, {
          kind: "error",
          message: opened.error === "service_not_offered" ? "serviceNotOffered" : "chatBlocked",
        });
      return redirect(`/chat/${opened.id}`);
    }
    case "request": {
      if (user.role !== "carer") throw forbidden();
      const opened = await openFromRequest(context.db, user.id, start.requestId, new Date());
      if (!opened.ok && opened.error === "request_not_found") throw new Response("Not found", { status: 404 });
      if (!opened.ok) {
        return redirectWithToast(context.env, "/carer/jobs", {
          kind: "error",
          message: opened.error === "blocked" ? "chatBlocked" : "requestClosed",
        });
      }
      return redirect(`/chat/${opened.id}${start.offer === "yes" ? "?offer=new#offer" : ""}`);
    }
    default:
      return unreachable(start);
  }
}

/** Never shown: every answer is a redirect, or an error page. */
export default function StartConversation() {
  return null;
}

/** Its own boundary, so that the root's loader still runs: the page is the reader's, in their language. */
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
