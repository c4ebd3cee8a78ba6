// Remix matches a URL against the route list three or four times per page, and each time
// @remix-run/router flattens and ranks every route again and compiles a RegExp for each route it tries:
// 15% of the home page's CPU. A running server's routes never change, so this loads the router module
// with the ranked list and the matches of recent paths (per routes array) and the compiled patterns (per
// path pattern) remembered; callers get their own copies of the matches. It must run before anything
// loads @remix-run/router; it patches only the source it was measured on (1.23.x) and otherwise leaves
// the stock module alone (route-matching.test.ts notices either way).
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const RANKING = `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
`;
const RETURN = "  return matches;\n}";
const COMPILE = "function compilePath(path, caseSensitive, end) {";
const STRICT = "'use strict';\n";

const MEMO = `
// Kinvisit (server/route-matching.ts): routes and path patterns are fixed in a running server.
const __kvRanked = new WeakMap();
function __kvRankedBranches(routes) {
  let branches = __kvRanked.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    __kvRanked.set(routes, branches);
  }
  return branches;
}
const __kvMatched = new WeakMap();
function __kvMatch(routes, pathname, allowPartial) {
  let byPath = __kvMatched.get(routes);
  if (!byPath) {
    byPath = new Map();
    __kvMatched.set(routes, byPath);
  }
  const key = (allowPartial ? "1" : "0") + pathname;
  let found = byPath.get(key);
  if (found === undefined) {
    const branches = __kvRankedBranches(routes);
    const decoded = decodePath(pathname);
    found = null;
    for (let i = 0; found == null && i < branches.length; ++i) found = matchRouteBranch(branches[i], decoded, allowPartial);
    if (byPath.size >= 500) byPath.clear();
    byPath.set(key, found);
  }
  if (found === null) return null;
  // Fresh objects for every caller: a branch's matches share one params object, which reaches loaders.
  const copies = new Map();
  return found.map((m) => {
    let params = copies.get(m.params);
    if (!params) {
      params = Object.assign({}, m.params);
      copies.set(m.params, params);
    }
    return { params, pathname: m.pathname, pathnameBase: m.pathnameBase, route: m.route };
  });
}
const __kvCompiled = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive === true ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = __kvCompiled.get(key);
  if (!compiled) {
    compiled = __kvCompilePath(path, caseSensitive, end);
    if (__kvCompiled.size < 1000) __kvCompiled.set(key, compiled);
  }
  return compiled;
}
`;

export type RouteMatchingPatch = "patched" | "already-loaded" | "unknown-source";

export function rememberRouteMatching(): RouteMatchingPatch {
  const file = require.resolve("@remix-run/router");
  if (require.cache[file])
    return (require.cache[file] as { kvPatched?: boolean }).kvPatched ? "patched" : "already-loaded";
  const source = fs.readFileSync(file, "utf8");
  if ([RANKING, COMPILE, STRICT].some((s) => source.split(s).length !== 2)) return "unknown-source";
  const loopStart = source.indexOf(RANKING);
  const loopEnd = source.indexOf(RETURN, loopStart);
  if (loopEnd < 0) return "unknown-source";
  // The memo goes first, so its Maps exist before any function of the module can run.
  const patched = (
    source.slice(0, loopStart) +
    "  return __kvMatch(routes, pathname, allowPartial);\n}" +
    source.slice(loopEnd + RETURN.length)
  )
    .replace(COMPILE, "function __kvCompilePath(path, caseSensitive, end) {")
    .replace(STRICT, STRICT + MEMO);
  const NodeModule = Module as unknown as {
    new (
      id: string,
      parent?: unknown,
    ): {
      filename: string;
      paths: string[];
      loaded: boolean;
      _compile(s: string, f: string): void;
      kvPatched?: boolean;
    };
    _nodeModulePaths(dir: string): string[];
  };
  const mod = new NodeModule(file);
  mod.filename = file;
  mod.paths = NodeModule._nodeModulePaths(path.dirname(file));
  mod._compile(patched, file);
  mod.loaded = true;
  mod.kvPatched = true;
  require.cache[file] = mod as unknown as NodeJS.Module;
  rememberRouteTrees(mod as unknown as { exports: RouterExports });
  return "patched";
}

