// The carer's getting-started checklist: each step done or not (from real data), linking to where it is done.
import { Form, Link } from "@remix-run/react";
import { inBrackets } from "~/i18n/formatters";
import { useTranslation } from "~/i18n/react";
import type { CarerChecklist } from "~/account/onboarding.server";

export function OnboardingChecklist({ checklist }: { checklist: CarerChecklist }) {
  const { t, i18n } = useTranslation();
  const done = checklist.items.filter((i) => i.done).length;
  return (
    <section className="card stack" aria-labelledby="checklist-title">
      <h2 id="checklist-title">
        {t(checklist.experienced ? "accountBasics.checklist.titleExperienced" : "accountBasics.checklist.title")}
      </h2>
      <p className="muted">{t("accountBasics.checklist.progress", { done, total: checklist.items.length })}</p>
      <ul className="checklist">
        {checklist.items.map((item) => (
          <li key={item.step} data-done={item.done}>
            <span aria-hidden="true">{item.done ? "✓" : "○"}</span>{" "}
            <Link to={item.href} className={item.done ? "target-link target-link--done" : "target-link"}>
              {t(`accountBasics.checklist.steps.${item.step}`)}
            </Link>
            <span className="muted">
              {inBrackets(
                i18n.language,
                item.done ? t("accountBasics.checklist.done") : t("accountBasics.checklist.todo"),
              )}
            </span>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack" aria-labelledby="job-texts-title">
        <h3 id="job-texts-title">{t("accountBasics.checklist.jobTextsQuestion")}</h3>
        <p className="muted">
          {checklist.jobTexts === null
            ? t("accountBasics.checklist.jobTextsUnanswered")
            : checklist.jobTexts
              ? checklist.items.some((i) => i.step === "phone" && i.done)
                ? t("accountBasics.checklist.jobTextsAreOn")
                : t("accountBasics.checklist.jobTextsOnOnceVerified")
              : t("accountBasics.checklist.jobTextsAreOff")}
        </p>
        <p className="actions">
          <button type="submit" name="jobTexts" value="on" className="button">
            {t("accountBasics.checklist.jobTextsYes")}
          </button>
          <button type="submit" name="jobTexts" value="off" className="button button--secondary">
            {t("accountBasics.checklist.jobTextsNo")}
          </button>
        </p>
      </Form>
    </section>
  );
}
