// GET /chat/:id/stream: the conversation's events over Server-Sent Events. Resumes after
// Last-Event-ID (or ?after=) from the database, so a reconnect misses nothing and repeats nothing.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { topicOf } from "~/chat/conversations.server";
import { requireConversation, stillInConversation } from "~/chat/guards.server";
import {
  asReadBy,
  MESSAGES_PAGE,
  type MessageRow,
  messagesAfter,
  carerSeesHome,
  viewMessage,
} from "~/chat/messages.server";
import { touchPresence } from "~/chat/presence.server";
import { eventStream, lastEventId } from "~/realtime/sse.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireConversation(request, context, params);
  // Only EventSource (which always asks for text/event-stream): a single-fetch data request would
  // try to read the never-ending body as data.
  if (!(request.headers.get("Accept") ?? "").includes("text/event-stream")) {
    return new Response("An event stream: open it with EventSource.", { status: 406 });
  }
  const { id } = access.conversation;
  const viewerId = access.viewer.id;
  const present = () => void touchPresence(context.db, viewerId).catch(() => {});
  const stream = eventStream<MessageRow>({
    hub: context.hub,
    holder: access.viewer.id,
    topics: [topicOf(id)],
    after: lastEventId(request),
    loadKey: `messages:${id}`,
    // Read afresh on each load: a check-out while the stream is open closes the home to the carer.
    load: async (after) => {
      const rows = await messagesAfter(context.db, id, after);
      return asReadBy(context.db, access, rows, await carerSeesHome(context.db, access.conversation, new Date()));
    },
    pageSize: MESSAGES_PAGE,
    render: (row) => ({ id: row.seq, event: "message", data: viewMessage(row, viewerId) }),
    // The other side's receipts and typing; one's own are not echoed back.
    ephemeral: (notice) => {
      if (notice.data?.side === access.side) return null;
      if (notice.kind === "read") return { event: "read", data: { seq: notice.data?.seq ?? 0 } };
      if (notice.kind === "typing") return { event: "typing", data: {} };
      return null;
    },
    allowed: () => stillInConversation(request, context, id),
    signal: context.connectionClosed,
    unsentBytes: context.unsentBytes,
    onHeartbeat: present,
  });
  // Present only on a stream that opened: one refused for too many (429) is not on the page.
  if (stream.status === 200) present();
  return stream;
}
