// Remix matches a URL against the route list three or four times per page, and each time
// @remix-run/router flattens and ranks every route again and compiles a RegExp for each route it tries:
// 15% of the home page's CPU. A running server's routes never change, so this loads the router module
// with the ranked list (per routes array) and the compiled patterns (per path) remembered. It must run
// before anything loads @remix-run/router; it patches only the source it was measured on (1.23.x) and
// otherwise leaves the stock module alone (route-matching.test.ts notices either way).
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const RANKING = `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
`;
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
  // The memo goes first, so its Map and WeakMap exist before any function of the module can run.
  const patched = source
    .replace(RANKING, "  let branches = __kvRankedBranches(routes);\n")
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
  return "patched";
}

/** Applied on import: server/app.ts and server/remix-handler.ts import this before @remix-run/node. */
export const routeMatching = rememberRouteMatching();
