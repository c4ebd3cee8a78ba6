import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCarer } from "~/auth/guards.server";
import { getOwnProfile, saveCarerProfile } from "~/carers/carers.server";
import { CarerProfileSchema } from "~/carers/schemas";
import { CarerProfileForm } from "~/components/carers/carer-profile-form";
import { mapConfig } from "~/geo/map-config.server";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · My profile" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const profile = await getOwnProfile(context.db, user.id);
  return {
    id: user.id,
    values: profile?.values ?? { timeZone: "Asia/Shanghai", radiusKm: 5 },
    hasProfile: profile !== null,
    map: mapConfig(context.env),
  };
}

// The carer id is the session's, never a form field: a carer can only ever write their own profile.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCarer(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: CarerProfileSchema });
  if (submission.status !== "success") return invalid(submission);
  await saveCarerProfile(context.db, user.id, submission.value);
  return redirectWithToast(context.env, "/carer/profile", { message: "profileSaved" });
}

export default function CarerProfilePage() {
  const { id, values, hasProfile, map } = useLoaderData<typeof loader>();
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
      <CarerProfileForm lastResult={lastResult} defaultValue={values} map={map} />
    </section>
  );
}
