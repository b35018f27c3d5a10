// "Test connection" for a GitOps cluster, on the console's side: it takes the test's lock, runs
// the test (cluster-test.ts) here, or on the delegate the agent's connector selects when one runs
// that connector's work, streams the steps as NDJSON like the connector test, and saves the outcome
// on the cluster (the result line says when it could not). A stored bearer token goes only to the
// endpoint and CA it was chosen for (lib/secrets: openBearerToken), and its clusters are tested
// here: a delegate receives a connector's secrets, never a cluster's token.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import {
  CLUSTER_TEST_TASK,
  followTaskEvents,
  queueDelegateTasks,
  runsOnDelegate,
} from "@/lib/connection-test/delegated";
import { openConnectorSession } from "@/lib/connectors/session";
import { resolveConnectorRow } from "@/lib/connectors/refs";
import { acquireTestLock } from "@/lib/db/locks";
import { Diagnosed } from "@/lib/diagnosis/diagnosed";
import { AppError } from "@/lib/http/errors";
import type { BearerToken } from "@/lib/kubernetes/client";
import { endRunsSignal } from "@/lib/lifecycle";
import { logger } from "@/lib/logger";
import { requireProject, type Actor, type Scope } from "@/lib/scope";
import { assertSecretUse, openBearerToken } from "@/lib/secrets/service";
import { endRun } from "@/lib/steps/not-saved";
import { ndjsonStream } from "@/lib/steps/stream";
import { clusterTestInput, runClusterTest, type ClusterCredentials } from "./cluster-test";
import type { ClusterTestEvent, ClusterTestResult, ClusterTestStep } from "./dto";
import * as q from "./queries";

type Row = NonNullable<Awaited<ReturnType<typeof q.findClusterWithAgent>>>;

const message = (err: unknown) => (err instanceof AppError ? (err.detail ?? err.message) : String(err));

/** The stored bearer token, bound to the endpoint and CA it was chosen for. */
async function storedBearer(row: Row): Promise<BearerToken> {
  const ref = row.secretRefs.find((r) => r.field.endsWith("tokenRef"));
  if (!ref)
    throw new Diagnosed({
      reason: "secret-not-found",
      detail: `The bearer token secret "${row.tokenRef}" could not be read`,
      fix: "Edit the cluster and pick a secret that exists in this project, its org or the account.",
    });
  try {
    await assertSecretUse(ref.secretId, "bearer-token", "tokenRef", row.tokenRef ?? "");
    return openBearerToken(ref, { endpoint: row.masterUrl, caData: row.caData });
  } catch (err) {
    throw new Diagnosed({
      reason: "secret-not-usable",
      detail: message(err),
      fix: "Edit the cluster and choose its token secret again: a token is sent only to the endpoint and CA it was chosen for, and never from a secret that holds AWS key material.",
    });
  }
}

