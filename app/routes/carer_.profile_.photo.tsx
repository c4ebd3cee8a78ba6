import { GeneralErrorBoundary } from "~/components/error-boundary";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { nextChecklistStep } from "~/account/onboarding.server";
import { requireCarer } from "~/auth/guards.server";
import { getOwnProfile } from "~/carers/carers.server";
import { MAX_PHOTO_BODY_BYTES, uploadCarerPhoto } from "~/carers/photo-upload.server";
import { NextStep } from "~/components/carers/next-step";
import { PhotoInput } from "~/components/ui/photo-input";
import { readFormData } from "~/http/forms.server";
import { queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import { getStorage } from "~/storage/storage.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.carerPhoto" };

/** `saved=1`: a photo was just saved, so the page shows the way on. */
const PhotoQuery = z.object({ saved: z.literal("1").optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const profile = await getOwnProfile(context.db, user.id);
  const photoKey = profile?.photoKey ?? null;
  const saved = photoKey !== null && PhotoQuery.parse(queryOf(request)).saved === "1";
  return {
    id: user.id,
    photoKey,
    hasProfile: profile !== null,
    name: user.name,
    onward: saved ? { next: await nextChecklistStep(context.db, user) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCarer(request, context);
  const form = await readFormData(request, { maxBytes: MAX_PHOTO_BODY_BYTES });
  const result = await uploadCarerPhoto(context.db, getStorage(context.env), user.id, form);
  if (!result.ok) return data({ error: result.error }, { status: 400 });
  return redirectWithToast(context.env, "/carer/profile/photo?saved=1", { message: "photoSaved" });
}

export default function CarerPhotoPage() {
  const { id, photoKey, hasProfile, name, onward } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("carerProfile.photo")}</h1>
      {photoKey && (
        <img
          className="carer-photo"
          src={`/photos/${photoKey}`}
          alt={t("carers.photoAlt", { name })}
          width={240}
          height={240}
        />
      )}
      {onward && <NextStep carerId={id} next={onward.next} />}
      {hasProfile ? (
        // Keyed by the photo: once one is saved the form starts empty again (it kept the file just
        // sent beside "saved", inviting a second upload of the same photo).
        <Form key={photoKey ?? "none"} method="post" encType="multipart/form-data" className="card stack">
          <div className="field">
            <label htmlFor="photo">{t("carerProfile.photo")}</label>
            <p className="field-hint" id="photo-hint">
              {t("carerProfile.photoHint")}
            </p>
            <PhotoInput hintId="photo-hint" serverErrors={actionData?.error ? [actionData.error] : undefined} />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("carerProfile.photoUpload")}
          </button>
        </Form>
      ) : (
        <p>{t("carerProfile.needProfile")}</p>
      )}
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
