// Polls until a condition holds (for work done by background job workers). Not a timing assertion:
// the deadline only stops a broken test from hanging.
export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  { timeoutMs = 30_000, everyMs = 50, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
