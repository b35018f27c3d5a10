// Periodic connectivity checks (Harness's perpetual tasks): every connector is re-tested on a
// schedule. Each console instance sweeps every CONDUIT_PERIODIC_CHECK_SWEEP_SECONDS, claiming the
// connectors whose check is due in one UPDATE … FOR UPDATE SKIP LOCKED (so two instances never
// claim the same one) and queueing a pg-boss job for each; whichever instance's worker takes a
// job runs the test where a manual test would run (a matching delegate, or the built-in one),
// stores it in the history as Conduit's, and records the connector's health: passing, or
// failing since when. A change between the two is an audit event.
import "server-only";
import type { UsageSelection } from "@/lib/aws/usages";
import { secretReaderFor } from "@/lib/connectors/credentials";
import type { ConnectorWithSecrets } from "@/lib/connectors/queries";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { db } from "@/lib/db";
import { acquireTestLock } from "@/lib/db/locks";
import { env } from "@/lib/env";
import { insertJobs, jobs } from "@/lib/jobs";
import { endRunsSignal, onClose } from "@/lib/lifecycle";
import { logger } from "@/lib/logger";
import type { Scope } from "@/lib/scope";
import { PERIODIC_TASK, queueDelegateTasks, reapTasks, runsOnDelegate } from "./delegated";
import { healthOf, PERIODIC_ACTOR } from "./health";
import { saveTestResult } from "./queries";
import { runConnectionTest } from "./runner";
import { runOptions } from "./service";
import type { TestResult } from "./types";

export const CHECK_QUEUE = "connector-check";
const WORKERS = 4;
const BATCH = 25;
/** Checks of one batch the built-in delegate runs at once (a delegated one only queues a task). */
const BUILT_IN_AT_ONCE = 4;
const SWEEP_LIMIT = 1000;

