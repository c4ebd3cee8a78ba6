import { describe, expect, it } from "vitest";
import { createInFlight } from "./in-flight.server";

/** A promise and the functions that settle it. */
function pending<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("createInFlight", () => {
  it("is settled at once with nothing in flight", async () => {
    expect(await createInFlight().settled(1_000_000)).toBe(true);
  });

  it("waits for every tracked piece of work, fulfilled or rejected", async () => {
    const inFlight = createInFlight();
    const a = pending<number>();
    const b = pending();
    expect(inFlight.track(a.promise)).toBe(a.promise);
    const tracked = inFlight.track(b.promise);
    tracked.catch(() => {}); // the caller's own handling: track hands the promise back as it is
    expect(inFlight.size).toBe(2);
    let settled: boolean | undefined;
    void inFlight.settled(1_000_000).then((v) => {
      settled = v;
    });
    a.resolve(1);
    await a.promise;
    await Promise.resolve();
    expect(settled).toBeUndefined();
    expect(inFlight.size).toBe(1);
    b.reject(new Error("the database went away"));
    await tracked.catch(() => {});
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it("gives up after its timeout, saying work is still running", async () => {
    const inFlight = createInFlight();
    const never = pending();
    inFlight.track(never.promise);
    expect(await inFlight.settled(5)).toBe(false);
    expect(inFlight.size).toBe(1);
  });
});
