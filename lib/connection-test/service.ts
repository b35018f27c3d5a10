// Runs connection tests for the API: locks (one run per connector, a share of the slots per
// principal, a global bound; taken after the connector is read, let go on every path), the NDJSON
// stream of step events ending with the result (also when it could not be stored: it says why),
// and persistence of saved connectors' results.
import "server-only";
import { findConnector, findConnectorWithSecrets } from "@/lib/connectors/queries";
import { secretReaderFor } from "@/lib/connectors/credentials";
import { checkSecretAccess, checkServerIdentity } from "@/lib/connectors/access";
import { connectorSecretRefs, type ConnectorInput } from "@/lib/connectors/schemas";
import type { UsageSelection } from "@/lib/aws/usages";
import { endRunsSignal } from "@/lib/lifecycle";
import { acquireTestLock } from "@/lib/db/locks";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { testLockRefused } from "@/lib/limits";
import { logger } from "@/lib/logger";
import { endRun, notSavedReason, STOPPED_NOT_SAVED } from "@/lib/steps/not-saved";
import { ndjsonStream } from "@/lib/steps/stream";
import type { Actor, Scope } from "@/lib/scope";
import { readAwsKeyMaterial, resolveSecretRef } from "@/lib/secrets/service";
import { scopeKey } from "@/lib/scope";
import { auditUnsavedTest, HISTORY_LIMIT, listTests, saveTestResult } from "./queries";
import { followTask, latestTaskOf, runOnDelegate, runsOnDelegate, runUnsavedOnDelegate } from "./delegated";
import { runConnectionTest } from "./runner";
import type { StepEvent, StoredTest, TestEvent, TestResult } from "./types";

function refusal(lock: Awaited<ReturnType<typeof acquireTestLock>>) {
  if ("refused" in lock)
    throw testLockRefused(
      lock,
      "A test of this connector is already running; its result will appear in the test history in a few seconds.",
    );
  return lock.release;
}

export function runOptions(
  connector: { identifier: string; name: string; scope: Scope },
  spec: ConnectorInput["spec"],
  readSecret: (ref: string) => Promise<string>,
  emit: (e: TestEvent) => void,
  usages: readonly UsageSelection[] = [],
) {
  const config = env();
  const { identifier, name, scope } = connector;
  return {
    identifier,
    spec,
    usages,
    readSecret,
    emit,
    connector: { name, scope },
    timeoutMs: config.CONDUIT_TEST_TIMEOUT_MS,
    callTimeoutMs: config.CONDUIT_AWS_CALL_TIMEOUT_MS,
    delegateId: config.CONDUIT_DELEGATE_ID,
  };
}

const auditOf = (by: Actor, scope: Scope, identifier: string, result: TestResult, saved: boolean) => ({
  actor: by,
  requestId: by.requestId,
  action: "TEST" as const,
  entityType: "Connector",
  entityId: identifier,
  scope,
  after: { testStatus: result.status, errorSummary: result.errorSummary, unsaved: saved ? undefined : true },
});

/** The result line of a run that threw before it had one (a bug; the error is logged). */
const crashed = (delegateId: string, started: number): TestEvent => ({
  type: "result",
  result: {
    status: "FAILURE",
    errors: [{ reason: "Connection test", message: "The test could not finish", code: "INTERNAL" }],
    errorSummary: "The test could not finish: an unexpected error (the console's log has it)",
    testedAt: started,
    delegateId,
    durationMs: Date.now() - started,
    steps: [],
    notSaved: "The result was not saved: the test could not finish.",
  },
});

