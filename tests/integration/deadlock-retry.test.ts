// db/retry.ts on a real PostgreSQL: two transactions that take two rows in opposite orders deadlock; the
// one PostgreSQL ends is run again and both take effect once. (PGlite has one connection: nothing there
// can deadlock, so this runs on the PostgreSQL pass of the suite.)
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, templateInfo, type TestDatabase } from "../support/test-db";

const onPostgres = templateInfo().driver === "postgres";
let database: TestDatabase;
beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase({ empty: true });
  await database.handle.db.execute(sql`create table deadlock_probe (id int primary key, n int not null)`);
  await database.handle.db.execute(sql`insert into deadlock_probe values (1, 0), (2, 0)`);
});
afterAll(() => database?.dispose());

describe.skipIf(!onPostgres)("a transaction that loses a deadlock", () => {
  it("runs again, and both transactions take effect once", async () => {
    const { db } = database.handle;
    let waiting = 2;
    let bothHoldOne!: () => void;
    const barrier = new Promise<void>((r) => {
      bothHoldOne = r;
    });
    const runs = { first: 0, second: 0 };
    const crossing = (name: "first" | "second", a: number, b: number) =>
      db.transaction(async (tx) => {
        runs[name] += 1;
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${a}`);
        if (runs[name] === 1) {
          // Only once each holds its first row does either ask for the other's.
          if (--waiting === 0) bothHoldOne();
          await barrier;
        }
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${b}`);
      });
    await Promise.all([crossing("first", 1, 2), crossing("second", 2, 1)]);
    // One of them was ended by PostgreSQL and ran again.
    expect(runs.first + runs.second).toBe(3);
    const rows = (await db.execute(sql`select id, n from deadlock_probe order by id`)) as unknown as {
      id: number;
      n: number;
    }[];
    expect(rows.map((r) => [r.id, r.n])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
