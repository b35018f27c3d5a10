// Work run by a registered delegate: a connector's tests (saved, periodic, or the wizard's unsaved
// one), its lookups, a GitOps cluster's test through its agent's connector. The console queues a
// task on pg-boss (one queue per set of selectors; a delegate takes from every queue whose
// selectors are all among its tags), the delegate that takes it holds a lease its heartbeats
// renew, and its step events are appended to the task's row as they arrive, so whichever console
// instance serves the browser streams them from PostgreSQL. A lease that runs out ends the test as "delegate lost" (or, when
// the delegate had not reported a step yet, puts it back for another matching delegate); a test
// nobody takes within the test's time limit ends as "no delegate took it"; a browser that leaves
// before a delegate took the test cancels it.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { UsageSelection } from "@/lib/aws/usages";
import { connectorOidcContext } from "@/lib/connectors/aws-calls";
import { secretReaderFor, signOidcToken, type SignedOidcToken } from "@/lib/connectors/credentials";
import type { OidcContext, TokenScope } from "@/lib/oidc/claims";
import type { ConnectorWithSecrets } from "@/lib/connectors/queries";
import { resolveConnectorRow } from "@/lib/connectors/refs";
import { connectorSecretRefs, type ConnectorInput } from "@/lib/connectors/schemas";
import { readAwsKeyMaterial } from "@/lib/secrets/service";
import { db } from "@/lib/db";
import { MISSED_BEATS } from "@/lib/delegates/match";
import { matchDelegates } from "@/lib/delegates/service";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { insertJobs, jobs } from "@/lib/jobs";
import { logger } from "@/lib/logger";
import type { Actor, Scope } from "@/lib/scope";
import { healthOf } from "./health";
import type { LookupAnswer, LookupInput } from "@/lib/delegates/schemas";
import { saveTestResult } from "./queries";
import type { StepEvent as AnyStepEvent } from "@/lib/steps/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StepEvent, TestEvent, TestResult } from "./types";

const POLL_MS = 200;
const ACQUIRE_POLL_MS = 250;

/** What a delegate receives for a connection test: everything it needs, secrets for this task only. */
export interface ConnectionTestTask {
  id: string;
  kind: "connection-test";
  connector: {
    identifier: string;
    name: string;
    scope: Pick<Scope, "accountId" | "orgIdentifier" | "projectIdentifier">;
  };
  spec: ConnectorInput["spec"];
  usages: UsageSelection[];
  /** The values of the secrets the spec refers to, by reference. Never stored on the delegate. */
  secrets: Record<string, string>;
  /** For an OIDC connector: the token the console signed for this task (a delegate holds no key). */
  oidc?: SignedOidcToken;
  timeoutMs: number;
  callTimeoutMs: number;
}

/** What a delegate receives for a lookup: the connector, its secrets for this task only, what to look up. */
export interface LookupTask {
  id: string;
  kind: typeof LOOKUP_TASK;
  connector: ConnectionTestTask["connector"] & { id: string; version: number };
  spec: ConnectorInput["spec"];
  secrets: Record<string, string>;
  oidc?: SignedOidcToken;
  lookup: LookupInput;
  callTimeoutMs: number;
}

/**
 * What a delegate receives for a GitOps cluster's test: the agent's connector with its secrets for
 * this task only, and the cluster as the requester described it (`input`). Its requester stores
 * the result on the cluster.
 */
export interface ClusterTestTask {
  id: string;
  kind: typeof CLUSTER_TEST_TASK;
  connector: LookupTask["connector"];
  spec: ConnectorInput["spec"];
  secrets: Record<string, string>;
  oidc?: SignedOidcToken;
  input: Record<string, unknown>;
  callTimeoutMs: number;
}

export type DelegateTaskPayload = ConnectionTestTask | LookupTask | ClusterTestTask;

/** A lookup's task kind: answered, never stored in a connector's test history. */
export const LOOKUP_TASK = "lookup";
/** A GitOps cluster's test, through its agent's connector: its requester stores the result. */
export const CLUSTER_TEST_TASK = "cluster-test";
/** A test of a connector not saved yet (the wizard's): its input has the spec; only audited. */
export const UNSAVED_TEST_TASK = "unsaved-test";
/** The kinds whose results are a connector test's. */
export const CONNECTOR_TEST_KINDS = ["connection-test", "periodic-check", UNSAVED_TEST_TASK];
/** The kinds whose results go into a saved connector's test history. */
const HISTORY_KINDS = ["connection-test", "periodic-check"];

