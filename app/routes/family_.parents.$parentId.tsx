import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireFamily } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { IntentButton } from "~/components/ui/intent-button";
import { SubmissionKeyInput, SUBMISSION_KEY_FIELD } from "~/components/ui/submission-key";
import { newSubmissionKey } from "~/http/once.server";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/parents/invitations.server";
import { getParentForMember, listMembers, removeMember } from "~/parents/parents.server";
import { closeVisitRequest, listRequestsForParent } from "~/visit-requests/visit-requests.server";
import { getEnv } from "~/env.server";
import { formatSchedule } from "~/visit-requests/format";
import { dateTimeFormat } from "~/i18n/formatters";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Parent" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const parent = await getParentForMember(context.db, user, uuidParam(params, "parentId"));
  const [members, requests, invitations] = await Promise.all([
    listMembers(context.db, parent.id),
    listRequestsForParent(context.db, parent.id),
    parent.memberRole === "owner" ? listPendingInvitations(context.db, parent.id) : [],
  ]);
  return {
    me: user.id,
    parent: {
      id: parent.id,
      name: parent.name,
      birthYear: parent.birthYear,
      address: parent.address,
      phone: parent.phone,
      lat: parent.lat,
      lng: parent.lng,
      timeZone: parent.timeZone,
      languages: parent.languages,
      needs: parent.needs,
      interests: parent.interests,
      emergencyContacts: parent.emergencyContacts,
      accessNotes: parent.accessNotes,
      visitGoalVisits: parent.visitGoalVisits,
      visitGoalMinutes: parent.visitGoalMinutes,
      memberRole: parent.memberRole,
    },
    members,
    requests,
    invitations,
    submissionKey: newSubmissionKey(),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), [SUBMISSION_KEY_FIELD]: z.uuid() }),
  z.object({ intent: z.literal("remove"), userId: z.uuid() }),
  z.object({ intent: z.literal("revoke-invite"), invitationId: z.uuid() }),
  z.object({ intent: z.literal("cancel-request"), requestId: z.uuid() }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const parentId = uuidParam(params, "parentId");
  await getParentForMember(context.db, user, parentId);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "errors.generic", inviteUrl: null }, { status: 400 });
  if (parsed.data.intent === "invite") {
    const result = await createInvitation(context.db, user, parentId, parsed.data[SUBMISSION_KEY_FIELD]);
    if (!result.ok && result.reason === "already_used")
      return data({ error: "parents.inviteUsed", inviteUrl: null }, { status: 409 });
    if (!result.ok) return data({ error: "errorPage.403.body", inviteUrl: null }, { status: 403 });
    return { error: null, inviteUrl: `${getEnv().PUBLIC_URL}/invitations/${result.token}` };
  }
  if (parsed.data.intent === "revoke-invite") {
    const ok = await revokeInvitation(context.db, user, parentId, parsed.data.invitationId);
    if (!ok) return data({ error: "errorPage.403.body", inviteUrl: null }, { status: 403 });
    return { error: null, inviteUrl: null };
  }
  if (parsed.data.intent === "cancel-request") {
    // Only an open request of this parent; cancelling twice changes nothing more.
    await closeVisitRequest(context.db, user, parentId, parsed.data.requestId);
    return { error: null, inviteUrl: null };
  }
  const ok = await removeMember(context.db, user, parentId, parsed.data.userId);
  if (!ok) return data({ error: "errorPage.403.body", inviteUrl: null }, { status: 403 });
  return { error: null, inviteUrl: null };
}

