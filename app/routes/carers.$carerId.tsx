import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { lazyIsland } from "~/components/ui/lazy-island";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { getPublicProfile } from "~/carers/carers.server";
import { RatingLine, ReplyTime, VerifiedBadge } from "~/components/carers/carer-badges";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { queryOf, uuidParam } from "~/http/params.server";
import { parentsAgainstArea } from "~/parents/parents.server";
import { forbidden, invariantResponse } from "~/http/responses.server";
import { measuredPunctuality, REVIEWS_PER_PAGE, reviewsPage, scoreSummary } from "~/ratings/profile.server";
import { type HideResult, hideRatingText, type ReplyResult, replyToRating } from "~/ratings/ratings.server";
import { redirectWithToast } from "~/http/toast.server";
import { ProfileActionSchema, ProfileQuerySchema } from "~/ratings/schemas";
import { formatMoney } from "~/visit-requests/format";
import { useFormat } from "~/i18n/use-format";
import { StaticMap } from "~/components/map/static-map";
import { mapConfig } from "~/geo/map-config.server";
import { staticMapLayout } from "~/geo/static-map";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

// The reviews (with the carer's reply and the admin's hide forms) sit below the fold: their code loads
// with the page rather than before it can hydrate. The server renders them whole either way.
// The scores against peers render on the server and hydrate with the page (the page's budget).
const ScorePanel = lazyIsland(() => import("~/components/ratings/score-panel").then((m) => m.ScorePanel));
// Only families see the message form: it loads with the page, not before it (the server renders it).
const MessageCarerForm = lazyIsland(() =>
  import("~/components/chat/message-carer-form").then((m) => m.MessageCarerForm),
);
const ReviewList = lazyIsland(() => import("~/components/ratings/review-list").then((m) => m.ReviewList));

const REPLY_ERRORS = {
  already_replied: ["ratings.errors.alreadyReplied", 409],
  closed: ["ratings.errors.replyClosed", 409],
  nothing_to_reply: ["ratings.errors.nothingToReply", 409],
} as const satisfies Record<Extract<ReplyResult, { ok: false }>["error"], readonly [string, number]>;

const HIDE_ERRORS = {
  nothing_to_hide: ["ratings.errors.nothingToHide", 409],
  already_hidden: ["ratings.errors.alreadyHidden", 409],
} as const satisfies Record<Extract<HideResult, { ok: false }>["error"], readonly [string, number]>;

export const handle: PageHandle = { title: "titles.carerPublic" };

// A carer's public profile: any logged-in user; the base is approximate unless it is the carer's own.
// With the ratings: scores against peers (offering the service in ?service=, else the first the
// carer offers), measured punctuality, and a page (?page=) of reviews.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const carer = await getPublicProfile(context.db, user, uuidParam(params, "carerId"));
  invariantResponse(carer);
  const query = ProfileQuerySchema.safeParse(queryOf(request));
  const page = query.success ? query.data.page : 1;
  const offered = carer.services.map((s) => s.service);
  const wanted = query.success ? query.data.service : undefined;
  const compareService = wanted && offered.includes(wanted) ? wanted : (offered[0] ?? null);
  const now = new Date();
  // A family member may message the carer about one of their parents, each told whether the carer's
  // area reaches their home (the carer's point is the approximate one here: a family never owns it).
  const [parents, summary, punctuality, reviews] = await Promise.all([
    user.role === "family"
      ? parentsAgainstArea(context.db, user.id, { approx: carer.point, radiusM: carer.radiusKm * 1000 })
      : [],
    scoreSummary(context.db, carer.id, compareService),
    measuredPunctuality(context.db, carer.id, now),
    reviewsPage(context.db, user, carer.id, page, now),
  ]);
  const area = staticMapLayout(carer.point, mapConfig(context.env).tileUrl, { radiusKm: carer.radiusKm });
  // ?parent=: the parent whose search led here (the search's links carry it), chosen to begin with and
  // the way back; one that is not theirs is ignored.
  const cameFrom = query.success ? parents.find((p) => p.id === query.data.parent) : undefined;
  return {
    carer,
    parents,
    chosenParentId: (cameFrom ?? parents.find((p) => !p.outside) ?? parents[0])?.id ?? null,
    searchedFor: cameFrom ? { id: cameFrom.id, name: cameFrom.name } : null,
    area,
    ratings: { summary, punctuality, reviews, page, perPage: REVIEWS_PER_PAGE, compareService, offered },
  };
}

