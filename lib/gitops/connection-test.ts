// "Test connection" for a GitOps cluster, the way the agent will connect, as a plan of steps on
// the shared executor: the management connector's credentials → assume the cluster's role → an
// EKS token for the cluster → GET /version on masterUrl trusting only the cluster's CA. Steps
// stream as NDJSON like the connector test; the outcome is saved on the cluster (the result line
// says when it could not be).
// Tokens go only where they belong: a stored bearer token to the endpoint and CA it was chosen
// for (lib/secrets: openBearerToken), an EKS token only to the endpoint and CA DescribeCluster
// returns for that cluster, so a masterUrl of someone's choosing never receives either.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { CallOptions } from "@/lib/aws/clients";
import { describeCluster } from "@/lib/aws/eks";
import { eksToken } from "@/lib/aws/eks-token";
import { assumeRole, roleSessionName } from "@/lib/aws/sts";
import { recordAudit } from "@/lib/audit/service";
import { openConnectorSession } from "@/lib/connectors/session";
import { endRunsSignal } from "@/lib/lifecycle";
import { acquireTestLock } from "@/lib/db/locks";
import { diagnoseAws } from "@/lib/diagnosis/aws";
import { Diagnosed } from "@/lib/diagnosis/diagnosed";
import { diagnoseKube } from "@/lib/diagnosis/kubernetes";
import type { Diagnosis } from "@/lib/diagnosis/types";
import { AppError } from "@/lib/http/errors";
import { bindBearer, serverVersion, type BearerToken } from "@/lib/kubernetes/client";
import { logger } from "@/lib/logger";
import { requireProject, type Actor, type Scope } from "@/lib/scope";
import { assertSecretUse, openBearerToken } from "@/lib/secrets/service";
import { runPlan, type StepDef } from "@/lib/steps/executor";
import { notSavedReason, STOPPED_NOT_SAVED } from "@/lib/steps/not-saved";
import { ndjsonStream } from "@/lib/steps/stream";
import { CLUSTER_TEST_STEP_LABELS, type ClusterTestEvent, type ClusterTestResult, type ClusterTestStepId } from "./dto";
import { identityMappingCommand } from "./guide";
import * as q from "./queries";

const CALL_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 30_000;

type Row = NonNullable<Awaited<ReturnType<typeof q.findClusterWithAgent>>>;
type Id = ClusterTestStepId;

const message = (err: unknown) => (err instanceof AppError ? (err.detail ?? err.message) : String(err));

