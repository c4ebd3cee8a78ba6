// "Message": on a carer's profile, a family member picks which parent and which of the carer's
// services the conversation is about; it opens (or reopens) that conversation.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";

export function MessageCarerForm({
  carer,
  parents,
  services,
  service,
}: {
  carer: { id: string; name: string };
  parents: { id: string; name: string }[];
  services: { service: ServiceKind }[];
  /** The service the family searched for (the profile's ?service=), chosen to begin with. */
  service?: ServiceKind | null;
}) {
  const { t } = useTranslation();
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
            <select id="message-parent" name="parentId">
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
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
      <button type="submit" className="button">
        {t("chat.messageCarer", { name: carer.name })}
      </button>
    </Form>
  );
}
