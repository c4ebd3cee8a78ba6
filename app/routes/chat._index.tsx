// The inbox: every conversation of the viewer, newest first, with the other person, the parent,
// the last message and unread counts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireFamilyOrCarer } from "~/auth/guards.server";
import { listInbox } from "~/chat/conversations.server";
import { Inbox } from "~/components/chat/inbox";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.messages" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireFamilyOrCarer(request, context);
  return { role: user.role, conversations: await listInbox(context.db, user, new Date()) };
}

export default function InboxRoute() {
  const { role, conversations } = useLoaderData<typeof loader>();
  return <Inbox role={role} conversations={conversations} />;
}