function plan(scope: Scope, row: Row): StepDef<Id>[] {
  const bearer = row.authType === "BearerToken";
  const notUsed = bearer ? "Not used with a bearer token" : undefined;
  const step = (id: Id, rest: Omit<StepDef<Id>, "id" | "title">): StepDef<Id> => ({
    id,
    title: CLUSTER_TEST_STEP_LABELS[id],
    ...rest,
  });
  return [
    step("credentials", {
      blocks: "Not run",
      async run() {
        if (bearer)
          return { value: { bearer: await storedBearer(row) }, detail: `Bearer token from secret "${row.tokenRef}"` };
        const ref = row.agent.connectorRef;
        const unusable = (detail: string) =>
          new Diagnosed({
            reason: "credentials-unavailable",
            detail,
            fix: `Check the agent's connector "${ref}" and test it.`,
          });
        const session = await openConnectorSession(scope, ref).catch((err: unknown) => {
          throw unusable(message(err));
        });
        await session.resolveCredentials().catch((err: unknown) => {
          throw err instanceof AppError ? unusable(message(err)) : err;
        });
        const region = row.region ?? session.defaultRegion;
        let call: CallOptions;
        try {
          call = session.callOptions(region, { callTimeoutMs: CALL_TIMEOUT_MS });
        } catch (err) {
          throw new Diagnosed({
            reason: "partition-mismatch",
            detail: message(err),
            fix: "The cluster and the agent's connector must be in the same AWS partition: roles cannot be assumed across partitions.",
          });
        }
        return { value: { call }, detail: `Connector "${session.connector.identifier}" (${session.partition})` };
      },
    }),
    step("assumeRole", {
      needs: ["credentials"],
      skip: notUsed,
      async run(io) {
        const { call } = io.valueOf<{ call: CallOptions }>("credentials");
        const assumed = await assumeRole(
          { ...call, signal: io.signal },
          { roleArn: row.roleArn ?? "", sessionName: roleSessionName(`gitops-${row.identifier}`) },
        );
        return { value: assumed.credentials, detail: `Assumed ${assumed.assumedRoleArn || row.roleArn}` };
      },
    }),
    step("token", {
      needs: ["assumeRole"],
      skip: notUsed,
      async run(io) {
        const { call } = io.valueOf<{ call: CallOptions }>("credentials");
        const name = row.awsClusterName ?? "";
        // Where EKS says the cluster is: the only place its token may go.
        const eks = await describeCluster({ ...call, signal: io.signal }, name).catch((err: unknown) => {
          io.signal.throwIfAborted();
          throw new Diagnosed(
            diagnoseAws(err, {
              action: "describe-cluster",
              context: "test",
              region: call.region,
              timeoutSeconds: CALL_TIMEOUT_MS / 1000,
              fixes: {
                "access-denied": `Allow eks:DescribeCluster on ${name} for the identity of the agent's connector "${row.agent.connectorRef}": Conduit reads the cluster's endpoint from EKS and sends its token only there.`,
              },
            }),
          );
        });
        pinnedEndpoint(row, eks);
        const credentials = io.valueOf<AwsCredentialIdentity>("assumeRole");
        const t = await eksToken({ ...call, credentials, signal: io.signal }, name);
        return {
          value: bindBearer(t.token, { endpoint: eks.endpoint, caData: eks.caData }),
          detail: `Token for cluster "${name}" in ${call.region}, for its endpoint ${eks.endpoint}`,
        };
      },
    }),
    step("connect", {
      needs: [bearer ? "credentials" : "token"],
      async run(io) {
        const token = bearer
          ? io.valueOf<{ bearer: BearerToken }>("credentials").bearer
          : io.valueOf<BearerToken>("token");
        const v = await serverVersion(token, { timeoutMs: CALL_TIMEOUT_MS, signal: io.signal });
        return { value: v.gitVersion, detail: `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""}` };
      },
    }),
  ];
}

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

const normalEndpoint = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`.toLowerCase();
  } catch {
    return url;
  }
};

/** The cluster's masterUrl and CA must be what EKS reports for its name; else no token is made. */
function pinnedEndpoint(row: Row, eks: { endpoint: string; caData: string; status: string }) {
  const where = `${row.awsClusterName} (${row.region})`;
  if (!eks.endpoint || !eks.caData)
    throw new Diagnosed({
      reason: "cluster-not-ready",
      detail: `EKS reports no API endpoint for ${where} (status ${eks.status || "unknown"}).`,
    });
  if (normalEndpoint(eks.endpoint) !== normalEndpoint(row.masterUrl))
    throw new Diagnosed({
      reason: "endpoint-mismatch",
      detail: `The master URL ${row.masterUrl} is not the endpoint EKS reports for ${where} (${eks.endpoint}); Conduit sends the cluster's token only to that endpoint.`,
      fix: "Set the master URL to the cluster's endpoint: use Import from EKS, or copy it from `aws eks describe-cluster`.",
      commands: [
        `aws eks describe-cluster --name ${row.awsClusterName} --region ${row.region} --query cluster.endpoint --output text`,
      ],
    });
  if (eks.caData.replace(/\s+/g, "") !== row.caData.replace(/\s+/g, ""))
    throw new Diagnosed({
      reason: "ca-mismatch",
      detail: `The certificate authority data is not the one EKS reports for ${where}.`,
      fix: "Import the cluster from EKS again to refresh its certificate authority data.",
      commands: [
        `aws eks describe-cluster --name ${row.awsClusterName} --region ${row.region} --query cluster.certificateAuthority.data --output text`,
      ],
    });
}

