// Link and NavLink for every page: on the server, a plain <a> with the very attributes Remix's would
// render; in the browser, Remix's own (client navigation, prefetching, scroll handling: all theirs).
//
// Remix's Link resolves its `to` three times on the server (its useHref, react-router's, and the click
// handler's), and each resolution serialises and parses the route matches as JSON. That was ~30 µs of
// CPU per link: 1.1 ms of a search page with 37 links (bench:pages). Hydration compares elements, not
// components, so the browser's Remix Link adopts the server's <a> as it is; link.test.tsx renders both
// for each kind of `to` and holds their HTML equal.
import {
  createPath,
  Link as RemixLink,
  NavLink as RemixNavLink,
  parsePath,
  resolvePath,
  useLocation,
} from "@remix-run/react";
import type { ComponentProps } from "react";

type LinkProps = ComponentProps<typeof RemixLink>;
type NavLinkProps = ComponentProps<typeof RemixNavLink>;

/**
 * Where `to` leads, when it is a plain same-site path ("/carers/1?x=2", "?page=2", "#offer") and
 * resolving it needs nothing but the current pathname; null for anything else (relative paths, "..",
 * objects, other sites), which the real component renders.
 */
export function plainHref(to: LinkProps["to"], locationPathname: string): string | null {
  if (typeof to !== "string" || to === "") return null;
  const path = parsePath(to);
  if (path.pathname === undefined) {
    // Only a search and/or a hash: the current location's path (react-router's resolveTo).
    return createPath(resolvePath(to, locationPathname));
  }
  // Absolute and clean: no "//" (another site, or a path react-router would rewrite), no dot segments.
  if (!path.pathname.startsWith("/") || path.pathname.startsWith("//") || path.pathname.includes("//")) return null;
  if (/(^|\/)\.\.?(\/|$)/.test(path.pathname)) return null;
  const resolved = resolvePath(path);
  // resolveTo keeps an explicit trailing slash that resolvePath dropped.
  if (path.pathname !== "/" && path.pathname.endsWith("/") && !resolved.pathname.endsWith("/"))
    resolved.pathname += "/";
  return createPath(resolved);
}

// Props react-router's Link consumes (not rendered); the rest land on the <a> in the same order.
function anchorProps(props: Omit<LinkProps, "to">) {
  const {
    prefetch: _prefetch,
    discover = "render",
    reloadDocument,
    replace: _replace,
    state: _state,
    preventScrollReset: _preventScrollReset,
    relative: _relative,
    viewTransition: _viewTransition,
    onClick: _onClick,
    target,
    ...rest
  } = props;
  return { rest, target, discover: discover === "render" && !reloadDocument ? "true" : undefined };
}

function ServerLink(props: LinkProps) {
  const location = useLocation();
  const { to, ...others } = props;
  const href = plainHref(to, location.pathname);
  if (href === null || others.relative === "path") return <RemixLink {...props} />;
  const { rest, target, discover } = anchorProps(others);
  return <a {...rest} data-discover={discover} href={href} target={target} />;
}

function ServerNavLink(props: NavLinkProps) {
  const location = useLocation();
  const {
    to,
    "aria-current": ariaCurrentProp = "page",
    caseSensitive = false,
    className: classNameProp = "",
    end = false,
    style,
    children,
    ...others
  } = props;
  const href = plainHref(to, location.pathname);
  if (href === null || others.relative === "path" || typeof to !== "string") return <RemixNavLink {...props} />;
  // react-router's NavLink: active on its own path, or below it unless `end`; never pending on the server.
  let toPathname = parsePath(href).pathname ?? "/";
  // react-router compares the URL-encoded path: only paths that encoding leaves alone are decided here.
  if (!/^[\w\-./~]*$/.test(toPathname)) return <RemixNavLink {...props} />;
  let locationPathname = location.pathname;
  if (!caseSensitive) {
    toPathname = toPathname.toLowerCase();
    locationPathname = locationPathname.toLowerCase();
  }
  const endSlash = toPathname !== "/" && toPathname.endsWith("/") ? toPathname.length - 1 : toPathname.length;
  const isActive =
    locationPathname === toPathname ||
    (!end && locationPathname.startsWith(toPathname) && locationPathname.charAt(endSlash) === "/");
  const state = { isActive, isPending: false, isTransitioning: false };
  const className =
    typeof classNameProp === "function"
      ? classNameProp(state)
      : [classNameProp, isActive ? "active" : null].filter(Boolean).join(" ");
  const { rest, target, discover } = anchorProps(others);
  return (
    <a
      {...rest}
      data-discover={discover}
      aria-current={isActive ? ariaCurrentProp : undefined}
      className={className}
      style={typeof style === "function" ? style(state) : style}
      href={href}
      target={target}
    >
      {typeof children === "function" ? children(state) : children}
    </a>
  );
}

export const Link: typeof RemixLink = import.meta.env.SSR ? (ServerLink as typeof RemixLink) : RemixLink;
export const NavLink: typeof RemixNavLink = import.meta.env.SSR ? (ServerNavLink as typeof RemixNavLink) : RemixNavLink;

export { ServerLink as UNSAFE_ServerLink, ServerNavLink as UNSAFE_ServerNavLink };