type RouteList = object[];
interface RouterExports {
  UNSAFE_convertRoutesToDataRoutes: (
    routes: RouteList,
    mapRouteProperties: unknown,
    parentPath?: string[],
    manifest?: Record<string, unknown>,
  ) => RouteList;
}
interface RemixRoutesExports {
  createServerRoutes: (
    manifest: object,
    routeModules: object,
    future: unknown,
    isSpaMode: boolean,
    ...rest: unknown[]
  ) => RouteList;
}

/**
 * Every page render also builds the route tree twice more (Remix's server routes, then React Router's
 * data routes for the static router) from the same build, and matching a new tree misses the memo
 * above: 15–20% of the home page's CPU. Both are pure functions of objects that live as long as the
 * build, so each tree is made once per build and shared; nothing writes to a route object while
 * rendering, and matches are still copied per caller.
 */
function rememberRouteTrees(router: { exports: RouterExports }) {
  const convert = router.exports.UNSAFE_convertRoutesToDataRoutes;
  const converted = new WeakMap<RouteList, Map<unknown, { routes: RouteList; manifest: Record<string, unknown> }>>();
  router.exports.UNSAFE_convertRoutesToDataRoutes = (routes, mapRouteProperties, parentPath, manifest) => {
    if (parentPath !== undefined) return convert(routes, mapRouteProperties, parentPath, manifest);
    let byMapper = converted.get(routes);
    if (!byMapper) {
      byMapper = new Map();
      converted.set(routes, byMapper);
    }
    let found = byMapper.get(mapRouteProperties);
    if (!found) {
      const made: Record<string, unknown> = {};
      found = { routes: convert(routes, mapRouteProperties, undefined, made), manifest: made };
      byMapper.set(mapRouteProperties, found);
    }
    if (manifest) Object.assign(manifest, found.manifest);
    return found.routes;
  };

  // The server runtime hands each render a new routeModules object (id → module) holding the same
  // modules: the tree is remembered per manifest and reused while every module is the same one.
  const remix = require(require.resolve("@remix-run/react/dist/routes.js")) as RemixRoutesExports;
  const create = remix.createServerRoutes;
  const created = new WeakMap<object, { modules: Record<string, unknown>; key: string; routes: RouteList }>();
  const sameModules = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
  };
  remix.createServerRoutes = (manifest, routeModules, future, isSpaMode, ...rest) => {
    if (rest.length > 0) return create(manifest, routeModules, future, isSpaMode, ...rest);
    const key = `${isSpaMode ? 1 : 0}|${JSON.stringify(future ?? null)}`;
    const modules = routeModules as Record<string, unknown>;
    const found = created.get(manifest);
    if (found && found.key === key && sameModules(found.modules, modules)) return found.routes;
    const routes = create(manifest, routeModules, future, isSpaMode);
    created.set(manifest, { modules: { ...modules }, key, routes });
    return routes;
  };

  // That routeModules object: the same modules, read again from the build's route list per render.
  const entry = require(
    createRequire(require.resolve("@remix-run/node")).resolve("@remix-run/server-runtime/dist/entry.js"),
  ) as {
    createEntryRouteModules: (buildRoutes: object) => object;
  };
  const collect = entry.createEntryRouteModules;
  const collected = new WeakMap<object, object>();
  entry.createEntryRouteModules = (buildRoutes) => {
    let found = collected.get(buildRoutes);
    if (!found) {
      found = collect(buildRoutes);
      collected.set(buildRoutes, found);
    }
    return found;
  };
}

/** Applied on import: server/app.ts and server/remix-handler.ts import this before @remix-run/node. */
export const routeMatching = rememberRouteMatching();