/** Every failure of this test in the shared vocabulary, with the advice only GitOps knows. */
function diagnose(row: Row, err: unknown, step: Id, timedOut: boolean): Diagnosis {
  if (err instanceof Diagnosed) return err.diagnosis;
  const ref = row.agent.connectorRef;
  if (step === "connect") {
    return diagnoseKube(err, {
      cluster: row.awsClusterName ? `${row.awsClusterName} (${row.region})` : row.masterUrl,
      clusterName: row.awsClusterName ?? undefined,
      endpoint: row.masterUrl,
      what: "Calling /version",
      identityArn: row.roleArn ?? undefined,
      bearerToken: row.authType === "BearerToken",
      unmapped: {
        fix: "Token rejected: map the deployer role in the target cluster (aws-auth) with this command, then test again.",
        commands: [
          identityMappingCommand({
            clusterName: row.awsClusterName ?? "",
            region: row.region ?? "",
            deployerRoleArn: row.roleArn ?? "",
          }),
        ],
      },
    });
  }
  const trust = `The role's trust policy must allow sts:AssumeRole for the identity the agent uses (the agent role ${row.agent.agentRoleArn}; for this test, the management connector's identity too). Use the deployer role trust policy from the setup guide, and make sure the agent role's inline policy allows sts:AssumeRole on this role.`;
  return diagnoseAws(err, {
    action: step === "token" ? "sign-eks-token" : "assume-role",
    context: "test",
    region: row.region ?? "us-east-1",
    roleArn: row.roleArn ?? undefined,
    testTimedOut: timedOut,
    timeoutSeconds: (timedOut ? TEST_TIMEOUT_MS : CALL_TIMEOUT_MS) / 1000,
    fixes: {
      "credentials-rejected": `Test the connector "${ref}" and fix its credentials; GovCloud credentials work only in GovCloud regions.`,
      "assume-role-denied": trust,
      "access-denied": trust,
      "aws-error": step === "token" ? "Check the cluster's region and name." : trust,
      "aws-timeout": "Check Conduit's network path to AWS STS and try again.",
      "aws-unreachable": "Check Conduit's network path to AWS STS and try again.",
    },
  });
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
      const result = await run(opts.scope, row, emit, stop);
      // The run is over: the next test may start while this one is stored. A run the stopping
      // console ended says nothing about the cluster: it is not stored.
      const [notSaved] = await Promise.all([
        stop.aborted
          ? STOPPED_NOT_SAVED
          : save(opts, row, result).then(
              () => undefined,
              (err: unknown) => {
                logger.warn({ err, cluster: row.identifier }, "could not store a GitOps cluster test result");
                return notSavedReason(err, "cluster");
              },
            ),
        unlock(),
      ]);
      emit({ type: "result", result: notSaved ? { ...result, notSaved } : result });
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

async function run(
  scope: Scope,
  row: Row,
  emit: (e: ClusterTestEvent) => void,
  signal: AbortSignal,
): Promise<ClusterTestResult> {
  const started = Date.now();
  const steps = await runPlan(plan(scope, row), {
    emit,
    timeoutMs: TEST_TIMEOUT_MS,
    signal,
    diagnose: (err, step, info) => diagnose(row, err, step, info.timedOut),
  });
  const failed = steps.find((s) => s.status === "failed");
  const version =
    (steps.find((s) => s.step === "connect" && s.status === "passed")?.detail ?? "").split(" ")[1] ?? null;
  return {
    status: failed ? "Failed" : "Successful",
    steps,
    failedStep: failed?.step ?? null,
    message: failed ? (failed.detail ?? "The test failed") : `Connected: Kubernetes ${version}`,
    hint: failed?.hint?.text ?? null,
    command: failed?.hint?.commands?.[0] ?? null,
    serverVersion: version,
    testedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
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
