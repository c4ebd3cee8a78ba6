// Who is asking: guards that loaders and actions call first. They throw redirects or 403s.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { UserRole } from "~db/schema";
import { REDIRECT_MAX, safeRedirect } from "~/http/redirect";
import { redirectWithToast } from "~/http/toast.server";
import { BACKGROUND_HEADER } from "~/http/post-quietly";
import { readSessionToken, validateSessionToken, type CurrentAuth, type SessionUser } from "./session.server";

export function getCurrentAuth(request: Request, context: AppLoadContext): Promise<CurrentAuth | null> {
  context.auth ??= (async () => {
    const token = readSessionToken(context.env, request);
    return token ? validateSessionToken(context.db, context.env, token) : null;
  })();
  return context.auth;
}

export async function getOptionalUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  return (await getCurrentAuth(request, context))?.user ?? null;
}

/** A same-site path to come back to after login; anything else falls back to the home page. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return safeRedirect(to, fallback);
}

/**
 * The logged-in user, or a redirect to the login page. An account marked for deletion is sent to
 * /account/restore (keep it, or log out) until it chooses: only the pages that page needs pass
 * `{ pendingDeletion: "allow" }` (ADR 021).
 */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  { pendingDeletion = "redirect" }: { pendingDeletion?: "redirect" | "allow" } = {},
): Promise<SessionUser> {
  const user = await getOptionalUser(request, context);
  const url = new URL(request.url);
  // Back to this page after logging in (or keeping the account); a URL too long to carry back loses
  // its query, then itself.
  const back = [url.pathname + url.search, url.pathname].find((to) => to.length <= REDIRECT_MAX);
  const via = (page: string) => (back ? `${page}?${new URLSearchParams({ redirectTo: back })}` : page);
  if (!user) {
    const login = via("/login");
    // A browser whose session ended meanwhile (the password changed on another device, logged out
    // everywhere, expired) is told why: it was sent to the login page with no word (an outside probe).
    // Not for a stream's reconnect or a quiet post (a read receipt, a position): the word is for the
    // person's own next page.
    const background =
      request.headers.has(BACKGROUND_HEADER) || (request.headers.get("Accept") ?? "").includes("text/event-stream");
    if (!background && readSessionToken(context.env, request)) {
      throw redirectWithToast(context.env, login, { message: "sessionEnded" });
    }
    throw redirect(login);
  }
  // The page asked for comes back after "Keep my account" (an invitation was lost there: an outside probe).
  if (user.deletionRequestedAt && pendingDeletion === "redirect") throw redirect(via("/account/restore"));
  return user;
}

async function requireRole(request: Request, context: AppLoadContext, role: UserRole): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (user.role !== role) throw new Response("Forbidden", { status: 403 });
  return user;
}

export const requireFamily = (request: Request, context: AppLoadContext) => requireRole(request, context, "family");
export const requireCarer = (request: Request, context: AppLoadContext) => requireRole(request, context, "carer");
/** An admin: the type says so, so admin domain functions (app/admin/) cannot be handed anyone else. */
export const requireAdmin = async (request: Request, context: AppLoadContext) =>
  (await requireRole(request, context, "admin")) as SessionUser & { role: "admin" };

/** Chat is between families and carers; admins read conversations through disputes, not here. */
export async function requireFamilyOrCarer(
  request: Request,
  context: AppLoadContext,
): Promise<SessionUser & { role: "family" | "carer" }> {
  const user = await requireUser(request, context);
  if (user.role === "admin") throw new Response("Forbidden", { status: 403 });
  return { ...user, role: user.role };
}

/**
 * The session's family member or carer, read afresh from the database, never from this request's
 * memo: for a response that outlives its request (an event stream) to ask again later. Null once the
 * session is gone (logged out, expired, the account suspended), for an admin, and for an account
 * awaiting deletion, as requireFamilyOrCarer refuses them.
 */
export async function familyOrCarerAfresh(
  request: Request,
  context: AppLoadContext,
): Promise<(SessionUser & { role: "family" | "carer" }) | null> {
  const token = readSessionToken(context.env, request);
  const user = token ? (await validateSessionToken(context.db, context.env, token))?.user : null;
  if (!user || user.role === "admin" || user.deletionRequestedAt) return null;
  return { ...user, role: user.role };
}

/** Logged-in people visiting /login or /signup go to their dashboard instead. */
export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(dashboardPath(user.role));
}

export function dashboardPath(role: UserRole): string {
  return role === "family" ? "/family" : role === "carer" ? "/carer" : "/admin";
}
