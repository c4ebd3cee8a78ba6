// Any URL no other route claims: a localised 404 page.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.notFound" };

export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