export async function testSavedConnector(opts: {
  scope: Scope;
  identifier: string;
  by: Actor;
  /** The request's signal: its lock goes when the client does. */
  signal?: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const key = scopeKey(opts.scope);
  // Read first, lock after: a read that fails (a locked table, a lost connection) holds nothing.
  const row = await findConnectorWithSecrets(key, opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `Connector "${opts.identifier}" does not exist in this scope`);
  const spec = row.spec as ConnectorInput["spec"];
  checkServerIdentity(opts.by, opts.scope, spec);
  // The same key as ever (scope and identifier), so instances of another version agree on it.
  const release = refusal(
    await acquireTestLock(
      `connector:${key.accountId}/${key.orgIdentifier}/${key.projectIdentifier}/${opts.identifier}`,
      opts.by,
      { signal: opts.signal },
    ),
  );
  let readSecret: ReturnType<typeof secretReaderFor>;
  try {
    // The referenced secrets came with the connector: no further queries.
    readSecret = secretReaderFor(row, spec, opts.scope);
  } catch (err) {
    await release();
    throw err;
  }
  const started = Date.now();
  let delegated: boolean;
  try {
    delegated = await runsOnDelegate(spec);
  } catch (err) {
    await release();
    throw err;
  }
  if (delegated)
    return ndjsonStream<TestEvent>(
      (emit) => runOnDelegate({ row, spec, scope: opts.scope, by: opts.by, emit, signal: opts.signal }),
      release,
      () => crashed("delegate", started),
    );
  return ndjsonStream<TestEvent>(
    async (emit, unlock) => {
      const stop = endRunsSignal();
      const result = await runConnectionTest({
        ...runOptions(
          { identifier: row.identifier, name: row.name, scope: opts.scope },
          spec,
          readSecret,
          emit,
          (row.usages ?? []) as unknown as UsageSelection[],
        ),
        signal: stop,
      });
      await endRun({
        result,
        stopped: stop.aborted,
        save: () =>
          saveTestResult({
            connectorId: row.id,
            actor: opts.by.name,
            result,
            audit: auditOf(opts.by, opts.scope, row.identifier, result, true),
          }),
        unlock,
        what: "connector",
        onSaveError: (err) =>
          logger.warn({ err, connector: row.identifier }, "could not store a connection test result"),
        emit,
      });
    },
    release,
    () => crashed(env().CONDUIT_DELEGATE_ID, started),
  );
}

export async function testUnsavedConnector(opts: {
  scope: Scope;
  input: ConnectorInput;
  by: Actor;
  /** The request's signal: its lock goes when the client does. */
  signal?: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  checkServerIdentity(opts.by, opts.scope, opts.input.spec);
  // An unsaved spec may name any secret: every one needs `secret:access` where it lives.
  const refs = await Promise.all(
    connectorSecretRefs(opts.input).map(async (r) => ({ ...r, secret: await resolveSecretRef(opts.scope, r.ref) })),
  );
  checkSecretAccess(
    opts.by,
    refs.flatMap((r) => (r.secret ? [{ ...r, secret: r.secret }] : [])),
  );
  const release = refusal(await acquireTestLock(null, opts.by, { signal: opts.signal }));
  const started = Date.now();
  let delegated: boolean;
  try {
    delegated = await runsOnDelegate(opts.input.spec);
  } catch (err) {
    await release();
    throw err;
  }
  return ndjsonStream<TestEvent>(
    async (emit) => {
      const stop = endRunsSignal();
      if (delegated) {
        // On the delegate the selectors match, as the saved connector's tests will run.
        const result = await runUnsavedOnDelegate({
          input: {
            identifier: opts.input.identifier,
            name: opts.input.name,
            scope: {
              accountId: opts.scope.accountId,
              orgIdentifier: opts.scope.orgIdentifier,
              projectIdentifier: opts.scope.projectIdentifier,
            },
            spec: opts.input.spec,
            usages: opts.input.conduit?.usages ?? [],
          },
          by: opts.by,
          emit,
          signal: opts.signal,
        });
        if (result) await emitAudited(result, stop.aborted, emit);
        return;
      }
      const result = await runConnectionTest({
        ...runOptions(
          { identifier: opts.input.identifier, name: opts.input.name, scope: opts.scope },
          opts.input.spec,
          (ref) => readAwsKeyMaterial(opts.scope, ref),
          emit,
          opts.input.conduit?.usages,
        ),
        signal: stop,
      });
      await emitAudited(result, stop.aborted, emit);
    },
    release,
    () => crashed(env().CONDUIT_DELEGATE_ID, started),
  );

  /** Only the audit entry is stored for an unsaved spec; the result line says when it was not. */
  async function emitAudited(result: TestResult, stopped: boolean, emit: (e: TestEvent) => void) {
    const notSaved = stopped
      ? STOPPED_NOT_SAVED
      : await auditUnsavedTest(auditOf(opts.by, opts.scope, opts.input.identifier, result, false)).then(
          () => undefined,
          (err: unknown) => {
            logger.warn({ err }, "could not audit an unsaved connection test");
            return notSavedReason(err, "connector", "The test's audit entry was not written");
          },
        );
    emit({ type: "result", result: notSaved ? { ...result, notSaved } : result });
  }
}

export async function listConnectorTests(opts: {
  scope: Scope;
  identifier: string;
  limit?: number;
}): Promise<StoredTest[]> {
  const row = await findConnector(scopeKey(opts.scope), opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `Connector "${opts.identifier}" does not exist in this scope`);
  const rows = await listTests(row.id, Math.min(opts.limit ?? HISTORY_LIMIT, HISTORY_LIMIT));
  return rows.map((t) => ({
    id: t.id,
    status: t.status,
    errorSummary: t.errorSummary,
    errors: t.errors as TestResult["errors"],
    steps: t.steps as unknown as StepEvent[],
    delegateId: t.delegateId,
    actor: t.actor,
    testedAt: t.startedAt.getTime(),
    durationMs: t.durationMs,
  }));
}

/**
 * The connector's latest delegated test, streamed from PostgreSQL: what it reported so far, then
 * live until its result. Any console instance serves it, whichever one started the test.
 */
export async function followConnectorTest(opts: {
  scope: Scope;
  identifier: string;
  signal?: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const row = await findConnector(scopeKey(opts.scope), opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `Connector "${opts.identifier}" does not exist in this scope`);
  const taskId = await latestTaskOf(row.id);
  if (!taskId) throw new AppError("NOT_FOUND", `No test of connector "${opts.identifier}" has run on a delegate`);
  return ndjsonStream<TestEvent>(
    (emit) => followTask(taskId, emit, { signal: opts.signal }),
    async () => undefined,
  );
}
