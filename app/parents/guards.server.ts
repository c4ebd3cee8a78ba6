// The route-edge guard of every page under /family/parents/:parentId: a family member, the parent
// the URL names, and that member's access to it, loaded once per request however many of the
// matched routes (the layout and its page) ask. Anyone else gets a 404.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { recordHomeRead } from "~/admin/audit.server";
import { requireFamily } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { memoizeForRequest } from "~/http/request-memo.server";
import { invariantResponse } from "~/http/responses.server";
import { getParentForMember, type MemberParent } from "./parents.server";

export async function requireMemberParent(
  request: Request,
  context: AppLoadContext,
  params: Params,
): Promise<MemberParent> {
  const user = await requireFamily(request, context);
  const parentId = uuidParam(params, "parentId");
  const parent = await memoizeForRequest(context, request, `parent:${parentId}`, async () => {
    const now = new Date();
    const found = await getParentForMember(context.db, user, parentId, now);
    // The full record, exact home and access notes included, was loaded for this viewer: audited
    // once per request, however many matched routes ask (app/admin/audit.server.ts).
    if (found) await recordHomeRead(context.db, user, found.id, { via: "parent" }, now);
    return found;
  });
  invariantResponse(parent);
  return parent;
}
