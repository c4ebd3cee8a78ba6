// The conversation page: header and context card, the thread (live), the composer with quick
// phrases, and the offer form. Everything posts as a plain form, so it works without JavaScript.
import { RatingLine, VerifiedBadge } from "~/components/carers/carer-badges";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { useServerTime } from "../ui/server-clock";
import { lazyIsland } from "~/components/ui/lazy-island";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import type { Clash, OfferView } from "~/chat/offers.server";
import type { ViewedMessage } from "~/chat/messages.server";
import { MESSAGE_MAX } from "~/chat/limits";
import { SUBMISSION_KEY_FIELD } from "~/http/submission-key";
import { ErrorList } from "../ui/field";
import { refocus } from "../ui/refocus";
import { SubmissionKeyInput } from "../ui/submission-key-input";
import { ContextCard, type ContextCardData } from "./context-card";
import { MessageItem } from "./message-item";
import type { OfferDefaults } from "./offer-form";
import type { ServiceKind } from "~db/catalogue";
import { postQuietly } from "~/http/post-quietly";
import { useChatStream } from "./use-chat-stream";
import { refusalOf } from "~/components/ui/refusal";

// The offer form (and its browser-side checks) loads while the page hydrates, not before it: the server
// renders it whole inside its closed <details>, and the page's own JavaScript stays within its budget
// (scripts/build/budgets.ts), as the search page's filters do.
/** From here on the composer shows its count. */
const NEAR_FULL = MESSAGE_MAX * 0.9;

const OfferForm = lazyIsland(() => import("./offer-form").then((m) => m.OfferForm));

export interface ChatActionData {
  result: SubmissionResult<string[]> | null;
  clashes: Clash[] | null;
  read?: number;
}

export interface ChatPageData {
  id: string;
  side: "family" | "carer";
  header: {
    otherName: string;
    carerName: string;
    parentName: string;
    timeZone: string;
    /** The carer's area plainly misses the parent's home: how far it is (rounded), and the area's radius. */
    outsideArea: { distanceKm: number; radiusKm: number } | null;
    quickPhrases: string[];
    context: ContextCardData;
    rates: Partial<Record<ServiceKind, number>>;
    /** For the family only: who the carer is, with the way to their profile. */
    carer: { id: string; verifiedAt: string | null; ratingScore: number | null; visitsCompleted: number } | null;
  };
  messages: ViewedMessage[];
  hasEarlier: boolean;
  lastSeq: number;
  /** How far the viewer had read when the page was made (the loader may not have moved it). */
  readSeq: number;
  otherReadSeq: number;
  offers: Record<string, OfferView>;
  block: { iBlocked: boolean; blockedMe: boolean; suspended: boolean; familyLeft: boolean };
  offerDefaults: OfferDefaults;
  priceFromBudget: boolean;
  /** The sender has an offer open in this chat, which the form's would replace. */
  replacesOwnOffer: boolean;
  /** The conversation's open offer as this page read it, or "none" (the offer form's `replaces`). */
  openOfferId: string;
  /** The keys that make each form's post take effect once (app/http/once.server.ts). */
  submissionKeys: { message: string; quickPhrase: string; offer: string };
  /** The server's time when the data was read: the offer form's clock (server-clock.ts). */
  serverTime: string;
}

