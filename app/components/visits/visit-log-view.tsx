// The visit log as both sides read it: tasks done, notes, wellbeing, the photo, and every correction
// made after check-out with its reason.
import { Link } from "@remix-run/react";
import { formatList, inBrackets } from "~/i18n/formatters";
import { useTranslation } from "~/i18n/react";
import type { LogState } from "~/visits/log-rules";
import type { CorrectionView, LogView } from "~/visits/tracking.server";
import { useVisitFormat } from "./format";

export function VisitLogView({
  visitId,
  log,
  corrections,
  tasks,
  state,
  canWrite,
  parentName,
  timeZone,
}: {
  visitId: string;
  log: LogView | null;
  corrections: CorrectionView[];
  tasks: string[];
  state: LogState;
  canWrite: boolean;
  parentName: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const format = useVisitFormat(timeZone);
  const { field, value } = useLogLabels();
  return (
    <section className="card stack visit-log" aria-labelledby="log-title">
      <h2 id="log-title">{t("visits.track.logTitle")}</h2>
      {state === "not_started" && <p className="muted">{t("visits.track.logNotStarted")}</p>}
      {/* A visit ruled missed after its log was written keeps the log, which no one can change now. */}
      {state === "closed" && <p className="muted">{t(log ? "visits.track.logLocked" : "visits.track.logClosed")}</p>}
      {(state === "open" || state === "correction") && !log && <p className="muted">{t("visits.track.noLog")}</p>}
      {log && <LogDetails log={log} tasks={tasks} />}
      {log?.hasPhoto && (
        <img
          className="visit-photo"
          src={`/visits/${visitId}/photo?v=${encodeURIComponent(log.updatedAt)}`}
          alt={t("visits.track.photoAlt", { parent: parentName })}
          width={320}
          height={320}
          loading="lazy"
        />
      )}
      {corrections.length > 0 && (
        <section className="stack" aria-labelledby="corrections-title">
          <h3 id="corrections-title">{t("visits.track.correctionsTitle")}</h3>
          <ul className="corrections">
            {corrections.map((c) => (
              <li key={c.id}>
                <p>
                  {t("visits.track.correctionLine", {
                    field: field(c.field),
                    old: value(c.field, c.oldValue),
                    new: value(c.field, c.newValue),
                  })}
                </p>
                <p className="muted">
                  {t("visits.track.correctionBy", { by: c.by ?? "—", when: format.dateTime(c.at), reason: c.reason })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canWrite && (state === "open" || state === "correction") && (
        <p>
          <Link className="button button--secondary no-print" to={`/visits/${visitId}/log`}>
            {t(state === "open" ? "visits.track.logWrite" : "visits.track.logCorrect")}
          </Link>
        </p>
      )}
    </section>
  );
}

/** A log field's name and a value of it in the reader's language (corrections name both). */
export function useLogLabels() {
  const { t, i18n } = useTranslation();
  const field = (name: string) => t(`visits.track.fields.${name}`, { defaultValue: name });
  const value = (name: string, v: string | null) => {
    if (v === null) return t("visits.track.nothing");
    if (name === "mood") return t(`visits.track.moods.${v}`, { defaultValue: v });
    if (name === "appetite" || name === "mobility") return t(`visits.track.levels.${v}`, { defaultValue: v });
    if (name === "photoKey") return field("photoKey");
    // Tasks as the reader's language lists them ("做午饭和陪聊天"); free text keeps its lines
    // (.corrections p: pre-line). Both were joined with an English ", " (an outside probe).
    if (name === "tasksDone") return formatList(i18n.language, v.split("\n"), "sentence");
    return v;
  };
  return { field, value };
}

/** What the log says: each agreed task done or not, the notes, mood, appetite, mobility and concerns. */
export function LogDetails({
  log,
  tasks,
}: {
  log: Pick<LogView, "tasksDone" | "notes" | "mood" | "appetite" | "mobility" | "concerns">;
  tasks: string[];
}) {
  const { t, i18n } = useTranslation();
  const notSaid = t("visits.track.notSaid");
  return (
    <dl className="details">
      <div>
        <dt>{t("visits.track.tasksDone")}</dt>
        <dd>
          {tasks.length === 0 ? (
            t("visits.track.noTasks")
          ) : (
            <ul className="task-list">
              {tasks.map((task) => {
                const done = log.tasksDone.includes(task);
                // The mark and the colour are for the eye; a screen reader hears the state in words.
                return (
                  <li key={task} className={done ? "task--done" : "task--open"}>
                    <span aria-hidden="true">{done ? "✓ " : "○ "}</span>
                    {task}
                    <span className="visually-hidden">
                      {inBrackets(i18n.language, t(done ? "visits.track.taskDone" : "visits.track.taskNotDone"))}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("visits.track.notes")}</dt>
        <dd className="pre-line">{log.notes || notSaid}</dd>
      </div>
      <div>
        <dt>{t("visits.track.mood")}</dt>
        <dd>{log.mood ? t(`visits.track.moods.${log.mood}`) : notSaid}</dd>
      </div>
      <div>
        <dt>{t("visits.track.appetite")}</dt>
        <dd>{log.appetite ? t(`visits.track.levels.${log.appetite}`) : notSaid}</dd>
      </div>
      <div>
        <dt>{t("visits.track.mobility")}</dt>
        <dd>{log.mobility ? t(`visits.track.levels.${log.mobility}`) : notSaid}</dd>
      </div>
      <div>
        <dt>{t("visits.track.concerns")}</dt>
        <dd className="pre-line">{log.concerns || notSaid}</dd>
      </div>
    </dl>
  );
}
