// A form post the page does not wait for or show (a read receipt, "typing", a position on the way): to
// the single-fetch data URL, so the action runs and no page is rendered for an answer nobody reads. A
// failure is only reported to the caller: a Remix fetcher's failure replaced the whole page with the
// error page, on a phone whose network dropped one request (an outside probe). Client-safe.
//
// Sent: a 200 only. A redirect comes back to a data URL as 202 (the session ended: requireUser sends
// the login page), and counted as sent it showed "position shared" while nothing was. The header says
// it is nobody's navigation: such a post does not announce "your session ended" (guards.server.ts).
export const BACKGROUND_HEADER = "X-Kinvisit-Background";

export function postQuietly(url: string, fields: Record<string, string>): Promise<boolean> {
  return fetch(`${url}.data`, {
    method: "POST",
    body: new URLSearchParams(fields),
    credentials: "same-origin",
    headers: { [BACKGROUND_HEADER]: "1" },
  }).then(
    (res) => res.status === 200,
    () => false,
  );
}