/** Runs the test as a stream of step events ending with the result; 429 when it may not run now. */
export async function testCluster(opts: {
  scope: Scope;
  identifier: string;
  by: Actor;
  /** The request's signal: its lock goes when the client does. */
  signal?: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const key = requireProject(opts.scope, "GitOps clusters");
  // Read first, lock after: a read that fails holds nothing.
  const row = await q.findClusterWithAgent(key, opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `GitOps cluster "${opts.identifier}" does not exist in this project`);
  // The same bounds as connector tests, held in PostgreSQL: one run per cluster, a share of the
  // slots per principal (counted with its connector tests), a global cap.
  const lock = await acquireTestLock(`gitops-cluster:${row.id}`, opts.by, { signal: opts.signal });
  if ("refused" in lock) {
    throw new AppError(
      "RATE_LIMITED",
      lock.refused === "connector-busy"
        ? "A test of this cluster is already running; its result will show on the cluster in a few seconds."
        : lock.refused === "principal-busy"
          ? `You already have ${lock.max} test${lock.max === 1 ? "" : "s"} running; wait for one to finish.`
          : "Too many connection tests are running right now; try again in a few seconds.",
      { headers: { "retry-after": "5" }, extra: { limit: lock.refused } },
    );
  }
  const started = Date.now();
  return ndjsonStream<ClusterTestEvent>(
    async (emit, unlock) => {
      const stop = endRunsSignal();
      const delegate = await delegateOf(opts.scope, row);
      const ran = delegate
        ? await runOnDelegate(delegate, row, opts.by, emit, opts.signal)
        : { result: await runClusterTest(row, credentialsOf(opts.scope, row), emit, stop), left: false };
      const { result } = ran;
      await endRun({
        result,
        // A test the requester left before any delegate took it did not run: nothing to store.
        stopped: stop.aborted || ran.left,
        save: () => save(opts, row, result),
        unlock,
        what: "cluster",
        onSaveError: (err) =>
          logger.warn({ err, cluster: row.identifier }, "could not store a GitOps cluster test result"),
        emit,
      });
    },
    lock.release,
    () => ({
      type: "result",
      result: {
        status: "Failed",
        steps: [],
        failedStep: null,
        message: "The test could not finish: an unexpected error (the console's log has it)",
        hint: null,
        command: null,
        serverVersion: null,
        testedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        notSaved: "The result was not saved: the test could not finish.",
      },
    }),
  );
}

/** Where the console-run test's credentials come from. */
const credentialsOf = (scope: Scope, row: Row): ClusterCredentials => ({
  session: () => openConnectorSession(scope, row.agent.connectorRef),
  bearer: () => storedBearer(row),
});

/**
 * The delegate queue for this cluster's test: its agent's connector's, when a registered delegate
 * runs that connector's work. A bearer-token cluster is tested here (its token stays with the
 * console), and so is one whose connector cannot be resolved (the test says why).
 */
async function delegateOf(scope: Scope, row: Row) {
  if (row.authType === "BearerToken") return null;
  const resolved = await resolveConnectorRow(scope, row.agent.connectorRef).catch(() => null);
  if (!resolved || !(await runsOnDelegate(resolved.connector.spec))) return null;
  return {
    connectorId: resolved.row.id,
    accountId: resolved.connector.scope.accountId,
    selectors: resolved.connector.spec.delegateSelectors ?? [],
  };
}

/**
 * Queues the test for a delegate matching the agent's connector and streams what it reports; its
 * result, or a failure saying the delegate was lost or that none took it. `left`: the requester
 * went away before any delegate took it, so it never ran.
 */
async function runOnDelegate(
  delegate: { connectorId: string; accountId: string; selectors: string[] },
  row: Row,
  by: Actor,
  emit: (e: ClusterTestEvent) => void,
  signal: AbortSignal | undefined,
): Promise<{ result: ClusterTestResult; left: boolean }> {
  const started = Date.now();
  const [taskId] = await queueDelegateTasks([{ ...delegate, input: clusterTestInput(row) }], by, CLUSTER_TEST_TASK);
  const ended = await followTaskEvents(taskId!, (e) => emit(e as ClusterTestStep), { signal, cancelWhenLeft: true });
  if (ended?.status === "done") return { result: ended.result as ClusterTestResult, left: false };
  // The console ended it: the delegate was lost mid-test, or none took it in time.
  const r = ended?.result;
  return {
    result: {
      status: "Failed",
      steps: (r?.steps ?? []) as unknown as ClusterTestStep[],
      failedStep: null,
      message: r?.errorSummary ?? "The test ended without a result",
      hint: null,
      command: null,
      serverVersion: null,
      testedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
    },
    left: ended?.status === "cancelled" && !!signal?.aborted,
  };
}

/** The outcome on the cluster (its version is not bumped) and the audit event, in one transaction. */
async function save(opts: { by: Actor }, row: Row, result: ClusterTestResult): Promise<void> {
  const failed = result.steps.find((s) => s.status === "failed");
  await q.transaction(async (tx) => {
    await q.saveClusterStatus(tx, row.id, {
      connectionStatus: result.status,
      statusReason: failed ? (failed.detail ?? "").slice(0, 1000) : "",
      serverVersion: result.serverVersion,
      testedAt: new Date(result.testedAt),
    });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "TEST",
      entityType: "GitopsCluster",
      entityId: row.identifier,
      scope: { accountId: row.accountId, orgIdentifier: row.orgIdentifier, projectIdentifier: row.projectIdentifier },
      before: { connectionStatus: row.connectionStatus },
      after: { connectionStatus: result.status, failedStep: result.failedStep },
    });
  });
}
