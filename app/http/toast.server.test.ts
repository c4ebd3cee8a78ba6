import { describe, expect, it } from "vitest";
import { redirectWithToast, takeToast } from "./toast.server";

const env = { isProduction: false };
const withCookie = (cookie: string) => new Request("http://x/", { headers: { Cookie: cookie } });
const cookieOf = (res: Response) => res.headers.get("Set-Cookie")!.split(";")[0]!;

describe("toasts", () => {
  it("travel in a redirect's cookie and are read back once, with a header that clears them", () => {
    const res = redirectWithToast(env, "/family", { message: "parentSaved", values: { name: "Zhou Mei" } });
    expect(res.status).toBe(302);
    const { toast, headers } = takeToast(env, withCookie(cookieOf(res)));
    expect(toast).toMatchObject({ kind: "success", message: "parentSaved", values: { name: "Zhou Mei" } });
    expect(new Headers(headers).get("Set-Cookie")).toMatch(/^kv_toast=; .*Max-Age=0/);
  });

  it("ignore a forged cookie that names no message of ours, or is not even JSON, and clear it", () => {
    const forged = Buffer.from(JSON.stringify({ id: "1", kind: "success", message: "<script>" })).toString("base64url");
    expect(takeToast(env, withCookie("kv_toast=%%%")).toast).toBeNull();
    for (const value of [forged, "bm90IGpzb24"]) {
      const { toast, headers } = takeToast(env, withCookie(`kv_toast=${value}`));
      expect(toast).toBeNull();
      expect(new Headers(headers).get("Set-Cookie")).toContain("Max-Age=0");
    }
  });

  it("leave requests without one alone", () => {
    expect(takeToast(env, new Request("http://x/"))).toEqual({ toast: null });
  });
});
