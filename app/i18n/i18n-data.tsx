// The catalogue entries a page shows, carried in the page as JSON: the browser hydrates with exactly those
// and loads the rest of its language after hydration. Rendered last in <body>, once the rest of the
// document has asked for its text; in the browser it echoes what the page carried.
import { useTranslation } from "~/i18n/react";

export const I18N_DATA_ID = "kv-i18n";

export function I18nData() {
  const { i18n } = useTranslation();
  const json = i18n.inlineJson();
  if (!json) return null;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON from our own catalogue, with "<" escaped
  return <script id={I18N_DATA_ID} type="application/json" dangerouslySetInnerHTML={{ __html: json }} />;
}
