// Runs connection tests for the API: locks (one run per connector, a share of the slots per
// principal, a global bound), the NDJSON stream of step events ending with the result, and
// persistence of saved connectors' results.
import "server-only";
import { findConnector, findConnectorWithSecrets } from "@/lib/connectors/queries";
import { secretReaderFor } from "@/lib/connectors/credentials";
import { checkSecretAccess, checkServerIdentity } from "@/lib/connectors/access";
import { connectorSecretRefs, type ConnectorInput } from "@/lib/connectors/schemas";
import { acquireTestLock } from "@/lib/db/locks";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { testLockRefused } from "@/lib/limits";
import { ndjsonStream } from "@/lib/steps/stream";
import type { Actor, Scope } from "@/lib/scope";
import { readAwsKeyMaterial, resolveSecretRef } from "@/lib/secrets/service";
import { scopeKey } from "@/lib/scope";
import { auditUnsavedTest, HISTORY_LIMIT, listTests, saveTestResult } from "./queries";
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

function runOptions(
  connector: { identifier: string; name: string; scope: Scope },
  spec: ConnectorInput["spec"],
  readSecret: (ref: string) => Promise<string>,
  emit: (e: TestEvent) => void,
) {
  const config = env();
  const { identifier, name, scope } = connector;
  return {
    identifier,
    spec,
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

export async function testSavedConnector(opts: {
  scope: Scope;
  identifier: string;
  by: Actor;
}): Promise<ReadableStream<Uint8Array>> {
  const key = scopeKey(opts.scope);
  // The lock is keyed by scope and identifier, so it is taken while the connector is read.
  const [row, lock] = await Promise.all([
    findConnectorWithSecrets(key, opts.identifier),
    acquireTestLock(
      `connector:${key.accountId}/${key.orgIdentifier}/${key.projectIdentifier}/${opts.identifier}`,
      opts.by,
    ),
  ]);
  if (!row) {
    if ("release" in lock) await lock.release();
    throw new AppError("NOT_FOUND", `Connector "${opts.identifier}" does not exist in this scope`);
  }
  const spec = row.spec as ConnectorInput["spec"];
  try {
    checkServerIdentity(opts.by, opts.scope, spec);
  } catch (err) {
    if ("release" in lock) await lock.release();
    throw err;
  }
  const release = refusal(lock);
  // The referenced secrets came with the connector: no further queries.
  const readSecret = secretReaderFor(row, spec, opts.scope);
  return ndjsonStream(async (emit, unlock) => {
    const result = await runConnectionTest(
      runOptions({ identifier: row.identifier, name: row.name, scope: opts.scope }, spec, readSecret, emit),
    );
    // The run is over: the next test of this connector may start while this one is stored.
    await Promise.all([
      saveTestResult({
        connectorId: row.id,
        actor: opts.by.name,
        result,
        audit: auditOf(opts.by, opts.scope, row.identifier, result, true),
      }),
      unlock(),
    ]);
    emit({ type: "result", result });
  }, release);
}

export async function testUnsavedConnector(opts: {
  scope: Scope;
  input: ConnectorInput;
  by: Actor;
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
  const release = refusal(await acquireTestLock(null, opts.by));
  return ndjsonStream(async (emit) => {
    const result = await runConnectionTest(
      runOptions(
        { identifier: opts.input.identifier, name: opts.input.name, scope: opts.scope },
        opts.input.spec,
        (ref) => readAwsKeyMaterial(opts.scope, ref),
        emit,
      ),
    );
    await auditUnsavedTest(auditOf(opts.by, opts.scope, opts.input.identifier, result, false));
    emit({ type: "result", result });
  }, release);
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
