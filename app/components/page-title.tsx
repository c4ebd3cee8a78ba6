// The page's <title>, in the reader's language: the deepest route's `handle.title` (a catalogue key) with
// the app's name, or the app's name alone. Rendered by the root, so the key is carried with the page's
// text for hydration like any other (i18n-data.tsx). Routes export no `meta` (it could not translate) and
// the root renders no <Meta />.
import { useMatches } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export interface PageHandle {
  /** A key under `titles` in the catalogue. */
  title: `titles.${string}`;
}

export function PageTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  let key: string | undefined;
  for (let i = matches.length - 1; i >= 0 && !key; i--) key = (matches[i]!.handle as PageHandle | undefined)?.title;
  return <title>{key ? t("titles.page", { page: t(key) }) : t("app.name")}</title>;
}
