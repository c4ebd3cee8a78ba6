// The route-edge guard of a visit's page, stream, log and photo: its carer or a family member of the
// parent. Anyone else gets a 404, so another family's visit is not revealed; admins get the 403 of
// requireFamilyOrCarer (they will see visits through disputes).
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { familyOrCarerAfresh, requireFamilyOrCarer } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { memoizeForRequest } from "~/http/request-memo.server";
import { invariantResponse } from "~/http/responses.server";
import { getVisitAccess, type VisitAccess } from "./access.server";

export async function requireVisit(request: Request, context: AppLoadContext, params: Params): Promise<VisitAccess> {
  const user = await requireFamilyOrCarer(request, context);
  const id = uuidParam(params, "visitId");
  const access = await memoizeForRequest(context, request, `visit:${id}`, () => getVisitAccess(context.db, user, id));
  invariantResponse(access);
  return access;
}

/** For the visit's event stream, later on: whether the asker may still see the visit (afresh). */
export async function stillSeesVisit(request: Request, context: AppLoadContext, visitId: string): Promise<boolean> {
  const user = await familyOrCarerAfresh(request, context);
  return Boolean(user && (await getVisitAccess(context.db, user, visitId)));
}