export function ChatPage({ data, actionData }: { data: ChatPageData; actionData: ChatActionData | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const lastTyping = useRef(0);
  const { messages, otherReadSeq, typing, connected } = useChatStream(
    data.id,
    data.messages,
    data.lastSeq,
    data.otherReadSeq,
    data.readSeq,
  );
  const { header } = data;
  useServerTime(data.serverTime);
  const blocked = data.block.iBlocked || data.block.blockedMe || data.block.suspended || data.block.familyLeft;
  const counterId = params.get("counter");
  const counter = counterId ? data.offers[counterId] : undefined;
  const offerOpen = Boolean(params.get("offer") || counter || isOfferResult(actionData));
  const offerResult = isOfferResult(actionData) ? actionData : null;
  // Each offer this person sends starts a fresh, closed form: left open and filled in, the one just
  // sent read as not sent, and sending it again would replace the first.
  const sentOffers = Object.values(data.offers).filter((o) => o.mine).length;
  // The lazy form takes an update only when these change (lazy-island.tsx): the thread's live updates
  // re-render this page while the form may still be hydrating.
  const offerForm = (
    <OfferForm
      key={`${counterId ?? "new"}:${sentOffers}`}
      defaults={data.offerDefaults}
      timeZone={header.timeZone}
      lastResult={offerResult?.result ?? null}
      clashes={offerResult?.clashes ?? null}
      counter={Boolean(counter)}
      replacesOwnOffer={data.replacesOwnOffer}
      // A counter answers the offer it counters: refused if that one is no longer the open one.
      openOfferId={counter ? counter.id : data.openOfferId}
      priceFromBudget={data.priceFromBudget}
      submissionKey={data.submissionKeys.offer}
      rates={header.rates}
    />
  );
  const lastOwn = [...messages].reverse().find((m) => m.own && m.kind === "text");
  // A refused answer to an offer is said on its card, a refused report under its message; the rest,
  // and one whose message is not on the page, under the composer (a stale Accept read there).
  const refusedAt = messages.find((m) => refusalBelongsTo(actionData, m))?.seq;
  const composerErrors = !isOfferResult(actionData) && refusedAt === undefined ? actionData?.result?.error : undefined;
  const composerRefusal = refusalOf({ error: composerErrors }, ["body"]);
  const composerProblems =
    composerRefusal || composerErrors?.body ? [...(composerRefusal ?? []), ...(composerErrors?.body ?? [])] : undefined;
  const composer = useRef<HTMLFormElement>(null);
  useEmptiedAfterSend(composer, data.submissionKeys.message, Boolean(composerErrors));
  // Near the limit, the box says how much it holds: the browser cuts a longer paste without a word.
  // Below it, a keystroke leaves the state as it was, so the thread is not rendered again per letter.
  const [typed, setTyped] = useState(0);
  const onType = (event: FormEvent<HTMLTextAreaElement>) => {
    const length = event.currentTarget.value.length;
    setTyped((was) => (length >= NEAR_FULL || was >= NEAR_FULL ? length : was));
    // The composer emptied after a send says so with an event of its own: nobody typed.
    if (!event.nativeEvent.isTrusted) return;
    const now = Date.now();
    if (now - lastTyping.current < 3000) return;
    lastTyping.current = now;
    void postQuietly(`/chat/${data.id}`, { intent: "typing" });
  };
  const nearFull = typed >= NEAR_FULL;
  const full = typed >= MESSAGE_MAX;
  return (
    <section className="chat stack" aria-labelledby="chat-title">
      <header className="chat__header">
        <p>
          <Link to="/chat" className="link-target">
            ← {t("chat.back")}
          </Link>
        </p>
        <h1 id="chat-title">{header.otherName}</h1>
        {header.carer && (
          <p className="chat__carer">
            <VerifiedBadge verifiedAt={header.carer.verifiedAt} />
            {" · "}
            <RatingLine score={header.carer.ratingScore} visits={header.carer.visitsCompleted} />
            {/* A suspended carer's profile is gone (a 404). */}
            {!data.block.suspended && (
              <>
                {" · "}
                <Link to={`/carers/${header.carer.id}`} className="link-target">
                  {t("chat.carerProfile")}
                </Link>
              </>
            )}
          </p>
        )}
        <p className="muted">{t("chat.about", { parent: header.parentName })}</p>
        {header.outsideArea && (
          <p className="notice">
            {data.side === "carer"
              ? t("chat.outsideAreaCarer", {
                  parent: header.parentName,
                  km: header.outsideArea.distanceKm,
                  radius: header.outsideArea.radiusKm,
                })
              : t("chat.outsideAreaFamily", {
                  parent: header.parentName,
                  carer: header.carerName,
                  km: header.outsideArea.distanceKm,
                  radius: header.outsideArea.radiusKm,
                })}
          </p>
        )}
        {/* The thread's times are the reader's (ADR 023); said when the parent's clock reads otherwise,
            beside offers whose times are the parent's (found on a walk: a reader took them for one). */}
        {format.readerZone !== header.timeZone && (
          <p className="muted">{t("chat.messageTimesIn", { zone: format.zone(format.readerZone) })}</p>
        )}
        <ContextCard context={header.context} />
      </header>
      {!connected && <p className="muted">{t("chat.liveOff")}</p>}
      {data.hasEarlier && (
        <p>
          <Link to={`?before=${data.messages[0]?.seq ?? 0}`}>{t("chat.earlier")}</Link>
        </p>
      )}
      <ol className="thread" aria-live="polite" aria-label={t("chat.thread")}>
        {messages.map((m) => (
          <MessageItem
            key={m.seq}
            side={data.side}
            message={m}
            offer={m.offerId ? data.offers[m.offerId] : undefined}
            otherName={header.otherName}
            timeZone={format.readerZone}
            seen={m === lastOwn && otherReadSeq >= m.seq}
            clashes={
              !isOfferResult(actionData) && actionData?.result?.initialValue?.offerId === m.offerId
                ? (actionData?.clashes ?? null)
                : null
            }
            closed={blocked}
            refusal={
              m.seq === refusedAt
                ? Object.values(actionData?.result?.error ?? {})
                    .flat()
                    .filter(isText)
                : undefined
            }
          />
        ))}
      </ol>
      {typing && <p className="muted typing">{t("chat.typing", { name: header.otherName })}</p>}
      {blocked ? (
        <p className="form-alert" role="status">
          {data.block.familyLeft
            ? t("chat.familyLeft", { name: header.otherName, parent: header.parentName })
            : data.block.suspended
              ? t("chat.suspended", { name: header.otherName })
              : data.block.iBlocked
                ? t("chat.blockedByMe", { name: header.otherName })
                : t("chat.blockedMe")}
        </p>
      ) : (
        // noValidate: an empty message gets the app's own words, next to the box, not the browser's
        // bubble in the browser's language (`required` still tells assistive technology).
        <Form method="post" className="composer card stack" replace ref={composer} noValidate>
          <input type="hidden" name="intent" value="send" />
          <SubmissionKeyInput value={data.submissionKeys.message} />
          <ErrorList id="chat-body-error" errors={composerProblems} />
          <label htmlFor="chat-body" className="visually-hidden">
            {t("chat.message")}
          </label>
          <textarea
            id="chat-body"
            name="body"
            rows={2}
            maxLength={MESSAGE_MAX}
            required
            aria-invalid={composerProblems ? true : undefined}
            aria-describedby={
              [composerProblems && "chat-body-error", nearFull && "chat-body-counter"].filter(Boolean).join(" ") ||
              undefined
            }
            placeholder={t("chat.placeholder")}
            onInput={onType}
          />
          {nearFull && (
            <p
              id="chat-body-counter"
              className={`field-counter${full ? " field-counter--full" : ""}`}
              aria-live="polite"
            >
              {t("phoneUx.counter", { n: typed, max: MESSAGE_MAX })}
              {full ? ` · ${t("phoneUx.counterFull")}` : ""}
            </p>
          )}
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("chat.send")}
          </button>
        </Form>
      )}
      {!blocked && header.quickPhrases.length > 0 && (
        // A form of its own: one tap sends the phrase, with or without JavaScript.
        <Form method="post" replace className="quick-phrases" aria-label={t("chat.quickPhrases")}>
          <input type="hidden" name="intent" value="send" />
          <SubmissionKeyInput value={data.submissionKeys.quickPhrase} />
          {header.quickPhrases.map((phrase) => (
            <button key={phrase} type="submit" name="body" value={phrase} className="chip">
              {phrase}
            </button>
          ))}
        </Form>
      )}
      {!blocked && (
        <details
          key={sentOffers}
          id="offer"
          className="offer-details"
          open={offerOpen}
          // Opened by a tap, it comes into view: below the composer, only its heading peeked above the
          // tab bar and the tap looked lost (a new-user walk). Opened by the page, it stays where it is.
          onToggle={(event) => {
            const fold = event.currentTarget;
            if (fold.open && !offerOpen) fold.scrollIntoView({ block: "start", behavior: "smooth" });
          }}
        >
          <summary className="button button--secondary">{t("offer.make")}</summary>
          {offerForm}
        </details>
      )}
      {data.block.iBlocked ? (
        <Form method="post" className="block-form">
          <button type="submit" name="intent" value="unblock" className="button button--secondary">
            {t("chat.unblock", { name: header.otherName })}
          </button>
        </Form>
      ) : (
        // Blocking takes a second tap, after what it means is said (it was one tap, just under "Make an
        // offer": an outside probe blocked a family mid-conversation). Works without JavaScript.
        <details className="block-form">
          <summary className="button button--secondary">{t("chat.block", { name: header.otherName })}</summary>
          <Form method="post" className="stack">
            <p>{t("chat.blockExplain")}</p>
            <button type="submit" name="intent" value="block" className="button button--danger">
              {t("chat.blockConfirm", { name: header.otherName })}
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

/**
 * Empties the composer once its own send went through. A sent message redirects, so there is no
 * answer to show (and the page comes back with a fresh key); a refused one answers with errors, and
 * the text stays to be corrected. A quick phrase or an offer has another key and leaves the draft be.
 */
function useEmptiedAfterSend(composer: RefObject<HTMLFormElement | null>, key: string, refused: boolean) {
  const navigation = useNavigation();
  // The text that went, while it is on its way: only that is emptied, not a next message begun in the
  // meantime (on a slow network the answer comes well after the other side has the message).
  const sent = useRef<string | null>(null);
  const postedKey = navigation.formData?.get(SUBMISSION_KEY_FIELD);
  const postedBody = navigation.formData?.get("body");
  useEffect(() => {
    if (postedKey === key) sent.current = typeof postedBody === "string" ? postedBody : "";
    else if (navigation.state === "idle" && sent.current !== null) {
      const body = composer.current?.elements.namedItem("body");
      if (body instanceof HTMLTextAreaElement) {
        if (!refused && body.value === sent.current) {
          body.value = "";
          body.dispatchEvent(new Event("input", { bubbles: true }));
        }
        // Back to the box, for the next message or the correction: Send was disabled while it went.
        refocus(body, composer.current);
      }
      sent.current = null;
    }
  }, [composer, key, postedKey, postedBody, navigation.state, refused]);
}

/** Whether an answer belongs to the offer form (so its errors show there, not on the composer). */
const isText = (e: string | null | undefined): e is string => typeof e === "string";

/** The message a refusal is about: the card of the offer answered, or the message reported. */
function refusalBelongsTo(actionData: ChatActionData | null | undefined, message: ViewedMessage): boolean {
  const sent = actionData?.result?.initialValue;
  if (!sent || !actionData?.result?.error) return false;
  if (sent.intent === "accept" || sent.intent === "decline" || sent.intent === "withdraw")
    return message.kind === "offer" && sent.offerId === message.offerId;
  // Only a message with a report form shows it (one's own, the FAQ or a platform line has none).
  return (
    sent.intent === "report" &&
    sent.messageId === message.id &&
    message.kind === "text" &&
    !message.own &&
    message.text !== null
  );
}

function isOfferResult(actionData: ChatActionData | null | undefined): boolean {
  const intent = actionData?.result?.initialValue?.intent;
  return intent === "offer";
}
