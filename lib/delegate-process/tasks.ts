// The delegate's work loop: ask the console for a task (a long poll), run it here, with this
// machine's ambient AWS credentials for connectors that use the delegate's own identity, send
// its step events back as they happen and its result at the end (a connector's test or a GitOps
// cluster's; a lookup: its answer, the listing or the problem met). A task's secrets stay in
// memory for that task only. A 409 on an event means the task ended without us (declared lost
// or cancelled): the run stops.
import { setMaxListeners } from "node:events";
import type { Logger } from "pino";
import type {
  ClusterTestTask,
  ConnectionTestTask,
  DelegateTaskPayload,
  LookupTask,
} from "@/lib/connection-test/delegated";
import type { LookupAnswer } from "@/lib/delegates/schemas";
import { LOOKUP_PROBLEM_CODES } from "@/lib/delegates/schemas";
import { connectorSession } from "@/lib/connectors/session";
import { runLookup } from "@/lib/eks/lookup-service";
import { AppError } from "@/lib/http/errors";
import { runConnectionTest } from "@/lib/connection-test/runner";
import { runClusterTest, type ClusterTestInput } from "@/lib/gitops/cluster-test";
import type { StepEvent } from "@/lib/steps/types";
import type { DelegateConnection } from "./connection";
import { TokenRefused } from "./connection";

/** Step events go to the console at most this often (the last ones travel with the result). */
const FLUSH_MS = 250;

