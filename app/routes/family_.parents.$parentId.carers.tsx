import { parseWithZod } from "~/http/forms.server";
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lazyIsland } from "~/components/ui/lazy-island";
import { type Translate, useTranslation } from "~/i18n/react";
import { RatingLine, ReplyTime, VerifiedBadge } from "~/components/carers/carer-badges";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { pointsMap } from "~/components/map/points-preview.server";
import { filterQueryOf, queryOf } from "~/http/params.server";
import { requireMemberParent } from "~/parents/guards.server";
import { availableAtProblem } from "~/search/available-at";
import { SearchSchema } from "~/search/schemas";
import { searchCarers, type SearchResult } from "~/search/search.server";
import { formatMoney } from "~/visit-requests/format";
import { formatList } from "~/i18n/formatters";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.search" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const submission = parseWithZod(filterQueryOf(request), { schema: SearchSchema });
  const base = {
    parent: { id: parent.id, name: parent.name, lat: parent.lat, lng: parent.lng, timeZone: parent.timeZone },
    query: queryOf(request),
  };
  const map = (result: SearchResult) =>
    pointsMap(
      context.env,
      parent,
      result.carers.map((c) => ({ id: c.id, ...c.approx })),
    );
  // No search is made: the filter to correct is marked in the sheet.
  const refused = (errors: Record<string, string[] | null>) => {
    const empty: SearchResult = { from: 0, to: 0, hasMore: false, carers: [] };
    return data({ ...base, errors, result: empty, filters: null, map: map(empty) }, { status: 400 });
  };
  if (submission.status !== "success") return refused(submission.error ?? {});
  const pastAt = availableAtProblem(submission.value.at, parent.timeZone, new Date());
  if (pastAt) return refused({ at: [pastAt] });
  const result = await searchCarers(context.db, parent, submission.value);
  const errors = {} as Record<string, string[] | null>;
  return { ...base, errors, result, filters: submission.value, map: map(result) };
}

/** No carer: "try fewer filters" only when some are set (with none, there is nothing to take away). */
function emptyMessage(filters: {
  service?: string;
  language?: string;
  gender?: string;
  verified?: boolean;
  at?: string;
}) {
  const filtered = filters.service || filters.language || filters.gender || filters.verified || filters.at;
  return filtered ? "search.none" : "search.noneNearby";
}

/** "3 carers" when one page holds them all, else which ones this page shows ("Carers 21–40", "Carer 41"). */
function shownText(t: Translate, result: SearchResult) {
  if (result.from === 1 && !result.hasMore) return t("search.found", { count: result.to });
  if (result.from === result.to) return t("search.shownOne", { from: result.from });
  return t("search.shown", { from: result.from, to: result.to });
}

function pageHref(query: Record<string, string>, page: number) {
  return `?${new URLSearchParams({ ...query, page: String(page) })}`;
}

// The filter sheet and the sort chips load while the page hydrates, not before it (the server renders
// them whole): the page's own JavaScript stays within its budget (scripts/build/budgets.ts).
const SearchBar = lazyIsland(() => import("~/components/search/search-filters").then((m) => m.SearchBar));

export default function CarerSearch() {
  const { parent, query, map, errors, result, filters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const page = filters?.page ?? 1;
  // A profile opened from here knows the parent searched for (its Message form, its way back) and the service.
  const profileQuery = `?parent=${parent.id}${query.service ? `&service=${query.service}` : ""}`;
  const profileHref = (carerId: string) => `/carers/${carerId}${profileQuery}`;
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("search.title", { name: parent.name })}</h1>
      <SearchBar parent={parent} query={query} errors={errors} sort={filters?.sort} />
      {query.sort === "rating" && <p className="muted">{t("search.ratingNote")}</p>}
      {/* One status, there before and after a change of filters, saying how many or that there are
          none: a screen reader heard nothing when the count gave way to "no carer" (an accessibility probe). */}
      <p role="status">
        {result.carers.length > 0
          ? shownText(t, result)
          : filters
            ? t(page > 1 ? "search.pastEnd" : emptyMessage(filters), { page })
            : null}
      </p>
      {result.carers.length === 0 ? (
        // A refused filter (?at=2026-13-45T99:99, a hand-edited URL) means no search ran, and a page
        // past the last one (an old link) has carers before it: neither is "no carers".
        <>
          {!filters && <p role="alert">{t("search.invalid")}</p>}
          {/* Past the last page (an old link, a hand-edited one): back to the start in one tap, not one
              empty page at a time (an outside probe). */}
          {filters && page > 1 && (
            <p className="actions">
              <Link to={pageHref(query, 1)} className="button button--secondary">
                {t("search.firstPage")}
              </Link>
            </p>
          )}
          {/* What the message advises, a tap away (it was text alone: a phone walk). */}
          {filters && page === 1 && (
            <p className="actions">
              {emptyMessage(filters) === "search.none" && (
                <Link to={`/family/parents/${parent.id}/carers`} className="button button--secondary">
                  {t("phoneUx.search.clear")}
                </Link>
              )}
              <Link to={`/family/parents/${parent.id}/requests/new`} className="button">
                {t("parents.postRequest")}
              </Link>
            </p>
          )}
        </>
      ) : (
        <ol className="result-list">
          {result.carers.map((c) => (
            <li key={c.id} id={`result-${c.id}`} className="card result card--tappable">
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
                  <Link to={profileHref(c.id)} className="card-link">
                    {c.name}
                  </Link>{" "}
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
                <p className="muted">
                  {formatList(
                    i18n.language,
                    c.services.map((s) => t(`catalogue.services.${s}`)),
                  )}
                </p>
                <p className="muted">
                  {formatList(
                    i18n.language,
                    c.languages.map((l) => t(`catalogue.languages.${l}`)),
                  )}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {result.carers.length > 0 && (page > 1 || result.hasMore) && (
        <nav className="pager" aria-label={t("search.page", { page })}>
          {page > 1 ? (
            <Link to={pageHref(query, page - 1)} rel="prev" className="button button--secondary">
              {t("search.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("search.page", { page })}</span>
          {result.hasMore ? (
            <Link to={pageHref(query, page + 1)} rel="next" className="button button--secondary">
              {t("search.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
      <LazyPointsMap
        {...map}
        home={{ lat: parent.lat, lng: parent.lng }}
        homeLabel={parent.name}
        points={result.carers.map((c) => ({
          id: c.id,
          lat: c.approx.lat,
          lng: c.approx.lng,
          label: c.name,
          href: `/carers/${c.id}`,
        }))}
        label={t("search.map")}
      />
    </section>
  );
}
