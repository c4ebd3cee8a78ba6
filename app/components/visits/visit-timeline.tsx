// The visit's timeline, newest last, the way a parcel is tracked: booked, reminder sent, on the way,
// arrived 10:02 · 40 m from home, notes, left 11:05 · 63 min. Every GPS exception shows its reason.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { ReminderText, TimelineEntry, TimelinePlace } from "~/visits/timeline";
import { useReasonText, useVisitFormat } from "./format";

/** What became of the reminder's text (timeline.ts, reminderText). A failed one is flagged as an exception is. */
const REMINDER_TITLES = {
  sent: "visits.track.timeline.reminder",
  held: "visits.track.timeline.reminder",
  sending: "visits.track.timeline.reminderSending",
  not_sent: "visits.track.timeline.reminderNotSent",
  failed: "visits.track.timeline.reminderFailed",
} as const satisfies Record<ReminderText, string>;

/** An entry's title and its parts, as one line: on the page and in what the status says of it. */
const lineOf = (d: { title: string; parts: string[] }) => [d.title, ...d.parts].join(" · ");

/** Entries have no ids of their own: kind, time and what tells two of a kind apart at one moment. */
function keyOf(e: TimelineEntry): string {
  const extra = e.kind === "correction" ? e.field : e.kind === "late" ? e.to : e.kind === "status" ? e.transition : "";
  return `${e.kind}-${e.at}-${extra}`;
}

export function VisitTimeline({
  entries,
  timeZone,
  parentName,
}: {
  entries: TimelineEntry[];
  timeZone: string;
  parentName: string;
}) {
  const { t } = useTranslation();
  const format = useVisitFormat(timeZone);
  const reasonText = useReasonText();

  const placeParts = (p: TimelinePlace) => {
    const parts: string[] = [];
    if (p.noFix) parts.push(t("visits.track.timeline.noFix"));
    else if (p.distanceM !== null)
      parts.push(t("visits.track.timeline.fromHome", { distance: format.distance(p.distanceM) }));
    if (!p.noFix && p.flagged && p.accuracyM !== null)
      parts.push(t("visits.track.timeline.flagged", { distance: format.distance(p.accuracyM) }));
    return parts;
  };

  const describe = (e: TimelineEntry): { title: string; parts: string[]; exception: string | null } => {
    switch (e.kind) {
      case "booked":
        return { title: t("visits.track.timeline.booked"), parts: [], exception: null };
      case "reminder":
        return {
          title:
            e.text === "held" && e.until
              ? t("visits.track.timeline.reminderHeld", { time: format.clock(e.until) })
              : t(REMINDER_TITLES[e.text]),
          parts: [],
          exception: null,
        };
      case "late":
        return {
          title: t(e.to === "carer" ? "visits.track.timeline.lateCarer" : "visits.track.timeline.lateFamily"),
          parts: [],
          exception: null,
        };
      case "on_the_way":
        return {
          title: t("visits.track.timeline.onTheWay"),
          parts: e.etaMinutes !== null ? [t("visits.track.timeline.eta", { minutes: e.etaMinutes })] : [],
          exception: null,
        };
      case "arrived":
        return {
          // The time is the entry's own, beside it: not said again in the title (a phone walk).
          title: t("visits.track.timeline.arrived"),
          parts: placeParts(e),
          exception: e.reason ? reasonText(e.reason) : null,
        };
      case "left":
        return {
          title: t("visits.track.timeline.left"),
          parts: [
            ...(e.minutes !== null ? [t("visits.track.timeline.minutes", { minutes: e.minutes })] : []),
            ...(e.shortByMinutes !== null ? [t("visits.track.timeline.shortBy", { minutes: e.shortByMinutes })] : []),
            ...placeParts(e),
          ],
          exception: e.reason ? reasonText(e.reason) : null,
        };
      case "log":
        return { title: t("visits.track.timeline.notes", { notes: e.notes }), parts: [], exception: null };
      case "correction":
        return {
          title: t("visits.track.timeline.correction", {
            field: t(`visits.track.fields.${e.field}`, { defaultValue: e.field }),
            reason: e.reason,
          }),
          parts: [],
          exception: null,
        };
      case "parent_asked":
        return { title: t("visits.track.timeline.parentAsked", { parent: parentName }), parts: [], exception: null };
      case "parent_answered":
        return {
          title: t(e.answer === "yes" ? "visits.track.timeline.parentYes" : "visits.track.timeline.parentNo", {
            parent: parentName,
          }),
          parts: [],
          exception: null,
        };
      case "status":
        return {
          title: t(`visits.status.${e.to}`),
          parts: e.auto
            ? [t("visits.track.timeline.automatically")]
            : e.by
              ? [t(`visits.track.timeline.by.${e.by}`)]
              : [],
          exception:
            // A carer's tap may carry a listed reason's code ("gps_wrong"): in words, as free text stays.
            e.reason &&
            ("code" in e.reason ? t(`visits.track.systemReasons.${e.reason.code}`) : reasonText(e.reason.words)),
        };
    }
  };

  return (
    <>
      <TimelineNews entries={entries} say={(e) => `${format.clock(e.at)} ${lineOf(describe(e))}`} />
      <ol className="timeline" aria-labelledby="timeline-title">
        {entries.map((e) => {
          const d = describe(e);
          const flagged =
            ((e.kind === "arrived" || e.kind === "left") &&
              (e.flagged || e.reason !== null || (e.kind === "left" && e.shortByMinutes !== null))) ||
            (e.kind === "reminder" && e.text === "failed");
          return (
            <li
              key={keyOf(e)}
              className={`timeline__entry timeline__entry--${e.kind}${flagged ? " timeline__entry--flagged" : ""}`}
              data-kind={e.kind}
            >
              <time dateTime={e.at} className="timeline__time">
                {format.dateTime(e.at)}
              </time>
              <span className="timeline__title">{lineOf(d)}</span>
              {d.exception && (
                <span className="timeline__reason">{t("visits.track.timeline.reason", { reason: d.exception })}</span>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/**
 * The newest entry, said once it arrives live ("10:02 Arrived · 40 m from home"): the list and the
 * status badge changed silently for a screen reader, and a family member who cannot see the page was
 * never told the carer had arrived (an accessibility probe). Nothing is said for the entries the page
 * opened with.
 */
function TimelineNews({ entries, say }: { entries: TimelineEntry[]; say: (e: TimelineEntry) => string }) {
  const [news, setNews] = useState("");
  const known = useRef(entries.length);
  const newest = entries.at(-1);
  const text = newest ? say(newest) : "";
  useEffect(() => {
    if (entries.length > known.current) setNews(text);
    known.current = entries.length;
  }, [entries.length, text]);
  return (
    <p className="visually-hidden" role="status">
      {news}
    </p>
  );
}
