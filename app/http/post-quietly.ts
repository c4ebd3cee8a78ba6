// A form post the page does not wait for or show (a read receipt, "typing", a position on the way): to
// the single-fetch data URL, so the action runs and no page is rendered for an answer nobody reads. A
// failure is only reported to the caller: a Remix fetcher's failure replaced the whole page with the
// error page, on a phone whose network dropped one request (an outside probe). Client-safe.
export function postQuietly(url: string, fields: Record<string, string>): Promise<boolean> {
  return fetch(`${url}.data`, { method: "POST", body: new URLSearchParams(fields), credentials: "same-origin" }).then(
    (res) => res.ok,
    () => false,
  );
}
