import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireFamily } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { createInvitation } from "~/parents/invitations.server";
import { getParentForMember, listMembers, removeMember } from "~/parents/parents.server";
import { closeVisitRequest, listRequestsForParent } from "~/visit-requests/visit-requests.server";
import { getEnv } from "~/env.server";
import { formatSchedule } from "~/visit-requests/format";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Parent" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const parent = await getParentForMember(context.db, user, uuidParam(params, "parentId"));
  const [members, requests] = await Promise.all([listMembers(context.db, parent.id), listRequestsForParent(context.db, parent.id)]);
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
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("remove"), userId: z.uuid() }),
  z.object({ intent: z.literal("cancel-request"), requestId: z.uuid() }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const parentId = uuidParam(params, "parentId");
  await getParentForMember(context.db, user, parentId);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "errors.generic", inviteUrl: null }, { status: 400 });
  if (parsed.data.intent === "invite") {
    const result = await createInvitation(context.db, user, parentId);
    if (!result.ok) return data({ error: "errorPage.403.body", inviteUrl: null }, { status: 403 });
    return { error: null, inviteUrl: `${getEnv().PUBLIC_URL}/invitations/${result.token}` };
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
  const { parent, members, requests, me } = useLoaderData<typeof loader>();
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
          <dd>{parent.languages.map((l) => t(`catalogue.languages.${l}` as "catalogue.languages.mandarin")).join(", ") || "—"}</dd>
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
            <dd>{t("parents.goalSummary", { visits: parent.visitGoalVisits ?? 0, minutes: parent.visitGoalMinutes ?? 0 })}</dd>
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
                  {t(`catalogue.services.${r.service}`)} · {formatSchedule(t, i18n.language, r)} · {t(`requests.status.${r.status}`)}
                </span>
                {r.status === "open" && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel-request" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className="button button--secondary">
                      {t("requests.cancel")}
                    </button>
                  </Form>
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
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" className="button button--secondary">
                    {t("parents.remove")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {parent.memberRole === "owner" && (
          <Form method="post" className="stack">
            <h3>{t("parents.invite")}</h3>
            <p className="field-hint">{t("parents.inviteHint")}</p>
            <input type="hidden" name="intent" value="invite" />
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
