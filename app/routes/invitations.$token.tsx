import { GeneralErrorBoundary } from "~/components/error-boundary";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { forbidden } from "~/http/responses.server";
import { redirectWithToast } from "~/http/toast.server";
import { acceptedBy, acceptInvitation, previewInvitation } from "~/parents/invitations.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.invitation" };

// Anyone with the link must log in first; only a family account may accept. A link that is not valid
// answers 404, and one opened by a family account not allowed to accept, 403: the page says why. The
// page names the account that would accept (a browser logged in as someone else would have given them
// the parent's home: an outside probe), with a way to log out and in as the right one.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const me = { name: user.name, email: user.email };
  if (user.role !== "family") return data({ status: "familyOnly" as const, invitation: null, me }, { status: 403 });
  const invitation = await previewInvitation(context.db, params.token ?? "", user.id);
  if (!invitation) {
    // Opening a link one has already accepted leads to the parent, not to "not valid".
    const parentId = await acceptedBy(context.db, user.id, params.token ?? "");
    if (parentId) throw redirect(`/family/parents/${parentId}`);
    return data({ status: "invalid" as const, invitation: null, me }, { status: 404 });
  }
  return { status: invitation.alreadyMember ? ("member" as const) : ("ok" as const), invitation, me };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  if (user.role !== "family") throw forbidden();
  const accepted = await acceptInvitation(context.db, user.id, params.token ?? "");
  if (accepted.ok) {
    return redirectWithToast(context.env, `/family/parents/${accepted.parentId}`, { message: "invitationAccepted" });
  }
  // Used or withdrawn while the page was open: the page again, which says so (it was the bare 404 page).
  if (accepted.error === "not_found") throw redirect(new URL(request.url).pathname);
  return redirectWithToast(context.env, `/family/parents/${accepted.parentId}`, {
    kind: "error",
    message: "invitationAlreadyMember",
  });
}

export default function InvitationPage() {
  const { status, invitation, me } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("invitation.title")}</h1>
      {status === "familyOnly" && <p>{t("invitation.familyOnly")}</p>}
      {status === "invalid" && (
        <>
          <p>
            {t("invitation.invalid")} {t("invitation.askForNew")}
          </p>
          <p>
            <Link to="/family">{t("invitation.toDashboard")}</Link>
          </p>
        </>
      )}
      {status === "member" && invitation?.parentId && (
        <>
          <p>{t("invitation.alreadyMember", { parent: invitation.parentName })}</p>
          <p>
            <Link to={`/family/parents/${invitation.parentId}`}>
              {t("invitation.toParent", { parent: invitation.parentName })}
            </Link>
          </p>
        </>
      )}
      {status === "ok" && invitation && (
        <Form method="post" className="card stack">
          <p>{t("invitation.body", { inviter: invitation.inviter, parent: invitation.parentName })}</p>
          <button type="submit" className="button">
            {t("invitation.accept")}
          </button>
        </Form>
      )}
      {/* Whose account this is, and the way to the right one: the link comes back after logging in. Not
          for a link no account can use any more (it led back to the same page: an outside probe). */}
      {status !== "invalid" && (
        <Form method="post" action="/logout" className="stack">
          {/* "Accepting adds this account" only where there is something to accept (not for a member already). */}
          <p className="muted">{t(status === "ok" ? "invitation.loggedInAsAccepting" : "invitation.loggedInAs", me)}</p>
          <input type="hidden" name="redirectTo" value={`/login?${new URLSearchParams({ redirectTo: pathname })}`} />
          <button type="submit" className="button button--secondary">
            {t("invitation.switchAccount")}
          </button>
        </Form>
      )}
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
