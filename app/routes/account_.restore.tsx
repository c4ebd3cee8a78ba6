// /account/restore: where an account marked for deletion lands after logging in, until it chooses:
// keep the account (cancels the deletion) or log out (the erasure goes ahead on its date).
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList } from "~/components/ui/field";
import { refusalOf } from "~/components/ui/refusal";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import { z } from "zod";
import { cancelDeletion, eraseDate } from "~/account/deletion.server";
import { dashboardPath, requireUser } from "~/auth/guards.server";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { safeRedirect } from "~/http/redirect";
import { RedirectQuery } from "~/http/redirect-target";
import { queryOf } from "~/http/params.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.restore" };

const RestoreSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("keep") })]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { pendingDeletion: "allow" });
  if (!user.deletionRequestedAt) throw redirect(dashboardPath(user.role));
  return { eraseOn: eraseDate(user.deletionRequestedAt).toISOString() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { pendingDeletion: "allow" });
  // Nothing to keep: an account not marked for deletion goes to its dashboard, as the page does.
  if (!user.deletionRequestedAt) throw redirect(dashboardPath(user.role));
  const submission = parseWithZod(await readFormData(request), { schema: RestoreSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  switch (command.intent) {
    case "keep": {
      await cancelDeletion(context.db, user);
      // Back to the page that sent the account here (an invitation, say), else the dashboard.
      const back = safeRedirect(RedirectQuery.parse(queryOf(request)).redirectTo, dashboardPath(user.role));
      return redirectWithToast(context.env, back, { message: "deletionCancelled" });
    }
    default:
      return unreachable(command.intent);
  }
}

export default function RestoreAccount() {
  const { eraseOn } = useLoaderData<typeof loader>();
  // A refused post (a stale or tampered page): said at the form, not a 400 with no word (an outside probe).
  const refused = refusalOf(useActionData<typeof action>());
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="stack narrow" aria-labelledby="restore-title">
      <h1 id="restore-title">{t("accountBasics.restore.title")}</h1>
      <p>
        {t("accountBasics.restore.body", {
          date: format.date(eraseOn, { timeZone: format.readerZone, weekday: false }),
        })}
      </p>
      <Form method="post" className="card stack">
        <ErrorList errors={refused} />
        <input type="hidden" name="intent" value="keep" />
        <button type="submit" className="button">
          {t("accountBasics.restore.keep")}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--secondary">
          {t("accountBasics.restore.logout")}
        </button>
      </Form>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
