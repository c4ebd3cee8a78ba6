import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { ENV_VARIABLES, InvalidEnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("fills defaults for a bare machine", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      PGLITE_DIR: ".data/pglite",
      isProduction: false,
      PUBLIC_URL: "http://localhost:3000",
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable", () => {
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", SEED_ON_EMPTY: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/SEED_ON_EMPTY/);
    }
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});

describe(".env.example", () => {
  const values = Object.fromEntries(
    fs
      .readFileSync(path.resolve(".env.example"), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );

  it("lists every variable the app reads, and nothing else", () => {
    expect(Object.keys(values).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("holds values the app accepts, the same as its defaults", () => {
    expect(parseEnv(values)).toEqual(parseEnv({}));
  });
});
