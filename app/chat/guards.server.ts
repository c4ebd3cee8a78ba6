// The route-edge guard of a conversation's page, stream and actions: a family member or carer who is
// one of its two people. Anyone else gets a 404, so a conversation's existence is not revealed.
import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { familyOrCarerAfresh, requireFamilyOrCarer } from "~/auth/guards.server";
import { uuidParam } from "~/http/params.server";
import { memoizeForRequest } from "~/http/request-memo.server";
import { invariantResponse } from "~/http/responses.server";
import { type ConversationAccess, getConversationForViewer } from "./conversations.server";

export async function requireConversation(
  request: Request,
  context: AppLoadContext,
  params: Params,
): Promise<ConversationAccess> {
  const user = await requireFamilyOrCarer(request, context);
  const id = uuidParam(params, "conversationId");
  const access = await memoizeForRequest(context, request, `conversation:${id}`, () =>
    getConversationForViewer(context.db, user, id),
  );
  invariantResponse(access);
  return access;
}

/** For the conversation's event stream, later on: whether the asker is still one of its people (afresh). */
export async function stillInConversation(
  request: Request,
  context: AppLoadContext,
  conversationId: string,
): Promise<boolean> {
  const user = await familyOrCarerAfresh(request, context);
  return Boolean(user && (await getConversationForViewer(context.db, user, conversationId)));
}