export function runTaskLoop(o: {
  connection: DelegateConnection;
  name: string;
  log: Logger;
  running: Set<string>;
  maxTasks: number;
}): Promise<void> {
  const { connection, log, running } = o;
  // Every running task and long poll listens to the connection's signal.
  setMaxListeners(0, connection.signal);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let slotFreed: (() => void) | undefined;

  function start(task: DelegateTaskPayload) {
    log.info({ task: task.id, kind: task.kind, connector: task.connector.identifier }, "task taken");
    running.add(task.id);
    void (
      task.kind === "lookup"
        ? runLookupTask(task)
        : task.kind === "cluster-test"
          ? runClusterTask(task)
          : runTestTask(task)
    )
      .catch((err: unknown) => log.error({ err: String(err), task: task.id }, "task failed"))
      .finally(() => {
        running.delete(task.id);
        slotFreed?.();
      });
  }

  /** The secrets the console sent for this task, by reference. */
  const secretsOf = (task: { secrets: Record<string, string> }) => async (ref: string) => {
    const value = task.secrets[ref];
    if (value === undefined) throw new Error(`The console sent no value for the secret ${ref}`);
    return value;
  };

  const runTestTask = (task: ConnectionTestTask) =>
    runStreamed(task, (emit, signal) =>
      runConnectionTest({
        identifier: task.connector.identifier,
        spec: task.spec,
        usages: task.usages,
        readSecret: secretsOf(task),
        signedOidc: task.oidc,
        emit,
        connector: { name: task.connector.name, scope: task.connector.scope },
        timeoutMs: task.timeoutMs,
        callTimeoutMs: task.callTimeoutMs,
        delegateId: o.name,
        signal,
      }),
    );

  // The agent's connector's session is built here, from its spec and the task's secrets.
  const runClusterTask = (task: ClusterTestTask) =>
    runStreamed(task, (emit, signal) =>
      runClusterTest(
        task.input as unknown as ClusterTestInput,
        {
          session: () =>
            connectorSession(
              {
                ...task.connector,
                ref: task.connector.identifier,
                spec: task.spec,
                lastTest: null,
                scope: task.connector.scope as never,
              },
              secretsOf(task),
              { signedOidc: task.oidc },
            ),
          bearer: () => Promise.reject(new Error("A bearer token never travels to a delegate")),
        },
        emit,
        signal,
      ),
    );

  /** Runs a test, sending its step events as they come and its result at the end. */
  async function runStreamed<R>(
    task: DelegateTaskPayload & { secrets: Record<string, string> },
    run: (emit: (e: StepEvent) => void, signal: AbortSignal) => Promise<R>,
  ) {
    const me = connection.current();
    if (!me) return;
    const stop = new AbortController();
    let pending: StepEvent[] = [];
    let sending: Promise<void> = Promise.resolve();
    const flush = () => {
      if (!pending.length) return sending;
      const events = pending;
      pending = [];
      sending = sending.then(async () => {
        const res = await connection.call(`tasks/${task.id}/events`, { ...me, events }).catch(() => null);
        if (res?.status === 409) stop.abort(new Error("The console ended this task"));
      });
      return sending;
    };
    const timer = setInterval(() => void flush(), FLUSH_MS);
    try {
      const result = await run(
        (e) => {
          pending.push(e);
        },
        AbortSignal.any([stop.signal, connection.signal]),
      );
      clearInterval(timer);
      await sending;
      if (stop.signal.aborted || connection.signal.aborted) return;
      const events = pending;
      pending = [];
      // The slot this task frees goes to the next task in the same answer, when there is one.
      const res = await connection.call(`tasks/${task.id}/complete`, {
        ...me,
        result,
        ...(events.length ? { events } : {}),
        next: 1,
      });
      if (!res.ok && res.status !== 409)
        log.warn({ task: task.id, status: res.status }, "the console refused a result");
      log.info({ task: task.id, status: (result as { status?: string }).status }, "task finished");
      if (res.status === 200)
        for (const next of ((await res.json()) as { tasks: DelegateTaskPayload[] }).tasks) start(next);
      else await res.body?.cancel();
    } finally {
      clearInterval(timer);
      // The secrets were this task's only: drop them with it.
      task.secrets = {};
    }
  }

  async function runLookupTask(task: LookupTask) {
    const me = connection.current();
    if (!me) return;
    let answer: LookupAnswer;
    try {
      const session = await connectorSession(
        {
          ...task.connector,
          // As the caller refers to it: a kubeconfig names it so.
          ref: task.lookup.what === "kubeconfig" ? task.lookup.ref : task.connector.identifier,
          spec: task.spec,
          lastTest: null,
          scope: task.connector.scope as never,
        },
        secretsOf(task),
        { signedOidc: task.oidc },
      );
      const listing = await runLookup(
        session,
        task.lookup,
        AbortSignal.any([connection.signal, AbortSignal.timeout(30_000)]),
      );
      answer = { listing: listing as unknown as Record<string, unknown> };
    } catch (err) {
      answer = { problem: problemOf(err) };
    } finally {
      task.secrets = {};
    }
    if (connection.signal.aborted) return;
    const res = await connection.call(`tasks/${task.id}/answer`, { ...me, answer, next: 1 });
    if (!res.ok && res.status !== 409) log.warn({ task: task.id, status: res.status }, "the console refused an answer");
    if (res.status === 200)
      for (const next of ((await res.json()) as { tasks: DelegateTaskPayload[] }).tasks) start(next);
    else await res.body?.cancel();
  }

  return (async () => {
    await connection.ready;
    while (!connection.signal.aborted) {
      const me = connection.current();
      if (!me) {
        await sleep(200);
        continue;
      }
      if (running.size >= o.maxTasks) {
        // Full: ask again as soon as a task ends.
        await new Promise<void>((resolve) => (slotFreed = resolve));
        continue;
      }
      try {
        const res = await connection.call(
          "tasks/acquire",
          { ...me, waitMs: 20_000, max: o.maxTasks - running.size },
          AbortSignal.any([connection.signal, AbortSignal.timeout(30_000)]),
        );
        if (res.status === 204) continue;
        if (!res.ok) {
          await res.body?.cancel();
          await sleep(1000);
          continue;
        }
        for (const task of ((await res.json()) as { tasks: DelegateTaskPayload[] }).tasks) start(task);
      } catch (err) {
        if (connection.signal.aborted || err instanceof TokenRefused) return;
        await sleep(1000);
      }
    }
  })();
}

/** A lookup's failure as the console would have answered it; anything unforeseen says only that it failed. */
function problemOf(err: unknown): Extract<LookupAnswer, { problem: unknown }>["problem"] {
  if (err instanceof AppError && (LOOKUP_PROBLEM_CODES as readonly string[]).includes(err.code))
    return {
      code: err.code as (typeof LOOKUP_PROBLEM_CODES)[number],
      detail: (err.detail ?? err.message).slice(0, 4000),
      ...(err.options.fieldErrors ? { fieldErrors: err.options.fieldErrors } : {}),
      ...(err.options.extra ? { extra: err.options.extra } : {}),
    };
  return { code: "UPSTREAM_FAILED", detail: "The delegate could not run the lookup" };
}
