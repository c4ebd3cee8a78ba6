// The family search's filters, in the sheet behind the "Filters" chip (ADR 022). A plain GET form, so it
// works without JavaScript; its code loads while the page hydrates (the page lazy-loads it).
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ChipLinks } from "~/components/ui/chip-links";
import { genders, languageCodes, serviceKinds } from "~db/catalogue";
import { SelectField } from "~/components/ui/choice-fields";
import { ErrorList } from "~/components/ui/field";
import { formatTimeZone } from "~/i18n/formatters";
import { offeredSorts, type SearchSort } from "~/search/sorts";

const PAGE_SIZES = ["10", "20", "50"];
const FILTERS = ["service", "language", "gender", "at", "verified"] as const;

/**
 * Results first; the filters wait in a sheet (a <details>, so it opens without JavaScript), open by
 * itself only when one of them needs fixing, beside the sort chips. `sort` is the parsed order: a bad
 * one in the URL is reported in the sheet, and the page goes on from "best".
 */
export function SearchBar({
  parent,
  query,
  errors,
  sort = "best",
}: {
  parent: { name: string; timeZone: string };
  query: Record<string, string>;
  errors: Record<string, string[] | null>;
  sort?: SearchSort;
}) {
  const { t } = useTranslation();
  const active = FILTERS.filter((f) => query[f]).length;
  return (
    <div className="chip-row">
      <details className="sheet" open={Object.keys(errors).length > 0 || undefined}>
        <summary className="chip sheet__toggle">
          {active > 0 ? t("phoneUx.search.filtersActive", { n: active }) : t("search.filters")}
        </summary>
        <SearchFilters parent={parent} query={query} errors={errors} sort={sort} size={query.size ?? "20"} />
      </details>
      <SortChips query={query} sort={sort} />
    </div>
  );
}

export function SearchFilters({
  parent,
  query,
  errors,
  sort,
  size,
}: {
  parent: { name: string; timeZone: string };
  query: Record<string, string>;
  errors: Record<string, string[] | null>;
  sort: string;
  size: string;
}) {
  const { t, i18n } = useTranslation();
  const err = (name: string) => errors[name] ?? undefined;
  return (
    <Form method="get" className="sheet__body filters" aria-label={t("search.filters")}>
      <p className="muted sheet__intro">{t("search.intro", { name: parent.name })}</p>
      <SelectField
        id="f-service"
        name="service"
        label={t("search.service")}
        includeEmpty={t("search.anyService")}
        defaultValue={query.service}
        options={serviceKinds.map((s) => ({ value: s, label: t(`catalogue.services.${s}`) }))}
        errors={err("service")}
      />
      <SelectField
        id="f-language"
        name="language"
        label={t("search.language")}
        includeEmpty={t("search.anyLanguage")}
        defaultValue={query.language}
        options={languageCodes.map((l) => ({ value: l, label: t(`catalogue.languages.${l}`) }))}
        errors={err("language")}
      />
      <SelectField
        id="f-gender"
        name="gender"
        label={t("search.gender")}
        includeEmpty={t("search.anyGender")}
        defaultValue={query.gender}
        options={genders.map((g) => ({ value: g, label: t(`catalogue.genders.${g}`) }))}
        errors={err("gender")}
      />
      <div className="field">
        <label htmlFor="f-at">
          {t("search.availableAt", { zone: formatTimeZone(i18n.language, parent.timeZone) })}
        </label>
        <input
          id="f-at"
          name="at"
          type="datetime-local"
          defaultValue={query.at}
          aria-invalid={err("at") ? true : undefined}
          aria-describedby={err("at") ? "f-at-error" : undefined}
        />
        <ErrorList id="f-at-error" errors={err("at")} />
      </div>
      {/* Sorting is the chips' job; the sheet keeps the current order. A bad one in the URL is
          named here, so its message does not read as the field above's. */}
      <input type="hidden" name="sort" value={sort} />
      {err("sort") && (
        <div className="field">
          <strong>{t("search.sort")}</strong>
          <ErrorList errors={err("sort")} />
        </div>
      )}
      <SelectField
        id="f-size"
        name="size"
        label={t("search.pageSize")}
        defaultValue={size}
        // The usual sizes, and whatever a shared link asked for, so applying keeps it.
        options={[...new Set([...PAGE_SIZES, size])].map((n) => ({ value: n, label: n }))}
        errors={err("size")}
      />
      <label className="choice">
        <input
          type="checkbox"
          name="verified"
          value="on"
          defaultChecked={query.verified === "on"}
          aria-invalid={err("verified") ? true : undefined}
          aria-describedby={err("verified") ? "f-verified-error" : undefined}
        />
        <span>{t("search.verified")}</span>
      </label>
      {/* A link can say ?verified=true: the box only ever sends "on". */}
      <ErrorList id="f-verified-error" errors={err("verified")} />
      <ErrorList errors={err("page")} />
      <button type="submit" className="button">
        {t("search.apply")}
      </button>
    </Form>
  );
}

/** The sorts as a row of chips: each a link to the same search in that order, from page 1. */
export function SortChips({ query, sort }: { query: Record<string, string>; sort: SearchSort }) {
  const { t } = useTranslation();
  return (
    <ChipLinks
      label={t("search.sort")}
      values={offeredSorts}
      current={sort}
      href={(s) => `?${new URLSearchParams({ ...query, sort: s, page: "1" })}`}
      text={(s) => t(`search.sorts.${s}`)}
    />
  );
}
