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
    await fetchOrderIndex(boss);
    onClose("jobs", stopJobs);
    return boss;
  })().catch((err: unknown) => {
    g.conduitJobs = undefined;
    throw err;
  });
  return g.conduitJobs;
}

/**
 * An index in the order pg-boss fetches a queue's jobs (priority, then oldest first). Its own
 * fetch index (job_i5: name and start time) does not hold that order, so every fetch read and
 * sorted all of a queue's waiting jobs: with 3,000 waiting (a fleet's periodic checks) each took
 * 1.6 ms of PostgreSQL's time, and more the deeper the queue; in order, 0.03 ms. Made on the
 * partitioned parent, it is made on every queue's partition, today's and those attached later.
 * Instances starting at once may race to make it: the one that loses has nothing to do.
 */
async function fetchOrderIndex(boss: PgBoss) {
  await boss
    .getDb()
    .executeSql(
      `CREATE INDEX IF NOT EXISTS conduit_job_fetch ON pgboss.job (name, priority DESC, created_on, id) WHERE state < 'active'`,
      [],
    )
    .catch((err: unknown) => logger.debug({ err }, "the job fetch index was being made by another instance"));
}

/** Queues whose partition this process has had PostgreSQL look at since they held jobs. */
const analyzed = new Set<string>();

/**
 * Inserts jobs into a queue. The first insert into a queue in this process also takes the
 * statistics of the queue's partition: a new partition has none, and the planner then reckons it
 * one row and sorts every waiting job rather than reading the fetch index in order. Once it has
 * seen some rows, its estimate grows with the table.
 */
export async function insertJobs(name: string, items: Omit<PgBoss.JobInsert, "name">[]): Promise<void> {
  const boss = await jobs();
  await boss.insert(items.map((j) => ({ ...j, name })));
  if (analyzed.has(name)) return;
  analyzed.add(name);
  const [queue] = (await boss.getDb().executeSql(`SELECT partition_name FROM pgboss.queue WHERE name = $1`, [name]))
    .rows as { partition_name?: string }[];
  if (queue?.partition_name && /^j[0-9a-f]+$/.test(queue.partition_name))
    await boss
      .getDb()
      .executeSql(`ANALYZE pgboss.${queue.partition_name}`, [])
      .catch((err: unknown) => logger.debug({ err, queue: name }, "could not analyze a job queue"));
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
