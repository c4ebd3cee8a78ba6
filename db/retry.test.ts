import { describe, expect, it } from "vitest";
import { retryOnConflict, sqlState } from "./retry";

const pgError = (code: string) => Object.assign(new Error(code), { code });

describe("sqlState", () => {
  it("reads the driver's code, or the code of the error drizzle wrapped around it", () => {
    expect(sqlState(pgError("40P01"))).toBe("40P01");
    expect(sqlState(new Error("Failed query", { cause: pgError("40001") }))).toBe("40001");
    expect(sqlState(pgError("CONNECTION_ENDED"))).toBeUndefined();
    expect(sqlState("not an error")).toBeUndefined();
  });
});

describe("retryOnConflict", () => {
  it("runs again after a deadlock or a serialization failure, up to its attempts", async () => {
    let runs = 0;
    const result = await retryOnConflict(
      async () => {
        runs += 1;
        if (runs < 3) throw new Error("Failed query", { cause: pgError(runs === 1 ? "40P01" : "40001") });
        return "done";
      },
      { jitterMs: 1 },
    );
    expect([result, runs]).toEqual(["done", 3]);

    let lost = 0;
    await expect(
      retryOnConflict(
        async () => {
          lost += 1;
          throw pgError("40P01");
        },
        { attempts: 2, jitterMs: 1 },
      ),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(lost).toBe(2);
  });

  it("never runs again after any other error", async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs += 1;
        throw pgError("23505");
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(runs).toBe(1);
  });
});