// Replies (the carer whose profile it is) and hiding abusive text (admins). Null from the domain:
// not theirs to touch, or no such review.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const carerId = uuidParam(params, "carerId");
  const submission = parseWithZod(await readFormData(request), { schema: ProfileActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  const now = new Date();
  switch (command.intent) {
    case "reply": {
      if (user.role !== "carer" || user.id !== carerId) throw forbidden();
      const result = await replyToRating(context.db, user, command.ratingId, command.reply, now);
      invariantResponse(result);
      if (!result.ok) {
        const [message, status] = REPLY_ERRORS[result.error];
        return invalid(submission, { formErrors: [message], status });
      }
      return redirect(`/carers/${carerId}#reviews-title`, 303);
    }
    case "hide": {
      if (user.role !== "admin") throw forbidden();
      const hidden = await hideRatingText(context.db, user, command.ratingId, command.part, command.reason, now);
      invariantResponse(hidden);
      if (!hidden.ok) {
        const [message, status] = HIDE_ERRORS[hidden.error];
        return invalid(submission, { formErrors: [message], status });
      }
      return redirectWithToast(context.env, `/carers/${hidden.carerId}#reviews-title`, { message: "reviewTextHidden" });
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function CarerPublicProfile() {
  const { carer, parents, chosenParentId, searchedFor, area, ratings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // One object per answer, so the lazy review list takes an update only when there is a new one.
  const refused = useMemo(
    () => (lastResult ? { values: lastResult.initialValue ?? {}, errors: lastResult.error ?? {} } : undefined),
    [lastResult],
  );
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <article className="stack" aria-labelledby="title">
      {searchedFor && (
        <p>
          <Link to={`/family/parents/${searchedFor.id}/carers`} className="link-target">
            ← {t("carers.backToSearch", { parent: searchedFor.name })}
          </Link>
        </p>
      )}
      <header className="profile-head">
        {carer.photoKey ? (
          <img
            className="carer-photo"
            src={`/photos/${carer.photoKey}`}
            alt={t("carers.photoAlt", { name: carer.name })}
            width={160}
            height={160}
          />
        ) : null}
        <div className="stack">
          <h1 id="title">{carer.name}</h1>
          <p>
            <VerifiedBadge verifiedAt={carer.verifiedAt} />
            {" · "}
            <RatingLine score={carer.ratingScore} visits={carer.visitsCompleted} />
          </p>
          {carer.replyMinutesMedian !== null && (
            <p>
              <ReplyTime minutes={carer.replyMinutesMedian} />
            </p>
          )}
          {carer.gender && <p className="muted">{t(`catalogue.genders.${carer.gender}`)}</p>}
        </div>
      </header>
      {parents.length > 0 && carer.services.length > 0 && (
        <MessageCarerForm
          carer={carer}
          parents={parents}
          parentId={chosenParentId}
          services={carer.services}
          service={ratings.compareService}
        />
      )}
      <ScorePanel
        summary={ratings.summary}
        punctuality={ratings.punctuality}
        services={ratings.offered}
        compareService={ratings.compareService}
      />
      {/* Bio is text: React escapes it, and pre-line keeps the carer's line breaks. */}
      <p className="pre-line bio">{carer.bio}</p>
      <section className="card stack" aria-labelledby="services-title">
        <h2 id="services-title">{t("carers.services")}</h2>
        <ul>
          {carer.services.map((s) => (
            <li key={s.service}>
              <strong>{t(`catalogue.services.${s.service}`)}</strong> —{" "}
              {t("carers.perHour", { price: formatMoney(s.priceCents, i18n.language), minutes: s.minMinutes })}
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="languages-title">
        <h2 id="languages-title">{t("carers.languages")}</h2>
        <p>{format.list(carer.languages.map((l) => t(`catalogue.languages.${l}`))) || "—"}</p>
        <h2>{t("carers.area")}</h2>
        <p>{t("phoneUx.map.area", { km: carer.radiusKm })}</p>
        <StaticMap layout={area} label={carer.exact ? t("location.yourBase") : t("location.approximate")} />
        <p className="muted">{carer.exact ? t("location.yourBase") : t("location.approximate")}</p>
      </section>
      <section className="card stack" aria-labelledby="availability-title">
        <h2 id="availability-title">{t("carers.availability", { zone: format.zone(carer.timeZone) })}</h2>
        {carer.availability.length === 0 ? (
          <p className="muted">{t("carers.notAvailable")}</p>
        ) : (
          <ul>
            {carer.availability.map((a) => (
              <li key={`${a.weekday}-${a.start}`}>
                {t(`catalogue.weekdays.${a.weekday}` as "catalogue.weekdays.0")}
                {t("app.labelColon")}
                {a.start}–{a.end}
              </li>
            ))}
          </ul>
        )}
      </section>
      {carer.faq.length > 0 && (
        <section className="card stack" aria-labelledby="faq-title">
          <h2 id="faq-title">{t("carers.faq")}</h2>
          <dl>
            {carer.faq.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static list, never reordered on the page
              <div key={i}>
                <dt>{f.question}</dt>
                <dd className="pre-line">{f.answer}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <ReviewList
        reviews={ratings.reviews}
        total={ratings.summary.reviewCount}
        page={ratings.page}
        perPage={ratings.perPage}
        timeZone={carer.timeZone}
        refused={refused}
        service={ratings.compareService}
      />
    </article>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
