// The server's Link and NavLink must render, byte for byte, what Remix's own render on the server: the
// browser hydrates the server's <a> with Remix's components (app/components/link.tsx).
import { Link as RemixLink, NavLink as RemixNavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
// react-router-dom is what @remix-run/react renders with; its static router is what RemixServer uses.
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { plainHref, UNSAFE_ServerLink as ServerLink, UNSAFE_ServerNavLink as ServerNavLink } from "./link";

const PAGE = "/family/parents/p-1/carers";

/** Renders `element` on the server as the leaf of a two-level route tree, at `url`. */
async function render(element: ReactNode, url = `http://localhost${PAGE}?sort=best`) {
  const routes = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "page", path: "family/parents/:parentId/carers", element },
        { id: "carer", path: "carers/:carerId", element },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

type LinkProps = Parameters<typeof RemixLink>[0];
type NavLinkProps = Parameters<typeof RemixNavLink>[0];

const LINKS: LinkProps[] = [
  { to: "/carers/c-1", className: "card-link", children: "Ana" },
  { to: "/carers/c-1?service=meals", children: "Ana" },
  { to: "/", className: "brand", children: "Kinvisit" },
  { to: "/family/", children: "trailing slash" },
  { to: "/a/b#top", children: "hash" },
  { to: "?page=2", rel: "next", className: "button button--secondary", children: "Next" },
  { to: "?sort=distance&page=1", "aria-current": "true", className: "chip", preventScrollReset: true, children: "x" },
  { to: "#offer", children: "hash only" },
  { to: "?counter=o-1#offer", preventScrollReset: true, children: "counter" },
  { to: "/carers/c-1", prefetch: "intent", children: "intent" },
  { to: "/carers/c-1", prefetch: "render", children: "render" },
  { to: "/carers/c-1", target: "_blank", rel: "noreferrer", children: "new tab" },
  { to: "/account/export", reloadDocument: true, children: "reload" },
  { to: "/carers/c-1", discover: "none", children: "no discovery" },
  { to: "/carers/c-1", replace: true, state: { from: "search" }, children: "replace" },
  { to: "/carers/c-1", id: "x", "data-testid": "t", title: "Ana", children: "attributes" } as LinkProps,
  // Rendered by Remix's own Link (plainHref answers null): the result must still be the same.
  { to: "carers", children: "relative" },
  { to: "../x", children: "dot dot" },
  { to: "/a/./b", children: "dot" },
  { to: "//evil.example/x", children: "protocol-relative" },
  { to: "https://www.openstreetmap.org/", children: "absolute" },
  { to: { pathname: "/carers/c-1", search: "?a=1" }, children: "object" },
  { to: "?page=3", relative: "path", children: "relative path" },
];

const NAV_LINKS: NavLinkProps[] = [
  { to: "/family", className: "tab", children: "Parents" },
  { to: "/family", end: true, className: "tab", children: "Parents (end)" },
  { to: PAGE, children: "Find carers" },
  { to: `${PAGE}/`, children: "trailing slash" },
  { to: "/family/parents/p-1", end: true, prefetch: "intent", children: "Overview" },
  { to: "/family/parents/p-1", prefetch: "intent", children: "Overview, not end" },
  { to: "/family/parents/p", children: "a prefix, not a parent" },
  { to: "/FAMILY", children: "case" },
  { to: "/FAMILY", caseSensitive: true, children: "case sensitive" },
  { to: "/chat", className: "tab", children: "Messages" },
  { to: "/family", "aria-current": "location", children: "custom aria-current" },
  { to: "/family", className: ({ isActive }) => (isActive ? "on" : "off"), children: "class function" },
  { to: "/family", style: ({ isActive }) => ({ fontWeight: isActive ? 700 : 400 }), children: "style function" },
  { to: "/family", children: ({ isActive }) => (isActive ? "here" : "there") },
  { to: "/", children: "root" },
  { to: "/", end: true, children: "root (end)" },
  { to: "/family/parents/p-1/carers?sort=price", children: "with a search" },
  { to: "/caf\u00e9", children: "encoded" },
  { to: "carers", children: "relative" },
];

describe("server Link", () => {
  it.each(LINKS.map((props, i) => [i, props] as const))("renders what Remix's Link renders (%i)", async (_, props) => {
    const theirs = await render(<RemixLink {...props} />);
    expect(theirs).toMatch(/^<a /);
    expect(await render(<ServerLink {...props} />)).toBe(theirs);
  });

  it("renders a page's links the same at another route (/carers/:id)", async () => {
    const key = (props: LinkProps) => `${JSON.stringify(props.to)} ${String(props.children)}`;
    const links = LINKS.map((props) => <RemixLink key={key(props)} {...props} />);
    const ours = LINKS.map((props) => <ServerLink key={key(props)} {...props} />);
    const url = "http://localhost/carers/c-9?service=meals";
    expect(await render(ours, url)).toBe(await render(links, url));
  });
});

describe("server NavLink", () => {
  it.each(NAV_LINKS.map((props, i) => [i, props] as const))(
    "renders what Remix's NavLink renders (%i)",
    async (_, props) => {
      const theirs = await render(<RemixNavLink {...props} />);
      expect(theirs).toMatch(/^<a /);
      expect(await render(<ServerNavLink {...props} />)).toBe(theirs);
    },
  );

  it("marks the link to the current page, and only that one, active", async () => {
    const html = await render(
      <>
        <ServerNavLink to={PAGE}>here</ServerNavLink>
        <ServerNavLink to="/chat">elsewhere</ServerNavLink>
      </>,
    );
    expect(html).toBe(
      `<a data-discover="true" aria-current="page" class="active" href="${PAGE}">here</a>` +
        `<a data-discover="true" class="" href="/chat">elsewhere</a>`,
    );
  });
});

describe("plainHref", () => {
  it.each([
    ["/carers/c-1?service=meals#x", "/carers/c-1?service=meals#x"],
    ["?page=2", `${PAGE}?page=2`],
    ["#offer", `${PAGE}#offer`],
    ["/family/", "/family/"],
    ["/", "/"],
  ])("resolves %s itself", (to, href) => {
    expect(plainHref(to, PAGE)).toBe(href);
  });

  it.each([["carers"], ["./x"], ["../x"], ["/a/../b"], ["//evil.example"], ["/a//b"], ["https://x.example"], [""]])(
    "leaves %s to Remix",
    (to) => {
      expect(plainHref(to, PAGE)).toBeNull();
    },
  );
});
