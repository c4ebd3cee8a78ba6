import { describe, expect, it } from "vitest";
import { INT4_MAX } from "~/http/params.server";
import { lastEventId } from "./sse.server";

const request = (query: string, lastEvent?: string) =>
  new Request(`http://x.test/s${query}`, { headers: lastEvent === undefined ? {} : { "Last-Event-ID": lastEvent } });

describe("where a stream resumes", () => {
  it("is Last-Event-ID, else ?after=, else 0", () => {
    expect(lastEventId(request("?after=7", "12"))).toBe(12);
    expect(lastEventId(request("?after=7"))).toBe(7);
    expect(lastEventId(request(""))).toBe(0);
  });

  it("starts at 0 for anything that is not a whole number its column holds", () => {
    for (const bad of ["1.5", "-1", "abc", "1e400", String(INT4_MAX + 1)])
      expect(lastEventId(request("", bad)), bad).toBe(0);
    expect(lastEventId(request("", String(INT4_MAX)))).toBe(INT4_MAX);
    // Visit events are numbered by a bigint across every visit.
    expect(lastEventId(request("", "3000000000"), Number.MAX_SAFE_INTEGER)).toBe(3_000_000_000);
    expect(lastEventId(request("", "9007199254740993"), Number.MAX_SAFE_INTEGER)).toBe(0);
  });
});
