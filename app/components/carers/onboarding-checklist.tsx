// The carer's getting-started checklist: each step done or not (from real data), linking to where it is done.
import { Form, Link } from "@remix-run/react";
import { ErrorList } from "~/components/ui/field";
import { inBrackets } from "~/i18n/formatters";
import { useTranslation } from "~/i18n/react";
import type { CarerChecklist } from "~/account/onboarding.server";

export function OnboardingChecklist({ checklist, errors }: { checklist: CarerChecklist; errors?: string[] }) {
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
          // Two columns, the mark and one run of text: as three flex items, a name too long for a phone's
          // line put the mark, the link and "(to do)" on three lines while shorter ones sat on one.
          <li key={item.step} data-done={item.done}>
            <span className="checklist__mark" aria-hidden="true">
              {item.done ? "✓" : "○"}
            </span>
            <span className="checklist__text">
              <Link to={item.href} className={item.done ? "checklist__link checklist__link--done" : "checklist__link"}>
                {t(`accountBasics.checklist.steps.${item.step}`)}
              </Link>
              <span className="muted">
                {inBrackets(
                  i18n.language,
                  item.done ? t("accountBasics.checklist.done") : t("accountBasics.checklist.todo"),
                )}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack" aria-labelledby="job-texts-title">
        <h3 id="job-texts-title">{t("accountBasics.checklist.jobTextsQuestion")}</h3>
        <ErrorList id="jobTexts-error" errors={errors} />
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
