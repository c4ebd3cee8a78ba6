// The route-edge guard of the pages that act on one visit: its carer or its family (or, with
// `familyOnly`, its family: a carer gets 403). Anyone else gets a 404, before the form is read, so a
// visit's existence is not revealed by a 400. Memoised per request.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireFamily, requireFamilyOrCarer } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { memoizeForRequest } from "~/http/request-memo.server";
import { invariantResponse } from "~/http/responses.server";
import { getVisitParty, type VisitParty } from "./party.server";

export async function requireVisitParty(
  request: Request,
  context: AppLoadContext,
  params: Params,
  { familyOnly = false } = {},
): Promise<VisitParty> {
  const user = familyOnly ? await requireFamily(request, context) : await requireFamilyOrCarer(request, context);
  const visitId = uuidParam(params, "visitId");
  const party = await memoizeForRequest(context, request, `visit-party:${visitId}`, () =>
    getVisitParty(context.db, user, visitId),
  );
  invariantResponse(party);
  return party;
}