/** Claims the connectors whose check is due and queues a check for each; returns how many. */
export async function sweepDueChecks(limit = SWEEP_LIMIT): Promise<number> {
  const minutes = env().CONDUIT_PERIODIC_CHECK_MINUTES;
  const due = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Connector" c
       SET "nextCheckAt" = now() + make_interval(mins => COALESCE(c."checkIntervalMinutes", ${minutes}::int))
     WHERE c.id IN (
       SELECT id FROM "Connector"
        WHERE "nextCheckAt" <= now()
          AND "checkEnabled"
        ORDER BY "nextCheckAt"
        LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
    RETURNING c.id`;
  if (!due.length) return 0;
  await insertJobs(
    CHECK_QUEUE,
    due.map((r) => ({ data: { connectorId: r.id }, retryLimit: 0, expireInSeconds: 600 })),
  );
  return due.length;
}

type CheckedConnector = NonNullable<Awaited<ReturnType<typeof loadConnectors>>>[number];

const loadConnectors = (ids: string[]) =>
  db.connector.findMany({ where: { id: { in: ids } }, include: { secretRefs: { include: { secret: true } } } });

const scopeOf = (row: CheckedConnector) =>
  ({ accountId: row.accountId, orgIdentifier: row.orgIdentifier, projectIdentifier: row.projectIdentifier }) as Scope;

/**
 * Runs a batch of checks: those that go to a registered delegate are queued as tasks together
 * (their completion, or the lease running out, stores them and the health), the others run here
 * on the built-in delegate, a few at once.
 */
export async function runChecks(connectorIds: string[]): Promise<void> {
  const rows = await loadConnectors(connectorIds);
  const delegated: CheckedConnector[] = [];
  const builtIn: CheckedConnector[] = [];
  // Whether a selector set has a registered delegate, asked once per set in the batch.
  const where = new Map<string, Promise<boolean>>();
  for (const row of rows) {
    const spec = row.spec as unknown as ConnectorInput["spec"];
    const key = JSON.stringify([...(spec.delegateSelectors ?? [])].sort());
    if (!where.has(key)) where.set(key, runsOnDelegate(spec));
    ((await where.get(key)!) ? delegated : builtIn).push(row);
  }
  if (delegated.length) {
    // One at a time: a connector with a test waiting for a delegate or running on one (a check, or
    // someone's Test connection) is not queued again; that test's result is as fresh.
    const waiting = new Set(
      (
        await db.delegateTask.findMany({
          where: {
            connectorId: { in: delegated.map((r) => r.id) },
            status: { in: ["queued", "running"] },
          },
          select: { connectorId: true },
        })
      ).map((t) => t.connectorId),
    );
    const queue = delegated.filter((r) => !waiting.has(r.id));
    if (queue.length)
      await queueDelegateTasks(
        queue.map((r) => ({
          connectorId: r.id,
          accountId: r.accountId,
          selectors: (r.spec as unknown as ConnectorInput["spec"]).delegateSelectors ?? [],
        })),
        PERIODIC_ACTOR,
        PERIODIC_TASK,
      );
  }
  await Promise.all(
    Array.from({ length: BUILT_IN_AT_ONCE }, async () => {
      for (let row = builtIn.shift(); row; row = builtIn.shift())
        await runHere(row).catch((err: unknown) => {
          logger.warn({ err, connector: row!.id }, "periodic check failed");
        });
    }),
  );
}

/** One check on the built-in delegate; a connector being tested right now is skipped. */
async function runHere(row: CheckedConnector): Promise<void> {
  const spec = row.spec as unknown as ConnectorInput["spec"];
  const scope = scopeOf(row);
  const withSecrets = row as unknown as ConnectorWithSecrets;
  const lock = await acquireTestLock(
    `connector:${row.accountId}/${row.orgIdentifier}/${row.projectIdentifier}/${row.identifier}`,
  );
  if ("refused" in lock) return; // someone is testing it now: their result is as fresh
  let result: TestResult;
  try {
    result = await runConnectionTest({
      ...runOptions(
        { identifier: row.identifier, name: row.name, scope },
        spec,
        secretReaderFor(withSecrets, spec, scope),
        () => undefined,
        (row.usages ?? []) as unknown as UsageSelection[],
      ),
      signal: endRunsSignal(),
    });
    await saveTestResult({
      connectorId: row.id,
      actor: PERIODIC_ACTOR.name,
      result,
      audit: {
        actor: PERIODIC_ACTOR,
        action: "TEST",
        entityType: "Connector",
        entityId: row.identifier,
        scope,
        after: { testStatus: result.status, errorSummary: result.errorSummary, periodic: true },
      },
      health: healthOf(row, scope, result),
    });
  } finally {
    await lock.release();
  }
}

/** Starts this instance's sweep and workers (the start hook calls it when checks are on). */
export async function startPeriodicChecks(): Promise<void> {
  const e = env();
  if (e.CONDUIT_PERIODIC_CHECKS !== "true") return;
  const boss = await jobs();
  await boss.createQueue(CHECK_QUEUE);
  for (let i = 0; i < WORKERS; i++)
    // A batch at a time, run together: pg-boss waits its polling interval between fetches.
    await boss.work<{ connectorId: string }>(
      CHECK_QUEUE,
      { pollingIntervalSeconds: 0.5, batchSize: BATCH },
      async (batch) => {
        await runChecks(batch.map((job) => job.data.connectorId)).catch((err: unknown) => {
          logger.warn({ err }, "periodic checks failed");
        });
      },
    );
  const timer = setInterval(() => {
    sweepDueChecks().catch((err: unknown) => logger.warn({ err }, "periodic check sweep failed"));
    reapTasks().catch((err: unknown) => logger.warn({ err }, "delegate task reaping failed"));
  }, e.CONDUIT_PERIODIC_CHECK_SWEEP_SECONDS * 1000);
  timer.unref();
  onClose("periodic-checks", async () => clearInterval(timer));
}
