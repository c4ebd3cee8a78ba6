// One conversation: messages (live over SSE, a plain form without JavaScript), the context card,
// offers with their answers, quick phrases, read receipts, report and block.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import { withActionHeaders } from "~/http/action-headers";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { blockState, conversationHeader, markRead, setBlocked } from "~/chat/conversations.server";
import { requireFamilyOrCarer } from "~/auth/guards.server";
import { requireConversation } from "~/chat/guards.server";
import {
  asReadBy,
  carerSeesHome,
  recentMessages,
  type SendResult,
  sendText,
  viewMessage,
} from "~/chat/messages.server";
import { acceptOffer, closeOffer, offersOf, parentZone, type SendOfferResult, sendOffer } from "~/chat/offers.server";
import { CHAT_PACE_WINDOW_SECONDS, withinChatPace } from "~/chat/pace.server";
import { reportMessage } from "~/chat/reports.server";
import { defaultsFromOffer, defaultsFromRequest, defaultsFromService } from "~/chat/offer-defaults";
import { ChatActionSchema, chatActionSchemaAt } from "~/chat/schemas";
import { ChatPage, type ChatActionData } from "~/components/chat/chat-page";
import { readFormData, refusedReply, unreachable } from "~/http/forms.server";
import { newSubmissionKey, oncePerSubmission } from "~/http/once.server";
import { positiveSeqNumber, queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import type { Database } from "~/db.server";
import { z } from "zod";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.conversation" };

/** ?before= pages back through older messages; ?counter= prefills the offer form from an offer. Bad values are ignored. */
const ChatQuery = z.object({
  before: positiveSeqNumber.optional().catch(undefined),
  counter: z.uuid().optional().catch(undefined),
});

const OFFER_ERRORS = {
  blocked: "chat.errors.blocked",
  family_left: "chat.errors.familyLeft",
  offer_not_found: "chat.errors.offerClosed",
  own_offer: "chat.errors.ownOffer",
  not_yours: "chat.errors.notYours",
  offer_expired: "chat.errors.offerExpired",
  offer_closed: "chat.errors.offerClosed",
  carer_busy: "chat.errors.carerBusy",
  parent_busy: "chat.errors.parentBusy",
  offer_changed: "chat.errors.offerChanged",
  too_fast: "chat.errors.tooFast",
} as const;
/** A refusal's status: too many in a minute is 429, so a client can tell it from a closed door. */
const refusalStatus = (error: keyof typeof OFFER_ERRORS, otherwise: number) => (error === "too_fast" ? 429 : otherwise);

/** Where a send led, or why it was refused: the shape oncePerSubmission keeps. */
type Sent<F> = { redirectTo: string } | { failure: F };

// A refusal over the pace carries Retry-After on the document response too.
export const headers = withActionHeaders;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireConversation(request, context, params);
  const now = new Date();
  const { before, counter: counterId } = ChatQuery.parse(queryOf(request));
  const [header, stored, carerSees, block] = await Promise.all([
    conversationHeader(context.db, access),
    recentMessages(context.db, access.conversation.id, before),
    carerSeesHome(context.db, access.conversation, now),
    blockState(context.db, access),
  ]);
  const seesHome = access.side === "family" || carerSees;
  // What the family wrote reads masked to a carer outside their access to the home, and the family is
  // told so (asReadBy).
  const [rows, offers] = await Promise.all([
    asReadBy(context.db, access, stored, carerSees),
    offersOf(context.db, access, now, seesHome),
  ]);
  // Opening the conversation reads it: the receipt moves and the badge goes down. Not when another
  // site linked here (Sec-Fetch-Site: cross-site): a GET it causes changes nothing (ADR 004), or any
  // page could clear the badge and show "Seen" to the other side. The page, once shown, sends the
  // receipt itself, a same-origin POST (use-chat-stream.ts).
  const lastSeq = access.conversation.lastSeq;
  let readSeq = access.side === "family" ? access.conversation.familyReadSeq : access.conversation.carerReadSeq;
  // What this read took off the badge: the header's count was read with the session, before it.
  let clearedUnread = 0;
  if (!before && lastSeq > readSeq && request.headers.get("Sec-Fetch-Site") !== "cross-site") {
    await markRead(context.db, context.hub, access, lastSeq);
    readSeq = lastSeq;
    clearedUnread = access.side === "family" ? access.conversation.familyUnread : access.conversation.carerUnread;
  }
  const c = access.conversation;
  const counter = counterId ? Object.values(offers).find((o) => o.id === counterId) : undefined;
  const ctx = header.context;
  // This side's offer still open: a new one replaces it, so the form starts from its terms (a form
  // come back to, say by the back button, no longer starts from the request's and undercuts it).
  const ownOpen = Object.values(offers).find((o) => o.mine && o.state === "open");
  const offerDefaults = counter
    ? defaultsFromOffer(counter)
    : ownOpen
      ? defaultsFromOffer(ownOpen)
      : ctx.kind === "request"
        ? defaultsFromRequest(
            {
              ...ctx.schedule,
              service: ctx.service,
              durationMinutes: ctx.durationMinutes,
              budgetCents: ctx.budgetCents,
            },
            now,
          )
        : defaultsFromService(ctx.service, ctx.priceCents, ctx.minMinutes);
  return {
    offerDefaults,
    // The offer the form answers or replaces, if any: a newer one by the time it is sent refuses it.
    openOfferId: Object.values(offers).find((o) => o.state === "open")?.id ?? "none",
    replacesOwnOffer: !counter && Boolean(ownOpen),
    // The family's budget, posted with the request: the offer starts at it, not at the carer's rate
    // for the times ("Offer to help" quoted half a ¥120 budget at ¥60 an hour: a new-user walk).
    priceFromBudget: !counter && !ownOpen && ctx.kind === "request" && ctx.budgetCents !== null,
    id: c.id,
    side: access.side,
    header,
    messages: rows.map((r) => viewMessage(r, access.viewer.id)),
    hasEarlier: (rows[0]?.seq ?? 1) > 1,
    lastSeq,
    readSeq,
    clearedUnread,
    otherReadSeq: access.side === "family" ? c.carerReadSeq : c.familyReadSeq,
    offers,
    block,
    booked: c.bookedAt !== null,
    // One per form that creates something: a quick phrase tapped while a message is being written
    // must not use up the composer's key.
    submissionKeys: { message: newSubmissionKey(), quickPhrase: newSubmissionKey(), offer: newSubmissionKey() },
    /** The offer form's date rules check in the browser by this clock (server-clock.ts). */
    serverTime: new Date().toISOString(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireConversation(request, context, params);
  const form = await readFormData(request);
  // An offer is read with the rules of its times, which need the parent's zone, so that one answer lists
  // every problem: a past date beside an end before the start, as the browser's check does. Read only
  // when the rest was refused, a page without JavaScript heard of the end alone, then of the date
  // (an outside probe). sendOffer checks the times again as it sends.
  const now = new Date();
  const submission =
    form.get("intent") === "offer"
      ? parseWithZod(form, {
          schema: chatActionSchemaAt(await parentZone(context.db, access.conversation.parentId), () => now),
        })
      : parseWithZod(form, { schema: ChatActionSchema });
  const here = `/chat/${access.conversation.id}`;
  if (submission.status !== "success") {
    // A refused hidden field (the offer the form was drawn under) says "reload" at the form's top.
    return data({ result: refusedReply(submission), clashes: null } satisfies ChatActionData, { status: 400 });
  }
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const command = submission.value;
  // Over the pace (429), Retry-After gives the longest wait: the pace counts by the minute.
  const refuse = (error: string, status = 400) =>
    data({ result: submission.reply({ formErrors: [error] }), clashes: null } satisfies ChatActionData, {
      status,
      headers: status === 429 ? { "Retry-After": String(CHAT_PACE_WINDOW_SECONDS) } : undefined,
    });
  switch (command.intent) {
    case "send": {
      const send = async (db: Database): Promise<Sent<Extract<SendResult, { ok: false }>["error"]>> => {
        const sent = await sendText(db, effects, access, command.body);
        return sent.ok ? { redirectTo: `${here}#m${sent.seq}` } : { failure: sent.error };
      };
      // A double tap or a retried post carries the form's key: the message is stored once, and the
      // repeat goes where the first went. A post without a key (a page from before keys) still sends.
      const done = await oncePerSubmission(context.db, access.viewer.id, form, send);
      if ("failure" in done) return refuse(OFFER_ERRORS[done.failure], refusalStatus(done.failure, 403));
      return redirect(done.redirectTo);
    }
    case "offer": {
      const send = async (db: Database): Promise<Sent<Exclude<SendOfferResult, { ok: true }>>> => {
        const sent = await sendOffer(db, effects, access, command);
        // To the card just sent, as a message goes to itself: the sender checks its terms there.
        return sent.ok ? { redirectTo: `${here}#m${sent.seq}` } : { failure: sent };
      };
      // As for a message: sent twice, an offer would supersede its own twin and post two cards.
      const done = await oncePerSubmission(context.db, access.viewer.id, form, send);
      if (!("failure" in done)) return redirectWithToast(context.env, done.redirectTo, { message: "offerSent" });
      const sent = done.failure;
      if ("problem" in sent) {
        return data(
          {
            result: submission.reply({ fieldErrors: { [sent.problem.field]: [sent.problem.error] } }),
            clashes: null,
          } satisfies ChatActionData,
          { status: 400 },
        );
      }
      if ("clashes" in sent) {
        return data({ result: submission.reply(), clashes: sent.clashes } satisfies ChatActionData, { status: 409 });
      }
      return refuse(OFFER_ERRORS[sent.error], sent.error === "offer_changed" ? 409 : refusalStatus(sent.error, 403));
    }
    case "accept": {
      const accepted = await acceptOffer(context.db, effects, access, command.offerId, {
        overlapConfirmed: command.overlapConfirmed === "on",
      });
      if (accepted.ok) {
        const first = accepted.visitIds[0];
        // The texts go to verified numbers only: someone without one is told how to get them.
        const user = await requireFamilyOrCarer(request, context);
        return redirectWithToast(context.env, first ? `/visits/${first}` : here, {
          message: user.phoneVerifiedAt ? "visitBooked" : "visitBookedVerify",
        });
      }
      if ("clashes" in accepted) {
        return data({ result: submission.reply(), clashes: accepted.clashes } satisfies ChatActionData, {
          status: 409,
        });
      }
      return refuse(OFFER_ERRORS[accepted.error], accepted.error === "own_offer" ? 403 : 409);
    }
    case "decline":
    case "withdraw": {
      const how = command.intent === "decline" ? "declined" : "withdrawn";
      const closed = await closeOffer(context.db, effects, access, command.offerId, how);
      if (!closed.ok) return refuse(OFFER_ERRORS[closed.error], 409);
      return redirectWithToast(context.env, here, { message: how === "declined" ? "offerDeclined" : "offerWithdrawn" });
    }
    case "read": {
      const read = await markRead(context.db, context.hub, access, command.seq);
      return { result: null, clashes: null, read } satisfies ChatActionData;
    }
    case "typing": {
      // Over the pace, the ping is dropped without a word: the composer sends them on its own.
      if (await withinChatPace(context.db, context.env, access.viewer.id, "typing")) {
        await context.hub.notify(context.db, {
          topic: `conversation:${access.conversation.id}`,
          seq: 0,
          kind: "typing",
          data: { side: access.side },
        });
      }
      return { result: null, clashes: null } satisfies ChatActionData;
    }
    case "report": {
      const reported = await reportMessage(context.db, access, command);
      if (reported === "not_found") return refuse("chat.errors.messageNotFound", 404);
      if (reported === "own") return refuse("chat.errors.notReportable", 403);
      return redirectWithToast(context.env, here, { message: "messageReported" });
    }
    case "block":
    case "unblock": {
      await setBlocked(context.db, access, command.intent === "block");
      return redirectWithToast(context.env, here, { message: command.intent === "block" ? "blocked" : "unblocked" });
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function ConversationRoute() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ChatPage data={loaderData} actionData={actionData ?? null} />;
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