/** An unsaved test's input: the connector as the wizard has it, and the scope it is tested from. */
interface UnsavedTestInput {
  identifier: string;
  name: string;
  scope: Pick<Scope, "accountId" | "orgIdentifier" | "projectIdentifier">;
  spec: ConnectorInput["spec"];
  usages: UsageSelection[];
}
/** How often a lookup's requester looks for the answer (lookups are short). */
const ANSWER_POLL_MS = 50;

const leaseMs = () => MISSED_BEATS * env().CONDUIT_DELEGATE_HEARTBEAT_SECONDS * 1000;

/** The pg-boss queue for tasks needing these selectors. */
export function queueFor(selectors: readonly string[]): string {
  const sorted = [...new Set(selectors)].sort();
  if (!sorted.length) return "delegate-tasks.any";
  return `delegate-tasks.${createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 20)}`;
}

/**
 * Whether a connector with these selectors runs on a registered delegate: when a connected one
 * matches, or when the built-in delegate is off (then the test waits for one).
 */
export async function runsOnDelegate(spec: ConnectorInput["spec"]): Promise<boolean> {
  if (env().CONDUIT_BUILTIN_DELEGATE !== "true") return true;
  const match = await matchDelegates(spec.delegateSelectors ?? []);
  return match.matching.some((m) => !m.builtIn);
}

/**
 * Queues this process has made sure of, one attempt in flight per name: pg-boss's createQueue
 * deadlocks with itself when two calls make the same new queue at once.
 */
const knownQueues = new Map<string, Promise<void>>();

