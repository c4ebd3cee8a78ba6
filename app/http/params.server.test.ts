// Every URL parameter goes through a zod schema (queryOf or parseWithZod): a route that reads
// `searchParams` by hand is how a `?before=1.5` once reached the database as an integer and answered 500.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { queryOf, seqNumber } from "./params.server";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

describe("query parameters", () => {
  it("are read from a request only through a zod schema", () => {
    const offenders: string[] = [];
    for (const file of sources("app")) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          // A request's query string, read field by field or handed on whole outside these helpers.
          const byHand =
            /searchParams\.get\(/.test(line) && !/useSearchParams|\bsearchParams\.get\("redirectTo"\)/.test(line);
          const whole =
            /request\.url\)\.searchParams/.test(line) &&
            !/parseWithZod\(new URL\(request\.url\)\.searchParams/.test(line);
          if ((byHand || whole) && !file.endsWith(path.join("http", "params.server.ts")))
            offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it("give zod every field of the query string", () => {
    expect(queryOf(new Request("http://x.test/p?before=12&counter=a&before=13"))).toEqual({
      before: "13",
      counter: "a",
    });
  });

  it("read an empty parameter as one not given (the last one counts, as above)", () => {
    expect(queryOf(new Request("http://x.test/p?month=&sort=rating&q=%20"))).toEqual({ sort: "rating", q: " " });
    expect(queryOf(new Request("http://x.test/p?month=2026-01&month="))).toEqual({});
    expect(queryOf(new Request("http://x.test/p?month=&month=2026-01"))).toEqual({ month: "2026-01" });
  });

  it("take sequence numbers only as whole numbers a PostgreSQL integer holds", () => {
    for (const bad of ["1.5", "-1", "1e400", "99999999999", "abc", "0x"])
      expect(seqNumber.safeParse(bad).success, bad).toBe(false);
    expect(seqNumber.parse("42")).toBe(42);
    expect(seqNumber.parse("2147483647")).toBe(2_147_483_647);
  });
});
