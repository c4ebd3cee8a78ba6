// The inbox: one row per conversation, the whole row a link, unread ones marked.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import { messageTime } from "./message-time";

interface Row {
  id: string;
  otherName: string;
  parentName: string;
  unread: number;
  lastMessageAt: string | null;
  lastSeq: number;
  lastText: string | null;
  lastKind: string | null;
}

export function Inbox({ role, conversations }: { role: "family" | "carer"; conversations: Row[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  // When a message came is the reader's moment, not the parent's: the account's zone, as in the thread.
  const when = (iso: string) => messageTime(format.lang, iso, format.readerZone, format.now);
  return (
    <section className="stack" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t("chat.inboxTitle")}</h1>
      {conversations.length === 0 ? (
        <p className="muted">{t(role === "family" ? "chat.inboxEmptyFamily" : "chat.inboxEmptyCarer")}</p>
      ) : (
        <ul className="inbox">
          {conversations.map((c) => (
            <li key={c.id}>
              {/* At the newest message: the thread is oldest first, and a long one opened at its top
                  left the reply screens below (a new-user walk). */}
              <Link
                to={`/chat/${c.id}${c.lastSeq > 0 ? `#m${c.lastSeq}` : ""}`}
                className={`inbox__row${c.unread > 0 ? " inbox__row--unread" : ""}`}
              >
                <span className="inbox__who">
                  <strong>{c.otherName}</strong> · {t("chat.about", { parent: c.parentName })}
                </span>
                <span className="inbox__last">
                  {c.lastKind === "offer"
                    ? t("chat.lastOffer")
                    : c.lastKind === "event"
                      ? t("chat.lastEvent")
                      : c.lastKind === "faq"
                        ? t("chat.lastFaq")
                        : c.lastKind === "hidden"
                          ? t("chat.hidden")
                          : (c.lastText ?? "")}
                </span>
                <span className="inbox__meta">
                  {c.lastMessageAt ? <time dateTime={c.lastMessageAt}>{when(c.lastMessageAt)}</time> : null}
                  {c.unread > 0 && (
                    <span className="badge badge--count">
                      <span aria-hidden="true">{c.unread}</span>
                      <span className="visually-hidden">{t("chat.unread", { count: c.unread })}</span>
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
