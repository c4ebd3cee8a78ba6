import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { requireCarer } from "~/auth/guards.server";
import { nextChecklistStep } from "~/account/onboarding.server";
import { getOwnProfile, saveCarerProfile } from "~/carers/carers.server";
import { CarerProfileSchema, type CarerProfileInput } from "~/carers/schemas";
import { CarerProfileForm, ProfileProgress } from "~/components/carers/carer-profile-form";
import { NextStep } from "~/components/carers/next-step";
import { FIRST_STEP, fieldsOfStep, filledSteps, nextStep, profileSteps } from "~/carers/profile-steps";
import { withStepFields } from "~/validation/step-save";
import { mapConfig } from "~/geo/map-config.server";
import { invalid, readFormData } from "~/http/forms.server";
import { queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.carerProfile" };

/** The step, in ?step= or the form's step field: anything else (or no profile yet) is the first. */
const stepField = z.enum(profileSteps).catch(FIRST_STEP);
/** `saved=1`: the last step was just saved, so the page shows the way on. */
const ProfileQuery = z.object({ step: stepField, saved: z.literal("1").optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const profile = await getOwnProfile(context.db, user.id);
  const values = profile?.values ?? { timeZone: "Asia/Shanghai", radiusKm: 5 };
  const query = ProfileQuery.parse(queryOf(request));
  const saved = profile !== null && query.saved === "1";
  return {
    id: user.id,
    values,
    hasProfile: profile !== null,
    step: profile ? query.step : FIRST_STEP,
    filled: [...filledSteps(values, profile !== null)],
    map: mapConfig(context.env),
    onward: saved ? { next: await nextChecklistStep(context.db, user) } : null,
  };
}

// The carer id is the session's, never a form field: a carer can only ever write their own profile.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCarer(request, context);
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: CarerProfileSchema });
  if (submission.status !== "success") return invalid(submission);
  // A step saves its own fields over the saved profile (a post without a step: the whole form), then
  // moves on to the next step; the last one stays.
  const step = stepField.parse(form.get("step"));
  const saved = form.has("step") ? await getOwnProfile(context.db, user.id) : null;
  const profile = withStepFields<CarerProfileInput>(saved?.values ?? null, submission.value, fieldsOfStep(step));
  await saveCarerProfile(context.db, user.id, profile);
  const next = nextStep(step);
  // Saved without a service: it moves on, but says that families cannot find the carer until one is ticked.
  const offersNone = step === "services" && !profile.services.some((s) => s.offered);
  return next
    ? redirectWithToast(
        context.env,
        `/carer/profile?step=${next}`,
        offersNone ? { message: "profileSavedNoService", kind: "info" } : { message: "profileStepSaved" },
      )
    : redirectWithToast(context.env, `/carer/profile?step=${step}&saved=1`, { message: "profileSaved" });
}

export default function CarerProfilePage() {
  const { id, values, hasProfile, step, filled, map, onward } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("carerProfile.title")}</h1>
      <p>{t("carerProfile.intro")}</p>
      {hasProfile && (
        <p className="actions">
          <Link to="/carer/profile/photo" className="button button--secondary">
            {t("carerProfile.photo")}
          </Link>
          <Link to={`/carers/${id}`} className="button button--secondary">
            {t("carerProfile.viewPublic")}
          </Link>
        </p>
      )}
      <ProfileProgress step={step} filled={new Set(filled)} open={hasProfile} />
      {onward && <NextStep carerId={id} next={onward.next} />}
      <CarerProfileForm key={step} lastResult={lastResult} defaultValue={values} map={map} step={step} />
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
