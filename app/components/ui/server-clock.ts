// The server's clock, as the browser can tell it: the browser's own, moved by how far it was off when a
// page's data last said the server's time. A form's rules that need the time (a date already passed)
// check in the browser with this clock, so a phone whose clock is wrong by hours does not refuse a
// visit the server would take, nor pass one it would refuse (the server checks again with its own).
import { useEffect } from "react";
import type { ZodType } from "zod";

let offsetMs = 0;

/** Now, by the server's clock (to the second or so: the time the page took to arrive and start). */
export function serverClock(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Sets the offset from `serverTime` (an ISO instant the loader read) once the page runs. */
export function useServerTime(serverTime: string) {
  useEffect(() => {
    const server = Date.parse(serverTime);
    if (Number.isFinite(server)) offsetMs = server - Date.now();
  }, [serverTime]);
}

/**
 * A schema made for the zone in the form's `data-time-zone`, with the server's clock as the browser
 * tells it (server-clock.ts), for rules that need both. One schema per zone; the clock is read at each
 * check. Every form that uses it carries the attribute (UTC stands in for one that would not).
 */
export function inFormZone<Output>(schemaAt: (timeZone: string, clock: () => Date) => ZodType<Output>) {
  const made = new Map<string, ZodType<Output>>();
  return (form: HTMLFormElement): ZodType<Output> => {
    const zone = form.dataset.timeZone ?? "UTC";
    const schema = made.get(zone) ?? schemaAt(zone, serverClock);
    made.set(zone, schema);
    return schema;
  };
}
