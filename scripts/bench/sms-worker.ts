// Child process for bench:sms. Opens the database (PGlite folder or PostgreSQL URL), optionally enqueues
// N messages (`--enqueue-only`: then exits), runs the SMS workers until no message is open, and prints
// JSON progress lines. The parent may SIGKILL it; on PostgreSQL several of these run side by side.
import { sql } from "drizzle-orm";
import { openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { queryRows } from "~/db.server";
import { getEnv } from "~/env.server";
import { createJobs, startJobs } from "~/jobs/jobs.server";
import { registerWorkers } from "~/jobs/workers.server";
import { createLogger } from "~/logger.server";
import { queueSms } from "~/sms/sms.server";

const env = getEnv();
const enqueue = Number(process.argv[2] ?? 0);
const enqueueOnly = process.argv.includes("--enqueue-only");
const handle = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL, max: env.SMS_WORKER_CONCURRENCY + 4 } : { pgliteDir: env.PGLITE_DIR },
);
await runMigrations(handle);
const db = handle.db;
const jobs = createJobs(handle.executeSql, env);
await startJobs(jobs, env);
const say = (o: object) => console.log(JSON.stringify(o));

if (enqueue > 0) {
  await db.execute(sql`
    insert into users (email, name, password_hash, phone, phone_verified_at, role)
    select 'bench' || g || '@example.test', 'Bench ' || g, 'x', '+86139' || lpad(g::text, 8, '0'), now(), 'family'
    from generate_series(1, ${enqueue}) g`);
  // Quiet hours off: the bench measures delivery, and must not wait for 08:00 in Shanghai when run in the evening.
  await db.execute(
    sql`insert into sms_preferences (user_id, quiet_hours) select id, false from users where email like 'bench%'`,
  );
  const recipients = await queryRows<{ id: string }>(
    db,
    sql`select id from users where email like 'bench%' order by email`,
  );
  const t = performance.now();
  for (const r of recipients) {
    await db.transaction((tx) =>
      queueSms(tx, jobs, env, {
        event: "bench",
        kind: "visit_confirmed",
        userId: r.id,
        params: { visitId: "b", carerName: "Wang", parentName: "Mum", when: "Sat 10:00" },
      }),
    );
  }
  say({ enqueued: recipients.length, enqueueMs: Math.round(performance.now() - t) });
}
if (enqueueOnly) {
  await jobs.boss.stop({ graceful: false, close: false, wait: true, timeout: 1000 }).catch(() => {});
  await handle.close();
  process.exit(0);
}

// Errors only, and the line that says a restart handed back what a killed run held (the bench reads it).
const quiet = createLogger("silent");
const logger = {
  ...quiet,
  warn: (_msg: string, fields?: Record<string, unknown>) => {
    if (fields && "reclaimed" in fields) say({ reclaimed: fields.reclaimed, at: Date.now() });
  },
} as typeof quiet;
await registerWorkers(jobs, { db, env, logger });
say({ working: Date.now() });

for (;;) {
  await new Promise((r) => setTimeout(r, 500));
  const [c] = await queryRows<{ open: number; done: number }>(
    db,
    sql`
    select count(*) filter (where status in ('pending', 'sending'))::int as open,
           count(*) filter (where status not in ('pending', 'sending'))::int as done
    from sms_messages`,
  );
  say({ progress: c });
  if (c && c.open === 0 && c.done > 0) break;
}
const [stats] = await queryRows<Record<string, number>>(
  db,
  sql`
  select count(*)::int as total,
    count(*) filter (where status = 'accepted')::int as accepted,
    count(*) filter (where status = 'failed')::int as failed,
    max(attempts)::int as max_attempts,
    sum(attempts - 1)::int as retries,
    extract(epoch from percentile_cont(0.5) within group (order by accepted_at - created_at)) * 1000 as p50_ms,
    extract(epoch from percentile_cont(0.95) within group (order by accepted_at - created_at)) * 1000 as p95_ms,
    extract(epoch from max(accepted_at) - min(created_at)) * 1000 as span_ms,
    extract(epoch from max(accepted_at)) * 1000 as last_accepted_ms,
    extract(epoch from percentile_disc(0.1) within group (order by accepted_at)) * 1000 as p10_accepted_ms,
    extract(epoch from percentile_disc(0.9) within group (order by accepted_at)) * 1000 as p90_accepted_ms,
    extract(epoch from percentile_disc(0.99) within group (order by accepted_at)) * 1000 as p99_accepted_ms,
    extract(epoch from max(accepted_at) filter (where attempts = 1)) * 1000 as last_first_try_ms
  from sms_messages`,
);
say({ done: stats });
await jobs.boss.stop({ graceful: false, close: false, wait: true, timeout: 1000 }).catch(() => {});
await handle.close();
process.exit(0);
