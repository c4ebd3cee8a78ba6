// Reading an event stream in HTTP tests.

/** Everything the stream sends until it ends, and whether it did end (rather than run out of time). */
export async function readToEnd(res: Response, timeoutMs = 10_000): Promise<{ text: string; ended: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === null) {
      await reader.cancel();
      return { text, ended: false };
    }
    if (next.done) return { text, ended: true };
    text += decoder.decode(next.value);
  }
}

/**
 * A stream read in the background, for a test that waits on what it has heard rather than for a fixed
 * time (a loaded machine delivers late, not never): `until` waits for a condition on the text so far,
 * `during` reads on for a while (to see nothing more comes), `stop` cancels.
 */
export function listen(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: "", ended: false };
  let changed: () => void = () => {};
  const pump = (async () => {
    for (;;) {
      const next = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (next.done) {
        state.ended = true;
        changed();
        return;
      }
      state.text += decoder.decode(next.value);
      changed();
    }
  })();
  const waitFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    get text() {
      return state.text;
    },
    async until(done: (text: string) => boolean, timeoutMs = 30_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!done(state.text) && !state.ended && Date.now() < deadline) {
        await Promise.race([new Promise<void>((resolve) => (changed = resolve)), waitFor(deadline - Date.now())]);
      }
      return done(state.text);
    },
    during: waitFor,
    async stop() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
