// Background work on PostgreSQL through pg-boss (its own schema, `pgboss`): one instance per
// process, so every console instance on the database shares the queues and a scheduled job runs
// once per tick whichever instance takes it. Started by the start hook (instrumentation-node.ts);
// stopped, letting running jobs finish, when the console stops.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { onClose } from "@/lib/lifecycle";
import { logger } from "@/lib/logger";

const g = globalThis as unknown as { conduitJobs?: Promise<PgBoss> };

/** The process's queue, started on first use. */
export function jobs(): Promise<PgBoss> {
  g.conduitJobs ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      schema: "pgboss",
      application_name: "conduit-jobs",
      max: 3,
    });
    boss.on("error", (err) => logger.warn({ err }, "job queue error"));
    await boss.start();
    onClose("jobs", stopJobs);
    return boss;
  })().catch((err: unknown) => {
    g.conduitJobs = undefined;
    throw err;
  });
  return g.conduitJobs;
}

export async function stopJobs(): Promise<void> {
  const started = g.conduitJobs;
  g.conduitJobs = undefined;
  // Running jobs (an audit prune batch) get a moment; the console's own stop allows 2 s for closers.
  if (started) await (await started).stop({ graceful: true, timeout: 1_500, wait: true });
}

export interface RecurringJob {
  name: string;
  /** Cron, UTC: "17 * * * *" is hourly at minute 17. */
  cron: string;
  run: () => Promise<unknown>;
}

/** Registers a job that runs on a schedule, once per tick across all instances. */
export async function scheduleRecurring(job: RecurringJob): Promise<void> {
  const boss = await jobs();
  await boss.createQueue(job.name, { name: job.name, policy: "singleton", retryLimit: 2 });
  await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  await boss.work(job.name, async () => {
    await job.run();
  });
}
