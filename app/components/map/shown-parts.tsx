// Which of a page's lazy map parts its render showed: the server names only those in the page's Link
// header (app/http/preload.server.ts). The route's chunk imports every part any of its states can show
// (the carer profile's pin picker, on one of its steps): preloaded on the others too, Leaflet's files
// went unused and Chromium warned of it on every such page (a phone walk).
import { createContext, useContext } from "react";

/** A lazy part, by its module's name (`pin-picker.client.tsx`). */
export type LazyPart = "pin-picker" | "points-map" | "visit-map";

export const ShownParts = createContext<Set<LazyPart> | null>(null);

/** Said by a component that will load `part` in the browser, while the server renders it; nothing in the browser. */
export function useShowsLazyPart(part: LazyPart): void {
  useContext(ShownParts)?.add(part);
}
