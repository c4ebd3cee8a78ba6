// The real-time fan-out: a notice is heard only if its transaction commits, by every process that
// listens; and a conversation stream served by one app receives a message posted to another app on
// the same PostgreSQL (each with its own LISTEN connection, as two processes have).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { parseEnv } from "~/env.server";
import { createLogger } from "~/logger.server";
import { startHub, type Hub, type HubSignal } from "~/realtime/hub.server";
import { startServer, type RunningServer } from "../../server/start";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { sessionClient } from "../support/personas";
import { createTestDatabase, serverUrl, type TemplateCopy } from "../support/test-db";

const logger = createLogger("silent");
let database: TemplateCopy;
let hub: Hub;

beforeAll(async () => {
  database = await createTestDatabase();
  hub = await startHub(database.handle, logger);
});
afterAll(async () => {
  await hub?.close();
  await database?.dispose();
});

const heard = (topic: string) => {
  const signals: HubSignal[] = [];
  const stop = hub.subscribe(topic, (s) => signals.push(s));
  return { signals, stop };
};
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("the hub", () => {
  it("delivers a notice sent in a transaction only when it commits, once", async () => {
    const { signals, stop } = heard("test:commit");
    await database.handle.db
      .transaction(async (tx) => {
        await hub.notify(tx, { topic: "test:commit", seq: 1 });
        throw new Error("roll back");
      })
      .catch(() => {});
    await settle();
    expect(signals).toEqual([]);
    await database.handle.db.transaction(async (tx) => {
      await hub.notify(tx, { topic: "test:commit", seq: 2 });
    });
    await expect.poll(() => signals.length).toBe(1);
    expect(signals[0]).toMatchObject({ topic: "test:commit", seq: 2 });
    stop();
  });

  it("delivers only to the notice's topic, and stops when unsubscribed", async () => {
    const a = heard("test:a");
    const b = heard("test:b");
    await hub.notify(database.handle.db, { topic: "test:a", seq: 1 });
    await expect.poll(() => a.signals.length).toBe(1);
    expect(b.signals).toEqual([]);
    a.stop();
    a.stop(); // twice is harmless
    await hub.notify(database.handle.db, { topic: "test:a", seq: 2 });
    await settle();
    expect(a.signals).toHaveLength(1);
    expect(hub.size).toBe(1);
    b.stop();
  });

  it("tells every subscriber to finish when it closes", async () => {
    const other = await startHub(database.handle, logger);
    const signals: HubSignal[] = [];
    other.subscribe("test:close", (s) => signals.push(s));
    await other.close();
    expect(signals).toEqual(["closing"]);
  });
});

describe.skipIf(!serverUrl())("two app processes on one PostgreSQL", () => {
  const servers: RunningServer[] = [];
  const handles: DatabaseHandle[] = [];

  afterAll(async () => {
    for (const s of servers) await s.drain(1000);
    for (const h of handles) await h.close();
  });

  it("streams a message posted to one app to a subscriber of the other", async () => {
    const env = parseEnv({
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: "0",
      SEED_ON_EMPTY: "false",
    });
    for (let i = 0; i < 2; i++) {
      const handle = await openDatabase({ url: database.handle.url!, max: 4 });
      handles.push(handle);
      servers.push(
        await startServer({ env, handle, logger, buildDir: path.resolve("build"), port: 0, host: "127.0.0.1" }),
      );
    }
    const [a, b] = servers as [RunningServer, RunningServer];
    const db = database.handle.db;
    const people = database.personas;
    const parentId = await makeParent(db, people.familyA.id);
    await makeCarerProfile(db, people.carerX.id);
    const familyOnA = await sessionClient(a.url, db, people.familyA.id);
    const carerOnB = await sessionClient(b.url, db, people.carerX.id);
    const opened = await postEntries(familyOnA, "/chat/new", {
      from: "service",
      carerId: people.carerX.id,
      parentId,
      service: "companionship",
    });
    const id = opened.headers.get("location")!.replace("/chat/", "");
    const controller = new AbortController();
    const res = await carerOnB.request(`/chat/${id}/stream`, {
      headers: { Accept: "text/event-stream" },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = "";
    const reading = (async () => {
      const deadline = Date.now() + 10_000;
      while (!text.includes("across processes") && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    })();
    await settle();
    await postEntries(familyOnA, `/chat/${id}`, { intent: "send", body: "across processes" });
    await reading;
    controller.abort();
    expect(text).toContain("across processes");
  });
});
