// GET /visits/:id/stream: the visit's events over Server-Sent Events, for its carer and family. It
// resumes after Last-Event-ID (or ?after=) from visit_events, so a reconnect misses nothing and
// repeats nothing. The carer's position on the way is an ephemeral event that only the family's
// stream sends, read from the database (the notice carries no place), and only until check-in.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventStream, lastEventId, type StreamEvent } from "~/realtime/sse.server";
import { requireVisit, stillSeesVisit } from "~/visits/guards.server";
import { positionForFamily } from "~/visits/taps.server";
import { VISIT_EVENTS_PAGE, type VisitEventRow, visitEventsAfter } from "~/visits/tracking.server";
import { visitTopic } from "~/visits/transitions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireVisit(request, context, params);
  // Only EventSource (which always asks for text/event-stream): a single-fetch data request would
  // try to read the never-ending body as data.
  if (!(request.headers.get("Accept") ?? "").includes("text/event-stream")) {
    return new Response("An event stream: open it with EventSource.", { status: 406 });
  }
  const id = access.visit.id;
  const position = async (): Promise<StreamEvent | null> => {
    const live = await positionForFamily(context.db, access);
    return live ? { event: "position", data: live } : null;
  };
  return eventStream<VisitEventRow>({
    hub: context.hub,
    holder: access.viewer.id,
    topics: [visitTopic(id)],
    // visit_events.id is a bigint counted across every visit.
    after: lastEventId(request, Number.MAX_SAFE_INTEGER),
    loadKey: `visit-events:${id}`,
    load: (after) => visitEventsAfter(context.db, id, after),
    pageSize: VISIT_EVENTS_PAGE,
    render: (row) => ({ id: row.seq, event: "visit", data: row }),
    ephemeral: (notice) => {
      if (notice.kind === "log") return { event: "log", data: {} };
      if (notice.kind === "position") return access.side === "family" ? position() : null;
      return null;
    },
    // After a (re)connect, the family's map starts from where the carer is now.
    initial: async () => {
      if (access.side !== "family") return [];
      const first = await position();
      return first ? [first] : [];
    },
    // Removed from the family, logged out: the live position stops there, not when the page closes.
    allowed: () => stillSeesVisit(request, context, id),
    signal: context.connectionClosed,
    unsentBytes: context.unsentBytes,
  });
}
