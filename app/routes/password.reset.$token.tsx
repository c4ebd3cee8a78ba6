// /password/reset/<token>: the emailed link. Shows the new-password form while the link is live,
// and says it has lapsed (or was used) otherwise; the token itself is never echoed into the page.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { resetLinkIsLive, resetWithLink } from "~/account/password-reset.server";
import { ResetLinkSchema } from "~/account/schemas";
import { dashboardPath, requireAnonymous } from "~/auth/guards.server";
import { signIn } from "~/auth/session.server";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Field, FormAlert } from "~/components/ui/field";
import { readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { safeRedirect } from "~/http/redirect";
import { RedirectQuery } from "~/http/redirect-target";
import { queryOf } from "~/http/params.server";
import type { PageHandle } from "~/components/page-title";

const validateReset = deferredValidation(() => import("~/account/schemas").then((m) => m.ResetLinkSchema));

export const handle: PageHandle = { title: "titles.reset" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return { live: await resetLinkIsLive(context.db, params.token ?? "", new Date()) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: ResetLinkSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const now = new Date();
  const reset = await resetWithLink(
    context.db,
    { token: params.token ?? "", password: submission.value.password },
    now,
  );
  if (!reset.ok)
    return data(submission.reply({ formErrors: ["accountBasics.reset.linkDead"], hideFields: ["password"] }), {
      status: 400,
    });
  const signedIn = await signIn(context.db, context.env, reset.userId, request.headers.get("User-Agent"), now);
  // Back where the login was asked for (an invitation), when the emailed link carries it.
  return redirectWithToast(
    context.env,
    safeRedirect(RedirectQuery.parse(queryOf(request)).redirectTo, dashboardPath(reset.role)),
    { message: "passwordReset" },
    { headers: signedIn.headers },
  );
}

export default function ResetByLink() {
  const { live } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useCheckedForm({
    id: "reset-link",
    lastResult,
    onValidate: validateReset,
  });
  return (
    <section className="stack narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("accountBasics.reset.newTitle")}</h1>
      {live ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <FormAlert id={form.errorId}>
            {form.errors?.map((e) => (
              <p key={e}>{t(e)}</p>
            ))}
          </FormAlert>
          <Field
            label={t("accountBasics.reset.newPassword")}
            hint={t("signup.passwordHint")}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("accountBasics.reset.submit")}
          </button>
        </Form>
      ) : (
        <p className="form-alert" role="alert">
          {t("accountBasics.reset.linkDead")}
        </p>
      )}
      <p>
        <Link to="/password/forgot">{t("accountBasics.reset.tryAgain")}</Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
