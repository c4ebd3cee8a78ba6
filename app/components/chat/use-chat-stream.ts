// Live updates of a conversation in the browser: an EventSource that resumes after the last message
// it has (the server replays from Last-Event-ID on its own reconnects), the other side's receipts
// and typing, and a read receipt sent while the page is visible.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ViewedMessage } from "~/chat/messages.server";
import { postQuietly } from "~/http/post-quietly";
import { liveSource, whenOnline } from "~/realtime/live-source";

export function useChatStream(
  conversationId: string,
  initial: ViewedMessage[],
  lastSeq: number,
  otherRead: number,
  /** How far the viewer had read when the page was made: less than lastSeq when the loader left it. */
  readSeq = lastSeq,
) {
  const [live, setLive] = useState<ViewedMessage[]>([]);
  const [otherReadSeq, setOtherReadSeq] = useState(otherRead);
  const [typing, setTyping] = useState(false);
  const [connected, setConnected] = useState(true);
  const revalidator = useRevalidator();
  // The stream lives as long as the conversation is open; it reaches the latest of these through refs.
  const actions = useRef({ revalidate: revalidator.revalidate });
  actions.current = { revalidate: revalidator.revalidate };
  const lastRead = useRef(readSeq);
  const newest = useRef(lastSeq);
  newest.current = Math.max(newest.current, lastSeq);

  // Loader data already holds what was live once it revalidates: keep only what is newer.
  useEffect(() => {
    setLive((rows) => rows.filter((m) => m.seq > lastSeq));
  }, [lastSeq]);
  useEffect(() => setOtherReadSeq((s) => Math.max(s, otherRead)), [otherRead]);

  useEffect(() => {
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const markRead = (seq: number) => {
      if (document.visibilityState !== "visible" || seq <= lastRead.current) return;
      lastRead.current = seq;
      void postQuietly(`/chat/${conversationId}`, { intent: "read", seq: String(seq) });
    };
    // Opened again after the browser gives up (live-source.ts), from the newest message held.
    const close = liveSource(
      () => `/chat/${conversationId}/stream?after=${newest.current}`,
      (source) => {
        source.addEventListener("open", () => setConnected(true));
        // Reconnecting (the browser retries by itself) or closed: either way nothing arrives now (an
        // outside probe saw a chat look live through fifteen failed retries).
        source.addEventListener("error", () => setConnected(false));
        source.addEventListener("message", (e) => {
          const message = JSON.parse((e as MessageEvent<string>).data) as ViewedMessage;
          newest.current = Math.max(newest.current, message.seq);
          setLive((rows) => (rows.some((r) => r.seq === message.seq) ? rows : [...rows, message]));
          if (!message.own) {
            setTyping(false);
            markRead(message.seq);
          }
          // Offers and their answers change cards elsewhere on the page: read it again.
          if (message.kind === "offer" || message.kind === "event") whenOnline(actions.current.revalidate);
        });
        source.addEventListener("read", (e) => {
          const { seq } = JSON.parse((e as MessageEvent<string>).data) as { seq: number };
          setOtherReadSeq((s) => Math.max(s, seq));
        });
        source.addEventListener("typing", () => {
          setTyping(true);
          clearTimeout(typingTimer);
          typingTimer = setTimeout(() => setTyping(false), 5000);
        });
      },
    );
    const onVisible = () => markRead(newest.current);
    document.addEventListener("visibilitychange", onVisible);
    // Opened from another site's link: the loader left the receipt where it was; now it is read.
    markRead(newest.current);
    return () => {
      close();
      clearTimeout(typingTimer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [conversationId]);

  const seen = new Set(initial.map((m) => m.seq));
  return {
    messages: [...initial, ...live.filter((m) => !seen.has(m.seq))],
    otherReadSeq,
    typing,
    connected,
  };
}
