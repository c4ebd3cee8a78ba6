// The one opener of the database: PostgreSQL via postgres.js when a URL is given, PGlite otherwise.
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import type { SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { acquirePgliteLock } from "./pglite-lock";
import { retryOnConflict } from "./retry";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL with positional parameters on whichever driver is open (used by pg-boss and benches). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Set for PostgreSQL; lets the migrator open its own single connection. */
  url?: string;
  executeSql: ExecuteSql;
  /**
   * LISTEN on a channel for this process. PGlite delivers its own NOTIFYs. On PostgreSQL it uses
   * one dedicated connection, never a pooled one (a pooled LISTEN loses notices after a reconnect):
   * postgres.js listens again after a reconnect and then calls `onListen`, so the caller can catch
   * up on what it missed. Returns the function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  /** PGlite only: the data folder as a tarball, which `loadDataDir` opens again (tests copy a template so). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export type OpenOptions = (
  | { url: string; max?: number; applicationName?: string }
  | {
      pgliteDir: string | "memory";
      /** A tarball from `dumpDataDir` to start from instead of an empty cluster (skips initdb). */
      loadDataDir?: Blob;
      /** Runs once the folder is locked, before PGlite opens it (the server fills a new folder from a template). */
      prepareFolder?: (dir: string) => void;
    }
) & {
  /** Sees every query drizzle sends (tests count queries with it). */
  logger?: Logger;
};

type RawClient = {
  reserve?: () => Promise<RawClient & { release(): void }>;
  unsafe?: (
    text: string,
    values?: unknown[],
    options?: { prepare?: boolean },
  ) => Promise<unknown> & { simple(): Promise<unknown> };
  query?: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec?: (text: string) => Promise<{ rows: unknown[] }[]>;
};

/** node-postgres sends undefined as NULL and plain objects as JSON; postgres.js needs both done (pg-boss relies on them). */
function asParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    value === null ||
    typeof value !== "object" ||
    value instanceof Date ||
    value instanceof Uint8Array ||
    Array.isArray(value)
  )
    return value;
  return JSON.stringify(value);
}

/**
 * Raw SQL over the connection a drizzle database *or open transaction* runs on, so pg-boss can
 * enqueue inside the transaction of the event that causes a job (see docs/decisions/007-jobs-and-sms.md).
 * Reaches into drizzle's session (pinned drizzle-orm 0.45.x); tests cover both drivers.
 */
export function sqlExecutor(db: Database): ExecuteSql {
  const client = (db as unknown as { session: { client: RawClient } }).session.client;
  if (client.unsafe) {
    const unsafe = client.unsafe;
    return async (text, values = []) => {
      if (values.length === 0) {
        // Multi-statement SQL (pg-boss's schema migrations carry their own BEGIN/COMMIT) must run
        // on one reserved connection; postgres.js refuses BEGIN on a pool.
        if (client.reserve) {
          const reserved = await client.reserve.call(client);
          try {
            const results = (await reserved.unsafe!.call(reserved, text).simple()) as unknown[];
            const last = Array.isArray(results[0]) ? results.at(-1) : results;
            return { rows: (last ?? []) as Record<string, unknown>[] };
          } finally {
            reserved.release();
          }
        }
        const results = (await unsafe.call(client, text).simple()) as unknown[];
        const last = Array.isArray(results[0]) ? results.at(-1) : results;
        return { rows: (last ?? []) as Record<string, unknown>[] };
      }
      return { rows: (await unsafe.call(client, text, values.map(asParameter))) as Record<string, unknown>[] };
    };
  }
  if (client.query && client.exec) {
    const { query, exec } = client;
    return async (text, values = []) => {
      if (values.length === 0) {
        const results = await exec.call(client, text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      return { rows: (await query.call(client, text, values)).rows as Record<string, unknown>[] };
    };
  }
  throw new Error("sqlExecutor: unknown database client");
}

/**
 * Runs a hot, parameterised query as a named prepared statement on postgres.js (drizzle sends raw
 * SQL unprepared: parse, analysis and planning then cost more than running the family search). The
 * statement text must not vary with the values, or every call adds a statement to the cache. PGlite
 * runs the query as usual. Reaches into drizzle's session and dialect like sqlExecutor.
 */
export async function preparedRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as {
    session: { client: RawClient; logger?: Logger };
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  };
  const client = session.client;
  if (!client.unsafe) {
    const result = (await db.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }
  const built = dialect.sqlToQuery(query);
  session.logger?.logQuery(built.sql, built.params);
  return (await client.unsafe.call(client, built.sql, built.params.map(asParameter), { prepare: true })) as T[];
}

const preparedByDb = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle query built once per database handle (`build` ends in `.prepare(name)` and takes its values
 * as `sql.placeholder`s) and reused: drizzle builds the SQL text again on every call, and without a name
 * postgres.js sends it unprepared, so PostgreSQL parses and plans it again too. For the session lookup
 * every logged-in page makes, that was 0.4 ms of Node's CPU, against 0.06 ms prepared.
 */
export function preparedQuery<Q>(db: Database, name: string, build: (db: Database) => Q): Q {
  let byName = preparedByDb.get(db);
  if (!byName) {
    byName = new Map();
    preparedByDb.set(db, byName);
  }
  let query = byName.get(name) as Q | undefined;
  if (!query) {
    query = build(db);
    byName.set(name, query);
  }
  return query;
}

const drizzleConfig = (logger?: Logger) => ({ schema, casing: "snake_case", logger }) as const;

export async function openPglite(
  dir: string | "memory",
  { loadDataDir, prepareFolder }: { loadDataDir?: Blob; prepareFolder?: (dir: string) => void } = {},
): Promise<{ client: PGlite; release: () => void }> {
  const release = dir === "memory" ? () => {} : acquirePgliteLock(dir);
  try {
    if (dir !== "memory") prepareFolder?.(dir);
    const client = await PGlite.create({
      dataDir: dir === "memory" ? undefined : dir,
      extensions: { cube, earthdistance },
      loadDataDir,
    });
    return { client, release };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if ("url" in options) {
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? "kinvisit" },
    });
    const db = drizzlePostgres(sql, drizzleConfig(options.logger)) as unknown as Database;
    // Outermost transactions only: `tx.transaction` (a savepoint) is the transaction's own method.
    const transaction = db.transaction.bind(db);
    db.transaction = ((body, config) => retryOnConflict(() => transaction(body, config))) as Database["transaction"];
    let listener: postgres.Sql | null = null;
    return {
      db,
      driver: "postgres",
      url: options.url,
      executeSql: sqlExecutor(db),
      listen: async (channel, onNotify, onListen) => {
        listener ??= postgres(options.url, {
          max: 1,
          onnotice: () => {},
          connection: { application_name: `${options.applicationName ?? "kinvisit"}-listen` },
        });
        const { unlisten } = await listener.listen(channel, onNotify, onListen);
        return unlisten;
      },
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), listener?.end({ timeout: 5 })]);
      },
    };
  }
  const { client, release } = await openPglite(options.pgliteDir, {
    loadDataDir: options.loadDataDir,
    prepareFolder: options.prepareFolder,
  });
  const db = drizzlePglite(client, drizzleConfig(options.logger)) as unknown as Database;
  return {
    db,
    driver: "pglite",
    executeSql: sqlExecutor(db),
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return unlisten;
    },
    dumpDataDir: () => client.dumpDataDir("none"),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
