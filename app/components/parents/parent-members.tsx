// Who shares a parent: members, the owner's unused invitation links, and the form that makes one.
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import type { ParentMemberRole } from "~db/schema";
import { ErrorList } from "~/components/ui/field";
import { IntentButton } from "~/components/ui/intent-button";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";

/** What the parent's intent buttons led to, passed from the layout's action to the overview. */
export interface ParentActionOutcome {
  /** The invitation link just made: shown once, never stored. */
  inviteUrl: string | null;
  errors?: string[];
}

interface Props {
  parent: { id: string; name: string; timeZone: string; memberRole: ParentMemberRole | null };
  me: string;
  members: { userId: string; name: string; role: ParentMemberRole }[];
  invitations: { id: string; createdAt: string | Date; expiresAt: string | Date }[];
  submissionKey: string;
  /** The link just made: shown once, never stored. */
  inviteUrl: string | null;
  errors?: string[];
}

export function ParentMembers({ parent, me, members, invitations, submissionKey, inviteUrl, errors }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const isOwner = parent.memberRole === "owner";
  const owners = members.filter((m) => m.role === "owner").length;
  // The layout route at the parent's URL takes these posts.
  const action = `/family/parents/${parent.id}`;
  const day = (d: string | Date) => format.date(d, { timeZone: parent.timeZone, weekday: false });
  return (
    <section className="card stack" aria-labelledby="members-title">
      <h2 id="members-title">{t("parents.members")}</h2>
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} <span className="badge">{t(`parents.roles.${m.role}`)}</span>
            </span>
            {(m.userId === me ? !(m.role === "owner" && owners === 1) : isOwner) && (
              // Leaving, and removing another member, take a second tap after what it means is said
              // (works without JavaScript): a removal was one tap (an outside probe).
              <details className="member-leave">
                <summary className="button button--secondary">
                  {t(m.userId === me ? "parents.leave" : "parents.remove")}
                </summary>
                <p>
                  {t(m.userId === me ? "parents.leaveExplain" : "parents.removeExplain", {
                    name: parent.name,
                    member: m.name,
                  })}
                </p>
                <IntentButton
                  intent="remove"
                  fields={{ userId: m.userId }}
                  label={t(m.userId === me ? "parents.leaveConfirm" : "parents.removeConfirm", {
                    name: parent.name,
                    member: m.name,
                  })}
                  action={action}
                />
              </details>
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
                <span>{t("parents.invitationMade", { made: day(inv.createdAt), expires: day(inv.expiresAt) })}</span>
                <IntentButton
                  intent="revoke-invite"
                  fields={{ invitationId: inv.id, submissionKey }}
                  label={t("parents.revokeInvitation")}
                  action={action}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {isOwner && (
        // The page stays where it is (Remix scrolled it to the top after the post, racing the link's
        // scroll into view): the link appears below the button that made it.
        <Form method="post" action={action} className="stack" preventScrollReset>
          <h3>{t("parents.invite")}</h3>
          <p className="field-hint">{t("parents.inviteHint")}</p>
          <input type="hidden" name="intent" value="invite" />
          <SubmissionKeyInput value={submissionKey} />
          <button type="submit" className="button">
            {t("parents.inviteCreate")}
          </button>
        </Form>
      )}
      {inviteUrl && <InviteLink url={inviteUrl} />}
      <ErrorList errors={errors} />
    </section>
  );
}

/**
 * The link just made, shown once: brought into view (on a phone it appeared under the tab bar, and the
 * tap seemed to do nothing), in a box that selects it whole, with a Copy button once the page's code
 * runs (an outside probe found no way to copy it).
 */
function InviteLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCanCopy(Boolean(navigator.clipboard));
    box.current?.scrollIntoView({ block: "center" });
  }, []);
  return (
    <div ref={box} role="status" className="stack">
      <div className="field">
        <label htmlFor="invite-url">{t("parents.inviteLink")}</label>
        <input id="invite-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      {canCopy && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void navigator.clipboard.writeText(url).then(() => setCopied(true))}
        >
          {t(copied ? "parents.inviteCopied" : "parents.inviteCopy")}
        </button>
      )}
    </div>
  );
}