export default function ParentPage() {
  const { parent, members, requests, invitations, me, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{parent.name}</h1>
      <p className="actions">
        <Link className="button" to={`/family/parents/${parent.id}/carers`}>
          {t("parents.findCarers")}
        </Link>
        <Link className="button button--secondary" to={`/family/parents/${parent.id}/requests/new`}>
          {t("parents.postRequest")}
        </Link>
        <Link className="button button--secondary" to={`/family/parents/${parent.id}/edit`}>
          {t("parents.edit")}
        </Link>
      </p>
      <dl className="card details">
        {parent.birthYear ? (
          <div>
            <dt>{t("parents.birthYear")}</dt>
            <dd>{parent.birthYear}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            {t("parents.address")} <span className="badge">{t("parents.private")}</span>
          </dt>
          <dd>{parent.address || "—"}</dd>
        </div>
        <div>
          <dt>{t("location.legend")}</dt>
          <dd>
            {parent.lat.toFixed(6)}, {parent.lng.toFixed(6)}
          </dd>
        </div>
        {parent.phone ? (
          <div>
            <dt>{t("parents.phone")}</dt>
            <dd>{parent.phone}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("parents.timeZone")}</dt>
          <dd>{parent.timeZone}</dd>
        </div>
        <div>
          <dt>{t("parents.languages")}</dt>
          <dd>
            {parent.languages.map((l) => t(`catalogue.languages.${l}` as "catalogue.languages.mandarin")).join(", ") ||
              "—"}
          </dd>
        </div>
        <div>
          <dt>{t("parents.needs")}</dt>
          <dd>{parent.needs.map((n) => t(`catalogue.needs.${n}` as "catalogue.needs.mobility")).join(", ") || "—"}</dd>
        </div>
        {parent.interests ? (
          <div>
            <dt>{t("parents.interests")}</dt>
            <dd>{parent.interests}</dd>
          </div>
        ) : null}
        {parent.emergencyContacts.length > 0 && (
          <div>
            <dt>{t("parents.emergencyContacts")}</dt>
            <dd>
              <ul>
                {parent.emergencyContacts.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a static list, never reordered on the page
                  <li key={i}>
                    {c.name} {c.relation ? `(${c.relation})` : ""} {c.phone}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>
            {t("parents.accessNotes")} <span className="badge">{t("parents.private")}</span>
          </dt>
          <dd className="pre-line">{parent.accessNotes || "—"}</dd>
        </div>
        {parent.visitGoalVisits !== null || parent.visitGoalMinutes !== null ? (
          <div>
            <dt>{t("parents.visitGoal")}</dt>
            <dd>
              {t("parents.goalSummary", { visits: parent.visitGoalVisits ?? 0, minutes: parent.visitGoalMinutes ?? 0 })}
            </dd>
          </div>
        ) : null}
      </dl>

      <section className="card stack" aria-labelledby="requests-title">
        <h2 id="requests-title">{t("parents.requests")}</h2>
        {requests.length === 0 ? (
          <p className="muted">{t("parents.noRequests")}</p>
        ) : (
          <ul className="card-list">
            {requests.map((r) => (
              <li key={r.id} className="request-row">
                <span>
                  {t(`catalogue.services.${r.service}`)} · {formatSchedule(t, i18n.language, r)} ·{" "}
                  {t(`requests.status.${r.status}`)}
                </span>
                {r.status === "open" && (
                  <IntentButton intent="cancel-request" fields={{ requestId: r.id }} label={t("requests.cancel")} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="members-title">
        <h2 id="members-title">{t("parents.members")}</h2>
        <ul className="member-list">
          {members.map((m) => (
            <li key={m.userId}>
              <span>
                {m.name} <span className="badge">{t(`parents.roles.${m.role}`)}</span>
              </span>
              {parent.memberRole === "owner" && m.userId !== me && (
                <IntentButton intent="remove" fields={{ userId: m.userId }} label={t("parents.remove")} />
              )}
            </li>
          ))}
        </ul>
        {invitations.length > 0 && (
          <>
            <h3>{t("parents.pendingInvitations")}</h3>
            <ul className="member-list">
              {invitations.map((inv) => (
                <li key={inv.id}>
                  <span>
                    {t("parents.invitationMade", {
                      made: dateTimeFormat(i18n.language, { timeZone: parent.timeZone }).format(
                        new Date(inv.createdAt),
                      ),
                      expires: dateTimeFormat(i18n.language, { timeZone: parent.timeZone }).format(
                        new Date(inv.expiresAt),
                      ),
                    })}
                  </span>
                  <IntentButton
                    intent="revoke-invite"
                    fields={{ invitationId: inv.id }}
                    label={t("parents.revokeInvitation")}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
        {parent.memberRole === "owner" && (
          <Form method="post" className="stack">
            <h3>{t("parents.invite")}</h3>
            <p className="field-hint">{t("parents.inviteHint")}</p>
            <input type="hidden" name="intent" value="invite" />
            <SubmissionKeyInput value={submissionKey} />
            <button type="submit" className="button">
              {t("parents.inviteCreate")}
            </button>
          </Form>
        )}
        {actionData?.inviteUrl && (
          <p role="status">
            {t("parents.inviteLink")} <code className="break">{actionData.inviteUrl}</code>
          </p>
        )}
        {actionData?.error && (
          <p role="alert" className="field-errors">
            {t(actionData.error as "errors.generic")}
          </p>
        )}
      </section>
    </section>
  );
}
