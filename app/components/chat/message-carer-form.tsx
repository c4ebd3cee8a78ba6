// "Message": on a carer's profile, a family member picks which parent and which of the carer's
// services the conversation is about; it opens (or reopens) that conversation. A parent whose home the
// carer's area plainly does not reach says so, in the list and under it, before anything is sent.
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";

export function MessageCarerForm({
  carer,
  parents,
  parentId,
  services,
  service,
}: {
  carer: { id: string; name: string; radiusKm: number };
  parents: { id: string; name: string; outside: boolean; distanceKm: number }[];
  /** The parent chosen to begin with: the one searched for, else the first the carer's area reaches. */
  parentId: string | null;
  services: { service: ServiceKind }[];
  /** The service the family searched for (the profile's ?service=), chosen to begin with. */
  service?: ServiceKind | null;
}) {
  const { t } = useTranslation();
  const [chosenId, setChosenId] = useState(parentId ?? parents[0]?.id);
  const chosen = parents.find((p) => p.id === chosenId) ?? parents[0];
  return (
    <Form method="post" action="/chat/new" className="card stack message-carer">
      <input type="hidden" name="from" value="service" />
      <input type="hidden" name="carerId" value={carer.id} />
      <p className="field-hint">{t("chat.messageHint")}</p>
      <div className="field-row">
        {parents.length === 1 ? (
          <input type="hidden" name="parentId" value={parents[0]!.id} />
        ) : (
          <div className="field">
            <label htmlFor="message-parent">{t("chat.messageAbout")}</label>
            <select
              id="message-parent"
              name="parentId"
              value={chosen?.id}
              onChange={(e) => setChosenId(e.currentTarget.value)}
              aria-describedby={chosen?.outside ? "message-parent-outside" : undefined}
            >
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.outside ? t("chat.outsideAreaOption", { name: p.name, km: p.distanceKm }) : p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="message-service">{t("chat.messageService")}</label>
          <select id="message-service" name="service" defaultValue={service ?? undefined}>
            {services.map((s) => (
              <option key={s.service} value={s.service}>
                {t(`catalogue.services.${s.service}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen?.outside && (
        <p id="message-parent-outside" className="notice" role="status">
          {t("chat.outsideAreaFamily", {
            parent: chosen.name,
            carer: carer.name,
            km: chosen.distanceKm,
            radius: carer.radiusKm,
          })}
        </p>
      )}
      <button type="submit" className="button">
        {t("chat.messageCarer", { name: carer.name })}
      </button>
    </Form>
  );
}
