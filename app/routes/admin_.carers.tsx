// /admin/carers: the carers waiting to be verified, and a form per carer to record an ID check or a
// background check (the day it was done, and a note). Both on record: the carer is verified.
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CarerCheckSchema } from "~/admin/schemas";
import { recordCarerCheck, verificationQueue } from "~/admin/verification.server";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { ReasonField, RowForm, rowErrors } from "~/components/admin/row-form";
import { ErrorList } from "~/components/ui/field";
import { dateIn } from "~/visits/booking.server";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Verification" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const now = new Date();
  return { carers: await verificationQueue(context.db, admin), today: dateIn("UTC", now) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: CarerCheckSchema });
  if (submission.status !== "success") return invalid(submission);
  const now = new Date();
  const input = submission.value;
  // A check is recorded on the day it was done: never a day still to come (UTC, as the badge shows it).
  if (input.checkedOn > dateIn("UTC", now)) {
    return invalid(submission, { fieldErrors: { checkedOn: ["errors.futureDate"] } });
  }
  const result = await recordCarerCheck(context.db, admin, input, now);
  if (!result.ok) return invalid(submission, { formErrors: ["adminPanel.verification.notACarer"], status: 404 });
  return redirectWithToast(context.env, "/admin/carers", {
    message: result.verified ? "adminCarerVerified" : "adminCarerChecked",
  });
}

export default function VerificationQueue() {
  const { carers, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.verification.title")}</h1>
      <AdminNav />
      <p>{t("adminPanel.verification.intro")}</p>
      {carers.length === 0 ? (
        <p className="notice">{t("adminPanel.verification.empty")}</p>
      ) : (
        <ul className="card-list">
          {carers.map((c) => {
            const formId = `check-${c.id}`;
            const err = (field: string) => rowErrors(reply, "carerId", c.id, field);
            // The check still missing is the likely next one.
            const nextKind = c.checks.some((k) => k.kind === "id") ? "background" : "id";
            return (
              <li key={c.id} className="card stack">
                <h2>
                  <a href={`/carers/${c.id}`}>{c.name}</a>
                </h2>
                <p className="muted">
                  {c.email} · {t("adminPanel.verification.since", { date: c.createdAt.slice(0, 10) })}
                  {c.listed ? "" : ` · ${t("adminPanel.verification.unlisted")}`}
                </p>
                {c.checks.length > 0 ? (
                  <ul>
                    {c.checks.map((k) => (
                      <li key={`${k.kind}-${k.checkedOn}-${k.note}`}>
                        {t(`adminPanel.verification.kinds.${k.kind}`)} · {k.checkedOn} · {k.note}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t("adminPanel.verification.noChecks")}</p>
                )}
                <RowForm
                  reply={reply}
                  idField="carerId"
                  id={c.id}
                  intent="check"
                  formId={formId}
                  submit={t("adminPanel.verification.submit")}
                >
                  <fieldset>
                    <legend>{t("adminPanel.verification.kind")}</legend>
                    {(["id", "background"] as const).map((kind) => (
                      <label key={kind} className="choice">
                        <input type="radio" name="kind" value={kind} required defaultChecked={kind === nextKind} />{" "}
                        {t(`adminPanel.verification.kinds.${kind}`)}
                      </label>
                    ))}
                    <ErrorList errors={err("kind")} />
                  </fieldset>
                  <div className="field">
                    <label htmlFor={`${formId}-checkedOn`}>{t("adminPanel.verification.checkedOn")}</label>
                    <input
                      id={`${formId}-checkedOn`}
                      type="date"
                      name="checkedOn"
                      max={today}
                      defaultValue={today}
                      required
                    />
                    <ErrorList errors={err("checkedOn")} />
                  </div>
                  <ReasonField
                    formId={formId}
                    name="note"
                    label={t("adminPanel.verification.note")}
                    errors={err("note")}
                  />
                </RowForm>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
