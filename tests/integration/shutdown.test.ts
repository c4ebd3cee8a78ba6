// Shutdown (server/start.ts, drain): the database closes only once every handler is done, including one
// whose client has gone, so no query reaches a closed pool.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
beforeAll(async () => {
  app = await startAppWithPersonas();
});
afterAll(() => app?.database.dispose());

/** Resolves when `check` holds, polling every 20 ms (at most 30 s). */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`never: ${what}`);
}

describe("drain", () => {
  it("waits for a page whose client left while its query waited, then lets the database close", async () => {
    // The page's first query (the session) waits behind a lock this test holds.
    let release: () => void = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holder = app.db.transaction(async (tx) => {
      await tx.execute(sql`lock table sessions in access exclusive mode`);
      locked();
      await released;
    });
    await isLocked;
    let drain: Promise<void> | undefined;
    try {
      ({ drain } = await leaveAndDrain());
    } finally {
      release();
      await holder;
    }
    await drain;
    expect(app.server.inFlight.size).toBe(0);
  });
});

/** A page asked for and left while its session query waits on the lock; the drain waits for it. */
async function leaveAndDrain() {
  const leaving = new AbortController();
  const page = app.personas.familyA.client.request("/family", { signal: leaving.signal }).catch((e: Error) => e);
  // The handler, the root's loader and the page's loader.
  await until(() => app.server.inFlight.size >= 2, "the page is in its loaders");
  leaving.abort();
  expect(await page).toBeInstanceOf(Error);

  let drained = false;
  const drain = app.server.drain(30_000).then(() => {
    drained = true;
  });
  // The connection is gone and no job is running: before the fix, the drain ended here, with the page's
  // query still to run against a pool about to close.
  await new Promise((r) => setTimeout(r, 500));
  expect(drained).toBe(false);
  expect(app.server.inFlight.size).toBeGreaterThan(0);
  return { drain };
}
