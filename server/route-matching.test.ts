// The remembered route matching must be in place (a @remix-run/router upgrade that changes the patched
// source is noticed here) and must match exactly as the stock router does.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { rememberRouteMatching, routeMatching } from "./route-matching";

const require = createRequire(import.meta.url);

describe("route matching", () => {
  it("is remembered in this process", () => {
    expect(routeMatching).toBe("patched");
    expect(rememberRouteMatching()).toBe("patched");
  });

  it("matches as before, for the same route list and for a fresh copy of it", () => {
    const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
    const routes = () => [
      {
        id: "root",
        path: "",
        children: [
          { id: "index", index: true },
          { id: "family", path: "family" },
          { id: "parent", path: "family/parents/:parentId" },
          { id: "carers", path: "family/parents/:parentId/carers" },
          { id: "job", path: "carer/jobs/:requestId" },
          { id: "photos", path: "photos/*" },
          { id: "lang", path: ":lang?/about" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const shared = routes();
    const paths = [
      "/",
      "/family",
      "/family/",
      "/family/parents/abc",
      "/family/parents/abc/carers",
      "/carer/jobs/x%2Fy",
      "/photos/a/b.jpg",
      "/about",
      "/zh/about",
      "/nope/x",
    ];
    for (const p of paths) {
      const first = matchRoutes(shared, p);
      expect(matchRoutes(shared, p), p).toEqual(first);
      const fresh = matchRoutes(routes(), p);
      expect(
        fresh?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]),
        p,
      ).toEqual(first?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]));
    }
    expect(matchRoutes(shared, "/family/parents/abc/carers")?.map((m) => m.route.id)).toEqual(["root", "carers"]);
    expect(matchRoutes(shared, "/nope/x")?.at(-1)?.params).toEqual({ "*": "nope/x" });
    // Each caller gets its own matches: what one changes (a loader's params) the next does not see.
    const mine = matchRoutes(shared, "/family/parents/abc")!;
    expect(mine[0]!.params).toBe(mine[1]!.params);
    (mine[1]!.params as Record<string, string>).parentId = "changed";
    expect(matchRoutes(shared, "/family/parents/abc")![1]!.params).toEqual({ parentId: "abc" });
  });

  it("builds a render's route trees once per build, and again when a module changes", () => {
    const remix = require("@remix-run/react/dist/routes.js") as {
      createServerRoutes(manifest: object, modules: object, future: object, spa: boolean): { id: string }[];
    };
    const router = require("@remix-run/router") as {
      UNSAFE_convertRoutesToDataRoutes(routes: object[], map: unknown, p?: string[], m?: object): object[];
    };
    const manifest = {
      root: { id: "root", path: "", hasLoader: true },
      "routes/_index": { id: "routes/_index", parentId: "root", index: true, hasLoader: false },
    };
    const modules = () => ({ root: { default: () => null }, "routes/_index": { default: () => null } });
    const first = modules();
    const future = { v3_singleFetch: true };
    const tree = remix.createServerRoutes(manifest, first, future, false);
    // A fresh routeModules object with the same modules (the server runtime makes one per render).
    expect(remix.createServerRoutes(manifest, { ...first }, future, false)).toBe(tree);
    expect(tree.map((r) => r.id)).toEqual(["root"]);
    // A changed module (a dev rebuild) or another mode is a new tree.
    expect(remix.createServerRoutes(manifest, { ...first, root: { default: () => null } }, future, false)).not.toBe(
      tree,
    );
    expect(remix.createServerRoutes(manifest, modules(), future, true)).not.toBe(tree);

    const mapper = () => ({});
    const m1: Record<string, unknown> = {};
    const data = router.UNSAFE_convertRoutesToDataRoutes(tree, mapper, undefined, m1);
    const m2: Record<string, unknown> = {};
    expect(router.UNSAFE_convertRoutesToDataRoutes(tree, mapper, undefined, m2)).toBe(data);
    // The caller's manifest is filled either way.
    expect(Object.keys(m2).sort()).toEqual(["root", "routes/_index"]);
    expect(m2).toEqual(m1);
  });
});
