// The document shell: language, navigation by role, and the error pages for 403/404/500.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useChangeLanguage, useTranslation } from "~/i18n/react";
import { getCurrentAuth } from "./auth/guards.server";
import { ConnectionNotice } from "./components/connection-notice";
import { PendingIndicator } from "./components/pending";
import { PageTitle, useFocusOnNewPage } from "./components/page-title";
import { useNonce } from "./components/nonce";
import { SiteHeader } from "./components/site-header";
import { Toaster } from "./components/ui/toaster";
import { takeToast } from "./http/toast.server";
import { touchPresence } from "./chat/presence.server";
import { I18nData } from "./i18n/i18n-data";
import { detectLocale } from "./i18n/i18n.server";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getCurrentAuth(request, context);
  const user = auth?.user ?? null;
  const locale = detectLocale(request, user?.locale);
  const { toast, headers } = takeToast(context.env, request);
  // A sign of life for the chat's offline texts; the unread badge came with the session.
  if (user) await touchPresence(context.db, user.id);
  const unread = auth?.unread ?? 0;
  return data(
    {
      locale,
      // Only what the header needs: never the phone or email of the viewer on every page.
      user: user ? { name: user.name, role: user.role, unread } : null,
      toast,
      // The page's clock for display ("is this date in this year?"): read once here, at the edge.
      now: new Date().toISOString(),
      // The reader's zone for their own moments (messages), and beside an event's zone: the account's,
      // so the server and the browser write the same time (ADR 023).
      timeZone: user?.timeZone ?? "UTC",
    },
    { headers },
  );
}

export type RootLoader = typeof loader;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootLoader>("root");
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const locale = data?.locale ?? i18n.language ?? "en";
  useChangeLanguage(locale);
  useFocusOnNewPage();
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <PageTitle />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <SiteHeader user={data ? data.user : undefined} locale={locale} />
        <Toaster toast={data?.toast ?? null} />
        <ConnectionNotice />
        <PendingIndicator />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <I18nData />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export { GeneralErrorBoundary as ErrorBoundary } from "./components/error-boundary";
