// Work this process has started and not finished: requests still in their handler (a loader runs on
// after its client has gone) and tasks begun after a response (after-response.server.ts). Shutdown waits
// for it before the database pool ends, so that no query is sent to a pool already closed: it fails,
// and a task's failure would be logged as an error on every deploy (server/start.ts, drain).

export interface InFlight {
  /** Counts `work` until it settles, and hands it back. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Work not settled yet. */
  readonly size: number;
  /** Resolves true once nothing is in flight, or false after `timeoutMs` with work still running. */
  settled(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let size = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    size -= 1;
    if (size === 0) for (const wake of waiters.splice(0)) wake();
  };
  return {
    track(work) {
      size += 1;
      work.then(done, done);
      return work;
    },
    get size() {
      return size;
    },
    settled(timeoutMs) {
      if (size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== wake);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(wake);
      });
    },
  };
}
