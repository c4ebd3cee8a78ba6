// Flash messages ("toasts") after a state change: the action redirects with a short-lived cookie,
// the next document or data request shows it once and clears it. Works without JavaScript, since the
// root loader renders it into the page that the redirect leads to.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import type { Env } from "~/env.server";
import { en } from "~/i18n/locales/en";

const TOAST_COOKIE = "kv_toast";
const toastKeys = Object.keys(en.toast) as [keyof typeof en.toast, ...(keyof typeof en.toast)[]];

// The cookie is not signed: whoever can set it can only show themselves one of our own messages.
// So the message is a catalogue key, and values are short plain text (React escapes them).
const ToastSchema = z.object({
  id: z.string().max(40),
  kind: z.enum(["success", "info", "error"]),
  message: z.enum(toastKeys),
  values: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
});

export type Toast = z.infer<typeof ToastSchema>;
export type ToastInput = Omit<Toast, "id" | "kind"> & { kind?: Toast["kind"] };

function toastCookie(env: Pick<Env, "isProduction">, toast: ToastInput): string {
  const value: Toast = { id: crypto.randomUUID(), kind: toast.kind ?? "success", ...toast };
  return serializeCookie(env, TOAST_COOKIE, Buffer.from(JSON.stringify(value)).toString("base64url"), {
    maxAgeSeconds: 60,
  });
}

/** A redirect that carries a toast to the page it leads to. */
export function redirectWithToast(
  env: Pick<Env, "isProduction">,
  url: string,
  toast: ToastInput,
  init: { headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", toastCookie(env, toast));
  return redirect(url, { headers });
}

/** The pending toast, if any, and the header that clears it once shown. */
export function takeToast(
  env: Pick<Env, "isProduction">,
  request: Request,
): { toast: Toast | null; headers?: HeadersInit } {
  const raw = readCookie(request, TOAST_COOKIE);
  if (!raw) return { toast: null };
  const clear = { "Set-Cookie": serializeCookie(env, TOAST_COOKIE, "", { maxAgeSeconds: 0 }) };
  try {
    const parsed = ToastSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { toast: parsed.success ? parsed.data : null, headers: clear };
  } catch {
    return { toast: null, headers: clear };
  }
}
