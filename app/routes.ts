// Route convention: Remix flat file routes (see docs/decisions/005-route-convention.md).
import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

export default flatRoutes() satisfies RouteConfig;
