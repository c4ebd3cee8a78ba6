// A moment as admins read it: date and time in the given zone (the parent's, for a visit), or UTC.
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export function When({ at, timeZone = "UTC" }: { at: string | null; timeZone?: string }) {
  const { i18n } = useTranslation();
  if (!at) return <>—</>;
  const text = dateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(at),
  );
  return <time dateTime={at}>{text}</time>;
}
