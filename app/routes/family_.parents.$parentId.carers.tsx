import { parseWithZod } from "~/http/forms.server";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { genders, languageCodes, serviceKinds } from "~db/catalogue";
import { RatingLine, ReplyTime, VerifiedBadge } from "~/components/carers/carer-badges";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { SelectField } from "~/components/ui/choice-fields";
import { ErrorList } from "~/components/ui/field";
import { mapConfig } from "~/geo/map-config.server";
import { requireMemberParent } from "~/parents/guards.server";
import { SearchSchema } from "~/search/schemas";
import { offeredSorts } from "~/search/sorts";
import { searchCarers, type SearchResult } from "~/search/search.server";
import { formatMoney } from "~/visit-requests/format";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Find carers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const query = new URL(request.url).searchParams;
  const submission = parseWithZod(query, { schema: SearchSchema });
  const base = {
    parent: { id: parent.id, name: parent.name, lat: parent.lat, lng: parent.lng, timeZone: parent.timeZone },
    query: Object.fromEntries(query),
    map: mapConfig(context.env),
  };
  if (submission.status !== "success") {
    const empty: SearchResult = { from: 0, to: 0, hasMore: false, carers: [] };
    return data({ ...base, errors: submission.error ?? {}, result: empty, filters: null }, { status: 400 });
  }
  const result = await searchCarers(context.db, parent, submission.value);
  return { ...base, errors: {} as Record<string, string[] | null>, result, filters: submission.value };
}

function pageHref(query: Record<string, string>, page: number) {
  return `?${new URLSearchParams({ ...query, page: String(page) })}`;
}

export default function CarerSearch() {
  const { parent, query, map, errors, result, filters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const err = (name: string) => errors[name] ?? undefined;
  const page = filters?.page ?? 1;
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("search.title", { name: parent.name })}</h1>
      <p>{t("search.intro", { name: parent.name })}</p>
      <Form method="get" className="card filters" aria-label={t("search.filters")}>
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
          <label htmlFor="f-at">{t("search.availableAt", { zone: parent.timeZone })}</label>
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
        <SelectField
          id="f-sort"
          name="sort"
          label={t("search.sort")}
          defaultValue={query.sort ?? "best"}
          options={offeredSorts.map((s) => ({ value: s, label: t(`search.sorts.${s}`) }))}
          errors={err("sort")}
        />
        <div className="field">
          <label htmlFor="f-size">{t("search.pageSize")}</label>
          <input
            id="f-size"
            name="size"
            type="number"
            min={1}
            max={50}
            defaultValue={query.size ?? "20"}
            aria-invalid={err("size") ? true : undefined}
            aria-describedby={err("size") ? "f-size-error" : undefined}
          />
          <ErrorList id="f-size-error" errors={err("size")} />
        </div>
        <label className="choice">
          <input type="checkbox" name="verified" value="on" defaultChecked={query.verified === "on"} />
          <span>{t("search.verified")}</span>
        </label>
        <ErrorList errors={err("page")} />
        <button type="submit" className="button">
          {t("search.apply")}
        </button>
      </Form>
      {query.sort === "rating" && <p className="muted">{t("search.ratingNote")}</p>}
      {result.carers.length > 0 && <p role="status">{t("search.shown", { from: result.from, to: result.to })}</p>}
      <LazyPointsMap
        home={{ lat: parent.lat, lng: parent.lng }}
        homeLabel={parent.name}
        points={result.carers.map((c) => ({
          id: c.id,
          lat: c.approx.lat,
          lng: c.approx.lng,
          label: c.name,
          href: `/carers/${c.id}`,
        }))}
        tileUrl={map.tileUrl}
        label={t("search.map")}
      />
      {result.carers.length === 0 ? (
        <p>{t("search.none")}</p>
      ) : (
        <ol className="result-list">
          {result.carers.map((c) => (
            <li key={c.id} id={`result-${c.id}`} className="card result">
              {c.photoKey ? (
                <img
                  className="result__photo"
                  src={`/photos/${c.photoKey}`}
                  alt=""
                  width={64}
                  height={64}
                  loading="lazy"
                />
              ) : (
                <span className="result__photo result__photo--empty" aria-hidden="true" />
              )}
              <div className="stack result__body">
                <h2>
                  <Link to={`/carers/${c.id}${query.service ? `?service=${query.service}` : ""}`}>{c.name}</Link>{" "}
                  <VerifiedBadge verifiedAt={c.verifiedAt} />
                </h2>
                <p>
                  {t("location.distance", { km: c.distanceKm })} ·{" "}
                  {t("carers.fromPrice", { price: formatMoney(c.priceCents, i18n.language) })}
                </p>
                <p>
                  <RatingLine score={c.ratingScore} visits={c.visitsCompleted} />
                  {c.goodRate && (
                    <span className="muted">
                      {" · "}
                      {t("ratings.card.good", { percent: Math.round(c.goodRate.share * 100), count: c.goodRate.count })}
                    </span>
                  )}
                  {c.replyMinutesMedian !== null && " · "}
                  <ReplyTime minutes={c.replyMinutesMedian} />
                </p>
                <p className="muted">{c.services.map((s) => t(`catalogue.services.${s.service}`)).join(" · ")}</p>
                <p className="muted">{c.languages.map((l) => t(`catalogue.languages.${l}`)).join(", ")}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {(page > 1 || result.hasMore) && (
        <nav className="pager" aria-label={t("search.page", { page })}>
          {page > 1 ? (
            <Link to={pageHref(query, page - 1)} rel="prev">
              {t("search.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("search.page", { page })}</span>
          {result.hasMore ? (
            <Link to={pageHref(query, page + 1)} rel="next">
              {t("search.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