function ensureQueue(name: string, selectors: string[]): Promise<void> {
  let made = knownQueues.get(name);
  if (!made) {
    made = (async () => {
      // Two instances making it at once: one insert wins, the other does nothing.
      await db.$executeRaw`
        INSERT INTO "DelegateTaskQueue" (name, selectors)
        VALUES (${name}, ${[...new Set(selectors)].sort()}::text[])
        ON CONFLICT (name) DO NOTHING`;
      queueLists.clear(); // this instance's delegates see the new queue on their next look
      const boss = await jobs();
      for (let attempt = 1; ; attempt++) {
        try {
          return await boss.createQueue(name);
        } catch (err) {
          // Another instance making the same queue can still deadlock with this one: try again.
          if (attempt >= 3) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
    })();
    knownQueues.set(name, made);
    made.catch(() => knownQueues.delete(name));
  }
  return made;
}

async function enqueue(tasks: { id: string; selectors: string[] }[]) {
  const byQueue = new Map<string, { selectors: string[]; ids: string[] }>();
  for (const t of tasks) {
    const name = queueFor(t.selectors);
    const q = byQueue.get(name) ?? { selectors: t.selectors, ids: [] };
    q.ids.push(t.id);
    byQueue.set(name, q);
  }
  for (const [name, q] of byQueue) {
    await ensureQueue(name, q.selectors);
    await insertJobs(
      name,
      q.ids.map((taskId) => ({ data: { taskId }, retryLimit: 0, expireInSeconds: 3600 })),
    );
  }
}

type TaskRow = NonNullable<Awaited<ReturnType<typeof db.delegateTask.findUnique>>>;

const endedResult = (row: TaskRow, status: "lost" | "unclaimed", started: number): TestResult => {
  const name = row.delegateName ?? "a delegate";
  const message =
    status === "lost"
      ? `Delegate lost: ${name} stopped answering during the test (no heartbeat for ${leaseMs() / 1000} s)`
      : "No delegate took the test: no connected delegate has every selector of this connector";
  return {
    status: "FAILURE",
    errors: [{ reason: "Delegate", message, code: status === "lost" ? "DELEGATE_LOST" : "NO_DELEGATE" }],
    errorSummary: message,
    testedAt: started,
    delegateId: row.delegateName ?? "none",
    durationMs: Date.now() - started,
    steps: (row.events as unknown as StepEvent[]).filter((e) => e.status !== "running"),
  };
};

/**
 * Queues the test and streams what the delegate reports until it ends. The result is stored by
 * whoever ends the task: the delegate's completion, or a stream that saw the lease run out.
 */
export async function runOnDelegate(opts: {
  row: ConnectorWithSecrets;
  spec: ConnectorInput["spec"];
  scope: Scope;
  by: Actor;
  emit: (e: TestEvent) => void;
  signal?: AbortSignal;
}): Promise<void> {
  const taskId = await queueDelegateTask({ ...opts, kind: "connection-test" });
  await followTask(taskId, opts.emit, { signal: opts.signal, cancelWhenLeft: true });
}

/** A periodic check's task: stored and followed by its health when it ends. */
export const PERIODIC_TASK = "periodic-check";

/** Queues a test of the connector for a delegate; returns the task's id. */
export async function queueDelegateTask(opts: {
  row: Pick<ConnectorWithSecrets, "id">;
  spec: ConnectorInput["spec"];
  scope: Scope;
  by: Actor;
  kind: "connection-test" | typeof PERIODIC_TASK;
}): Promise<string> {
  const [id] = await queueDelegateTasks(
    [{ connectorId: opts.row.id, accountId: opts.scope.accountId, selectors: opts.spec.delegateSelectors ?? [] }],
    opts.by,
    opts.kind,
  );
  return id!;
}

/** Queues tests of several connectors at once (one insert, one job insert per queue); their ids. */
export async function queueDelegateTasks(
  items: { connectorId: string | null; accountId: string; selectors: string[]; input?: object }[],
  by: Actor,
  kind:
    "connection-test" | typeof PERIODIC_TASK | typeof LOOKUP_TASK | typeof CLUSTER_TEST_TASK | typeof UNSAVED_TEST_TASK,
): Promise<string[]> {
  const tasks = items.map((item) => ({ id: randomUUID(), ...item }));
  await db.delegateTask.createMany({
    data: tasks.map((t) => ({
      id: t.id,
      accountId: t.accountId,
      kind,
      connectorId: t.connectorId,
      selectors: t.selectors,
      ...(t.input ? { input: t.input as Prisma.InputJsonObject } : {}),
      requestedBy: { id: by.id, name: by.name, kind: by.kind, requestId: by.requestId ?? null },
    })),
  });
  try {
    await enqueue(tasks);
  } catch (err) {
    // Not on the queue, they would wait forever: they end here, and the caller hears why.
    await db.delegateTask.updateMany({
      where: { id: { in: tasks.map((t) => t.id) } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    throw err;
  }
  return tasks.map((t) => t.id);
}

/**
 * Ends what nobody follows: tasks whose lease ran out (lost after their first step, queued again
 * before it). Every instance calls it on its sweep; the conditional updates make it safe.
 */
export async function reapTasks(): Promise<void> {
  const expired = await db.delegateTask.findMany({
    where: { status: "running", leaseUntil: { lt: new Date() } },
    take: 100,
  });
  for (const row of expired) {
    if ((row.events as unknown[]).length) await end(row, "lost", "lost", true);
    else {
      const { count } = await db.delegateTask.updateMany({
        where: { id: row.id, status: "running", leaseUntil: { lt: new Date() } },
        data: { status: "queued", delegateId: null, delegateName: null, leaseUntil: null, startedAt: null },
      });
      if (count) await enqueue([{ id: row.id, selectors: row.selectors }]);
    }
  }
}

/** Who asked for a task: the stored result's actor. */
function requester(row: Pick<TaskRow, "requestedBy">): Actor {
  const by = row.requestedBy as { id: string; name: string; kind: Actor["kind"]; requestId: string | null };
  return { id: by.id, name: by.name, kind: by.kind, requestId: by.requestId ?? undefined } as Actor;
}

/** Who asked for a task, in which scope, for which connector: what its stored result records. */
async function requesterOf(row: Pick<TaskRow, "connectorId" | "requestedBy">) {
  if (!row.connectorId) return null;
  const connector = await db.connector.findUnique({ where: { id: row.connectorId } });
  if (!connector) return null;
  return {
    by: requester(row),
    scope: {
      accountId: connector.accountId,
      orgIdentifier: connector.orgIdentifier,
      projectIdentifier: connector.projectIdentifier,
    } as Scope,
    identifier: connector.identifier,
  };
}

/**
 * Streams a task from PostgreSQL: the events stored so far, then new ones as they arrive, then
 * its result. Any console instance can follow any task; whichever sees its lease or its pickup
 * time run out ends it (a conditional update: exactly one does, and stores the result).
 * `cancelWhenLeft`: the requester's stream, whose leaving cancels a task nobody took yet.
 */
export async function followTask(
  taskId: string,
  emit: (e: TestEvent) => void,
  o: { signal?: AbortSignal; cancelWhenLeft?: boolean } = {},
): Promise<void> {
  const ended = await followTaskEvents(taskId, (e) => emit(e as StepEvent), o);
  if (ended) emit({ type: "result", result: ended.result as TestResult });
}

/** How a followed task ended: its result as its delegate sent it ("done"), or as the console ended it. */
export type TaskEnd = { status: "done"; result: unknown } | { status: "lost" | "cancelled"; result: TestResult };

/**
 * `followTask` for any kind of task: its step events as they arrive, then how it ended; null when
 * the follower left (a follower that is not the requester stops following).
 */
export async function followTaskEvents(
  taskId: string,
  onEvent: (e: AnyStepEvent) => void,
  o: { signal?: AbortSignal; cancelWhenLeft?: boolean } = {},
): Promise<TaskEnd | null> {
  let sent = 0;
  for (;;) {
    const row = await db.delegateTask.findUnique({ where: { id: taskId } });
    if (!row) throw new AppError("NOT_FOUND", "The delegate task does not exist");
    const events = row.events as unknown as AnyStepEvent[];
    for (; sent < events.length; sent++) onEvent(events[sent]!);
    if (row.result && (row.status === "done" || row.status === "lost" || row.status === "cancelled"))
      return row.status === "done"
        ? { status: "done", result: row.result }
        : { status: row.status, result: row.result as unknown as TestResult };
    const now = Date.now();
    const started = row.createdAt.getTime();
    const left = o.cancelWhenLeft && o.signal?.aborted;
    if (row.status === "queued" && (now > started + env().CONDUIT_TEST_TIMEOUT_MS || left)) {
      // Nobody took it (or the requester left first): it will not run.
      await end(row, "unclaimed", "cancelled", !left);
      continue;
    }
    if (row.status === "running" && row.leaseUntil && row.leaseUntil.getTime() < now) {
      if (!events.length) {
        // Taken but never started: the delegate went away with it; another matching one may take it.
        const { count } = await db.delegateTask.updateMany({
          where: { id: taskId, status: "running", leaseUntil: { lt: new Date(now) } },
          data: { status: "queued", delegateId: null, delegateName: null, leaseUntil: null, startedAt: null },
        });
        if (count) await enqueue([{ id: taskId, selectors: row.selectors }]);
      } else await end(row, "lost", "lost", true);
      continue;
    }
    if (o.signal?.aborted && !o.cancelWhenLeft) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Ends a task that will not finish on its own; the one caller whose update wins stores the result. */
async function end(row: TaskRow, why: "lost" | "unclaimed", status: "lost" | "cancelled", save: boolean) {
  const result = endedResult(row, why, row.createdAt.getTime());
  const { count } = await db.delegateTask.updateMany({
    where: {
      id: row.id,
      status: row.status,
      ...(row.status === "running" ? { leaseUntil: { lt: new Date() } } : {}),
    },
    data: { status, finishedAt: new Date(), result: result as never },
  });
  if (!count || !save) return;
  const who = await requesterOf(row);
  if (who) await store(row, who.by, who.scope, who.identifier, result);
}

/** The task of this connector's test that is running now (or the newest), for a second stream. */
export async function latestTaskOf(connectorId: string): Promise<string | null> {
  const row = await db.delegateTask.findFirst({
    where: { connectorId, kind: { in: HISTORY_KINDS } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

async function store(
  row: Pick<TaskRow, "id" | "kind" | "connectorId" | "delegateName">,
  by: Actor,
  scope: Scope,
  identifier: string,
  result: TestResult,
) {
  // A lookup's answer, a cluster's test and an unsaved test are their requesters', not a history's.
  if (!HISTORY_KINDS.includes(row.kind) || !row.connectorId) return;
  await saveTestResult({
    connectorId: row.connectorId,
    actor: by.name,
    result,
    audit: {
      actor: by,
      requestId: by.requestId,
      action: "TEST",
      entityType: "Connector",
      entityId: identifier,
      scope,
      after: { testStatus: result.status, errorSummary: result.errorSummary, delegate: row.delegateName },
    },
    // A periodic check records the connector's health with it.
    health: row.kind === PERIODIC_TASK ? healthOf({ identifier }, scope, result) : undefined,
  }).catch((err: unknown) => logger.warn({ err, task: row.id }, "could not store a delegate test result"));
}

// ---- the delegate's side of the protocol -----------------------------------------------------

/** The queues a delegate with these tags takes from, looked up at most once a second per tag set. */
const QUEUES_TTL_MS = 1000;
const queueLists = new Map<string, { at: number; names: Promise<{ name: string }[]> }>();

function queuesFor(tags: string[]): Promise<{ name: string }[]> {
  const key = JSON.stringify([...tags].sort());
  const hit = queueLists.get(key);
  if (hit && Date.now() - hit.at < QUEUES_TTL_MS) return hit.names;
  const names = db.$queryRaw<{ name: string }[]>`
    SELECT name FROM "DelegateTaskQueue" WHERE selectors <@ ${tags}::text[]`;
  if (queueLists.size > 1000) queueLists.clear();
  queueLists.set(key, { at: Date.now(), names });
  names.catch(() => queueLists.delete(key));
  return names;
}

/**
 * Up to `max` tasks a delegate with these tags may run, leased to it, with their secrets; none when
 * nothing arrives before `waitMs` (the delegate asks again). One request takes as many tasks as
 * the delegate has room for, so a busy fleet does not pay a round trip per task.
 */
export async function acquireTasks(
  delegate: { id: string; name: string; tags: string[] },
  max: number,
  waitMs: number,
  signal?: AbortSignal,
): Promise<DelegateTaskPayload[]> {
  const boss = await jobs();
  const deadline = Date.now() + waitMs;
  // One look at the queues at least (waitMs 0: take what is there now), then again until the deadline.
  for (;;) {
    const queues = await queuesFor(delegate.tags);
    const taken: string[] = [];
    for (const { name } of queues) {
      if (taken.length >= max) break;
      const fetched = await boss.fetch<{ taskId: string }>(name, { batchSize: max - taken.length });
      if (!fetched.length) continue;
      await boss.complete(
        name,
        fetched.map((j) => j.id),
      );
      taken.push(...fetched.map((j) => j.data.taskId));
    }
    if (taken.length) {
      // A task cancelled while it waited stays cancelled.
      const claimed = await db.$queryRaw<
        { id: string; connectorId: string | null; kind: string; input: Record<string, unknown> | null }[]
      >`
        UPDATE "DelegateTask"
           SET status = 'running', "delegateId" = ${delegate.id}, "delegateName" = ${delegate.name},
               "startedAt" = now(), "leaseUntil" = now() + ${`${leaseMs()} milliseconds`}::interval
         WHERE id = ANY(${taken}::text[]) AND status = 'queued'
        RETURNING id, "connectorId", kind, input`;
      const tasks = claimed.length ? await tasksFor(claimed) : [];
      if (tasks.length) return tasks;
    }
    if (Date.now() >= deadline || signal?.aborted) return [];
    await new Promise((r) => setTimeout(r, ACQUIRE_POLL_MS));
  }
}

/**
 * The answer to a delegate's result or lookup answer: with `next`, up to that many new tasks
 * (200 { tasks }), taken as acquire would without waiting; else 204.
 */
export async function nextTasksAnswer(
  delegate: { id: string; name: string; tags: string[] },
  next: number | undefined,
  signal?: AbortSignal,
): Promise<Response> {
  const tasks = next ? await acquireTasks(delegate, next, 0, signal) : [];
  return tasks.length
    ? Response.json({ tasks }, { headers: { "cache-control": "no-store" } })
    : new Response(null, { status: 204 });
}

/** What the delegate receives for each claimed task; a task whose connector is gone is cancelled. */
async function tasksFor(
  rows: { id: string; connectorId: string | null; kind: string; input: Record<string, unknown> | null }[],
): Promise<DelegateTaskPayload[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.connectorId ? [r.connectorId] : [])))];
  const found = ids.length ? await db.connector.findMany({ where: { id: { in: ids } } }) : [];
  // Sealed secrets only for the connectors that refer to some (a delegate's own identity has none).
  const withRefs = found.filter(
    (c) => connectorSecretRefs({ spec: c.spec as unknown as ConnectorInput["spec"] }).length,
  );
  const refs = withRefs.length
    ? await db.connectorSecretRef.findMany({
        where: { connectorId: { in: withRefs.map((c) => c.id) } },
        include: { secret: true },
      })
    : [];
  const connectors = new Map(
    found.map((c) => [c.id, { ...c, secretRefs: refs.filter((r) => r.connectorId === c.id) }]),
  );
  const tasks: DelegateTaskPayload[] = [];
  const orphans: string[] = [];
  for (const row of rows) {
    if (row.kind === UNSAVED_TEST_TASK && row.input) {
      tasks.push(await unsavedTestTask(row.id, row.input as unknown as UnsavedTestInput));
      continue;
    }
    const connector = row.connectorId ? connectors.get(row.connectorId) : undefined;
    if (!connector) {
      orphans.push(row.id);
      continue;
    }
    const spec = connector.spec as unknown as ConnectorInput["spec"];
    const scope = {
      accountId: connector.accountId,
      orgIdentifier: connector.orgIdentifier,
      projectIdentifier: connector.projectIdentifier,
    };
    const read = secretReaderFor(connector as unknown as ConnectorWithSecrets, spec, scope as Scope);
    const secrets: Record<string, string> = {};
    for (const { ref } of connectorSecretRefs({ spec })) secrets[ref] = await read(ref);
    // Lookups and cluster tests use the connector as a pipeline would; its tests, to validate it.
    const oidc = await oidcTokenFor(
      { identifier: connector.identifier, name: connector.name, scope, spec },
      row.kind === LOOKUP_TASK || row.kind === CLUSTER_TEST_TASK ? "PIPELINE_CONFIGURATION" : "CONNECTOR_VALIDATION",
    );
    const described = {
      id: connector.id,
      version: connector.version,
      identifier: connector.identifier,
      name: connector.name,
      scope,
    };
    if (row.kind === LOOKUP_TASK && row.input) {
      tasks.push({
        id: row.id,
        kind: LOOKUP_TASK,
        connector: described,
        spec,
        secrets,
        ...oidc,
        lookup: row.input as LookupInput,
        callTimeoutMs: env().CONDUIT_AWS_CALL_TIMEOUT_MS,
      });
      continue;
    }
    if (row.kind === CLUSTER_TEST_TASK && row.input) {
      tasks.push({
        id: row.id,
        kind: CLUSTER_TEST_TASK,
        connector: described,
        spec,
        secrets,
        ...oidc,
        input: row.input,
        callTimeoutMs: env().CONDUIT_AWS_CALL_TIMEOUT_MS,
      });
      continue;
    }
    tasks.push({
      id: row.id,
      kind: "connection-test",
      connector: { identifier: connector.identifier, name: connector.name, scope },
      spec,
      usages: (connector.usages ?? []) as unknown as UsageSelection[],
      secrets,
      ...oidc,
      timeoutMs: env().CONDUIT_TEST_TIMEOUT_MS,
      callTimeoutMs: env().CONDUIT_AWS_CALL_TIMEOUT_MS,
    });
  }
  if (orphans.length)
    await db.delegateTask.updateMany({
      where: { id: { in: orphans } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
  return tasks;
}

/**
 * For an OIDC connector, the token its task on a delegate uses, signed here with the account's key
 * for this task only (never stored); nothing for other connectors.
 */
async function oidcTokenFor(
  connector: { identifier: string; name: string; scope: TokenScope; spec: ConnectorInput["spec"] },
  context: OidcContext,
): Promise<{ oidc?: SignedOidcToken }> {
  const credential = connector.spec.credential;
  if (credential.type !== "OidcAuthentication") return {};
  return { oidc: await signOidcToken(credential, connectorOidcContext(connector, context)) };
}

/**
 * An unsaved test's task: its secrets read from the scope it is tested from (the requester's
 * access to each was checked when it asked). One that cannot be read is left out: the delegate's
 * test then fails at its credentials step, naming it.
 */
async function unsavedTestTask(id: string, input: UnsavedTestInput): Promise<ConnectionTestTask> {
  const secrets: Record<string, string> = {};
  for (const { ref } of connectorSecretRefs({ spec: input.spec }))
    await readAwsKeyMaterial(input.scope as Scope, ref).then(
      (value) => (secrets[ref] = value),
      (err: unknown) => logger.warn({ err, task: id, ref }, "an unsaved test's secret could not be read"),
    );
  return {
    id,
    kind: "connection-test",
    connector: { identifier: input.identifier, name: input.name, scope: input.scope },
    spec: input.spec,
    usages: input.usages,
    secrets,
    ...(await oidcTokenFor(input, "CONNECTOR_VALIDATION")),
    timeoutMs: env().CONDUIT_TEST_TIMEOUT_MS,
    callTimeoutMs: env().CONDUIT_AWS_CALL_TIMEOUT_MS,
  };
}

/**
 * Queues the wizard's test of a connector not saved yet for a delegate its selectors match, and
 * streams what the delegate reports; its result, for the caller to audit (null: the requester
 * left before any delegate took it, so it never ran).
 */
export async function runUnsavedOnDelegate(opts: {
  input: UnsavedTestInput;
  by: Actor;
  emit: (e: TestEvent) => void;
  signal?: AbortSignal;
}): Promise<TestResult | null> {
  const [taskId] = await queueDelegateTasks(
    [
      {
        connectorId: null,
        accountId: opts.input.scope.accountId,
        selectors: opts.input.spec.delegateSelectors ?? [],
        input: opts.input,
      },
    ],
    opts.by,
    UNSAVED_TEST_TASK,
  );
  const ended = await followTaskEvents(taskId!, (e) => opts.emit(e as StepEvent), {
    signal: opts.signal,
    cancelWhenLeft: true,
  });
  if (!ended || (ended.status === "cancelled" && opts.signal?.aborted)) return null;
  return ended.result as TestResult;
}

/**
 * Step events from the delegate running the task, of one of these kinds (the events' schema is the
 * kind's); false when the task is no longer its own.
 */
export async function appendTaskEvents(
  delegateId: string,
  taskId: string,
  events: AnyStepEvent[],
  kinds: readonly string[],
): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "DelegateTask"
       SET events = events || ${JSON.stringify(events)}::jsonb,
           "leaseUntil" = now() + ${`${leaseMs()} milliseconds`}::interval
     WHERE id = ${taskId} AND "delegateId" = ${delegateId} AND status = 'running'
       AND kind = ANY(${[...kinds]}::text[])`;
  return count > 0;
}

/**
 * The delegate's result (with the step events it had not sent yet) of a task of one of these kinds
 * (the result's schema is the kind's): the task is done, and a connector test's result is stored
 * with the connector's history. False when the task is no longer this delegate's.
 */
export async function completeTask(
  delegateId: string,
  taskId: string,
  result: TestResult | object,
  events: AnyStepEvent[] = [],
  kinds: readonly string[] = CONNECTOR_TEST_KINDS,
): Promise<boolean> {
  // The connector's scope and identifier come back with the update: what the stored result records.
  const [row] = await db.$queryRaw<
    (Pick<TaskRow, "id" | "kind" | "connectorId" | "delegateName" | "requestedBy"> & {
      connector: {
        accountId: string;
        orgIdentifier: string | null;
        projectIdentifier: string | null;
        identifier: string;
      } | null;
    })[]
  >`
    UPDATE "DelegateTask"
       SET status = 'done', result = ${JSON.stringify(result)}::jsonb, "finishedAt" = now(),
           events = events || ${JSON.stringify(events)}::jsonb
     WHERE id = ${taskId} AND "delegateId" = ${delegateId} AND status = 'running'
       AND kind = ANY(${[...kinds]}::text[])
    RETURNING id, kind, "connectorId", "delegateName", "requestedBy",
              (SELECT json_build_object('accountId', c."accountId", 'orgIdentifier', c."orgIdentifier",
                                        'projectIdentifier', c."projectIdentifier", 'identifier', c.identifier)
                 FROM "Connector" c WHERE c.id = "connectorId") AS connector`;
  if (!row) return false;
  if (row.connector) {
    const { identifier, ...scope } = row.connector;
    await store(row, requester(row), scope as Scope, identifier, result as TestResult);
  }
  return true;
}

/** A lookup's answer from the delegate that ran it; false when the task is no longer its own. */
export async function answerTask(delegateId: string, taskId: string, answer: LookupAnswer): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "DelegateTask" SET status = 'done', result = ${JSON.stringify(answer)}::jsonb, "finishedAt" = now()
     WHERE id = ${taskId} AND "delegateId" = ${delegateId} AND status = 'running' AND kind = ${LOOKUP_TASK}`;
  return count > 0;
}

/**
 * A lookup of the connector `ref` where its work runs: on a registered delegate when one runs its
 * lookups (a connected one has every selector, or the built-in delegate is off), the delegate's
 * answer; else `here`, the console's own. `check` refuses a bad query before any delegate is asked.
 */
export async function delegatedLookup<T>(opts: {
  scope: Scope;
  ref: string;
  input: LookupInput;
  by: Actor;
  check?: (spec: ConnectorInput["spec"]) => void;
  signal?: AbortSignal;
  here: () => Promise<T>;
}): Promise<T> {
  const resolved = await resolveConnectorRow(opts.scope, opts.ref);
  if (!resolved) throw new AppError("NOT_FOUND", `No connector "${opts.ref}" is visible from this scope`);
  const { row, connector } = resolved;
  if (!(await runsOnDelegate(connector.spec))) return opts.here();
  opts.check?.(connector.spec);
  // The delegate ran the same lookup: its listing has the console's own shape.
  return lookupOnDelegate({
    connector: { id: row.id, accountId: connector.scope.accountId, selectors: connector.spec.delegateSelectors ?? [] },
    input: opts.input,
    by: opts.by,
    signal: opts.signal,
  }) as Promise<T>;
}

/**
 * Runs a lookup on a delegate that matches the connector and waits for its answer: the listing,
 * or the problem the delegate met (thrown as it would have been here). A lookup nobody takes
 * within the test time limit fails; one whose delegate went away goes back to the queue.
 */
async function lookupOnDelegate(opts: {
  connector: { id: string; accountId: string; selectors: string[] };
  input: LookupInput;
  by: Actor;
  signal?: AbortSignal;
}): Promise<unknown> {
  const [taskId] = await queueDelegateTasks(
    [
      {
        connectorId: opts.connector.id,
        accountId: opts.connector.accountId,
        selectors: opts.connector.selectors,
        input: opts.input,
      },
    ],
    opts.by,
    LOOKUP_TASK,
  );
  const deadline = Date.now() + env().CONDUIT_TEST_TIMEOUT_MS;
  for (;;) {
    const row = await db.delegateTask.findUnique({
      where: { id: taskId! },
      select: { status: true, result: true, leaseUntil: true },
    });
    if (!row) throw new AppError("NOT_FOUND", "The lookup's task does not exist");
    if (row.status === "done" && row.result) {
      const answer = row.result as unknown as LookupAnswer;
      if ("listing" in answer) return answer.listing;
      const p = answer.problem;
      throw new AppError(p.code, p.detail, { fieldErrors: p.fieldErrors, extra: p.extra });
    }
    const now = Date.now();
    if (row.status === "queued" && (now > deadline || opts.signal?.aborted)) {
      const { count } = await db.delegateTask.updateMany({
        where: { id: taskId!, status: "queued" },
        data: { status: "cancelled", finishedAt: new Date() },
      });
      if (count) {
        opts.signal?.throwIfAborted();
        throw new AppError(
          "UPSTREAM_FAILED",
          "No delegate took the lookup: no connected delegate has every selector of this connector",
          {
            extra: { reason: "NO_DELEGATE" },
          },
        );
      }
      continue;
    }
    if (row.status === "running" && row.leaseUntil && row.leaseUntil.getTime() < now) {
      // Its delegate went away: another matching one may answer it.
      const { count } = await db.delegateTask.updateMany({
        where: { id: taskId!, status: "running", leaseUntil: { lt: new Date(now) } },
        data: { status: "queued", delegateId: null, delegateName: null, leaseUntil: null, startedAt: null },
      });
      if (count) await enqueue([{ id: taskId!, selectors: opts.connector.selectors }]);
      continue;
    }
    if (row.status === "running" && now > deadline + leaseMs()) {
      throw new AppError("UPSTREAM_FAILED", "The delegate did not answer the lookup in time", {
        extra: { reason: "DELEGATE_TIMEOUT" },
      });
    }
    if (row.status === "cancelled" || row.status === "lost")
      throw new AppError("UPSTREAM_FAILED", "The lookup ended without an answer", { extra: { reason: "NO_ANSWER" } });
    opts.signal?.throwIfAborted();
    await new Promise((r) => setTimeout(r, ANSWER_POLL_MS));
  }
}

/** A heartbeat renews the leases of the tasks the delegate says it is running. */
export async function renewLeases(delegateId: string, running: string[]): Promise<void> {
  if (!running.length) return;
  await db.delegateTask.updateMany({
    where: { delegateId, status: "running", id: { in: running } },
    data: { leaseUntil: new Date(Date.now() + leaseMs()) },
  });
}

/** Tasks each delegate is running now, for the Delegates page. */
export async function runningTaskCounts(): Promise<Map<string, number>> {
  const rows = await db.delegateTask.groupBy({ by: ["delegateId"], where: { status: "running" }, _count: true });
  return new Map(rows.flatMap((r) => (r.delegateId ? [[r.delegateId, r._count] as const] : [])));
}
