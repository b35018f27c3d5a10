// "Test connection" for a GitOps cluster, the way the agent will connect: with the management
// connector's credentials assume the cluster's role, sign an EKS token for the cluster, call
// /version on masterUrl trusting only the cluster's CA. The outcome is saved on the cluster and
// the failing step comes with what to fix.
import "server-only";
import type { CallOptions } from "@/lib/aws/clients";
import { awsErrorFacts } from "@/lib/aws/errors";
import { eksToken } from "@/lib/aws/eks-token";
import { openConnectorSession, type ConnectorSession } from "@/lib/connectors/session";
import { assumeRole, roleSessionName } from "@/lib/aws/sts";
import { recordAudit } from "@/lib/audit/service";
import { requireProject } from "@/lib/scope";
import { acquireTestLock } from "@/lib/db/locks";
import { AppError } from "@/lib/http/errors";
import { KubeError, serverVersion } from "@/lib/kubernetes/client";
import type { Actor, Scope } from "@/lib/scope";
import { readSecretValue } from "@/lib/secrets/service";
import { CLUSTER_TEST_STEPS, type ClusterTestResult, type ClusterTestStep, type ClusterTestStepId } from "./dto";
import { identityMappingCommand } from "./guide";
import * as q from "./queries";

const CALL_TIMEOUT_MS = 10_000;

/** A failed step: what happened, what to do, and a command that fixes it when there is one. */
class StepFailure extends Error {
  constructor(
    readonly step: ClusterTestStepId,
    message: string,
    readonly hint: string,
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

type Row = NonNullable<Awaited<ReturnType<typeof q.findClusterWithAgent>>>;

const CREDENTIAL_CODES =
  /^(InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|UnrecognizedClientException|IncompleteSignature|InvalidAccessKeyId)$/;

function assumeFailure(err: unknown, row: Row): StepFailure {
  const f = awsErrorFacts(err);
  const said = `${f.code}: ${f.message}`;
  if (CREDENTIAL_CODES.test(f.code)) {
    return new StepFailure(
      "assumeRole",
      `AWS refused the management connector's credentials (${said})`,
      `Test the connector "${row.agent.connectorRef}" and fix its credentials; GovCloud credentials work only in GovCloud regions.`,
    );
  }
  if (f.timedOut || f.networkCode) {
    return new StepFailure(
      "assumeRole",
      `STS could not be reached (${said})`,
      "Check Conduit's network path to AWS STS and try again.",
    );
  }
  return new StepFailure(
    "assumeRole",
    `The role ${row.roleArn} could not be assumed (${said})`,
    `The role's trust policy must allow sts:AssumeRole for the identity the agent uses (the agent role ${row.agent.agentRoleArn}; for this test, the management connector's identity too). ` +
      "Use the deployer role trust policy from the setup guide, and make sure the agent role's inline policy allows sts:AssumeRole on this role.",
  );
}

function kubeFailure(err: unknown, row: Row): StepFailure {
  if (!(err instanceof KubeError))
    return new StepFailure(
      "connect",
      "The cluster could not be called",
      "Try again; if it persists, check the master URL.",
    );
  switch (err.kind) {
    case "tls":
      return new StepFailure(
        "connect",
        err.message,
        "The certificate authority data does not match the API server's certificate. Import the cluster from EKS again to refresh it.",
      );
    case "unauthorized":
      if (row.authType === "IRSA") {
        return new StepFailure(
          "connect",
          `${err.message} The role ${row.roleArn} is not mapped to a Kubernetes identity in ${row.awsClusterName}.`,
          "Token rejected: map the deployer role in the target cluster (aws-auth) with this command, then test again.",
          identityMappingCommand({
            clusterName: row.awsClusterName ?? "",
            region: row.region ?? "",
            deployerRoleArn: row.roleArn ?? "",
          }),
        );
      }
      return new StepFailure(
        "connect",
        err.message,
        "The bearer token is invalid or expired: store a current service account token in the secret.",
      );
    case "forbidden":
      return new StepFailure(
        "connect",
        err.message,
        "The identity is known to the cluster but may not read /version: map it to the system:masters group.",
      );
    case "unreachable":
      return new StepFailure(
        "connect",
        err.message,
        "Check the master URL and that the cluster's API endpoint is reachable from Conduit (public endpoint access or a network path).",
      );
    default:
      return new StepFailure(
        "connect",
        err.message,
        "Check the master URL: it must be the cluster's Kubernetes API server.",
      );
  }
}

async function runSteps(
  scope: Scope,
  row: Row,
  passed: (id: ClusterTestStepId, detail: string) => void,
): Promise<string> {
  let token: string;
  if (row.authType === "BearerToken") {
    try {
      token = await readSecretValue(scope, row.tokenRef ?? "");
    } catch {
      throw new StepFailure(
        "credentials",
        `The bearer token secret "${row.tokenRef}" could not be read`,
        "Pick a secret that exists in this project, its org or the account.",
      );
    }
    passed("credentials", `Read the bearer token from secret "${row.tokenRef}"`);
  } else {
    let session: ConnectorSession;
    try {
      session = await openConnectorSession(scope, row.agent.connectorRef);
    } catch (err) {
      const detail =
        err instanceof AppError ? (err.detail ?? err.message) : "The connector's credentials could not be prepared";
      throw new StepFailure(
        "credentials",
        detail,
        `Check the agent's connector "${row.agent.connectorRef}" and test it.`,
      );
    }
    try {
      await session.resolveCredentials();
    } catch (err) {
      const detail = err instanceof AppError ? (err.detail ?? err.message) : awsErrorFacts(err).message;
      throw new StepFailure(
        "credentials",
        `The connector's credentials could not be resolved: ${detail}`,
        `Test the connector "${row.agent.connectorRef}" and fix its credentials.`,
      );
    }
    passed("credentials", `Connector "${session.connector.identifier}" (${session.partition})`);
    const region = row.region ?? session.defaultRegion;
    let base: CallOptions;
    try {
      base = session.callOptions(region, { callTimeoutMs: CALL_TIMEOUT_MS });
    } catch (err) {
      throw new StepFailure(
        "assumeRole",
        err instanceof AppError ? (err.detail ?? err.message) : String(err),
        "The cluster and the agent's connector must be in the same AWS partition: roles cannot be assumed across partitions.",
      );
    }
    const assumed = await assumeRole(base, {
      roleArn: row.roleArn ?? "",
      sessionName: roleSessionName(`gitops-${row.identifier}`),
    }).catch((err) => {
      throw assumeFailure(err, row);
    });
    passed("assumeRole", `Assumed ${assumed.assumedRoleArn || row.roleArn}`);
    try {
      token = (await eksToken({ ...base, credentials: assumed.credentials }, row.awsClusterName ?? "")).token;
    } catch (err) {
      throw new StepFailure(
        "token",
        `The EKS token could not be signed (${awsErrorFacts(err).message})`,
        "Check the cluster's region and name.",
      );
    }
    passed("token", `Token for cluster "${row.awsClusterName}" in ${region}`);
  }
  const v = await serverVersion(row.masterUrl, row.caData, token, { timeoutMs: CALL_TIMEOUT_MS }).catch((err) => {
    throw kubeFailure(err, row);
  });
  passed("connect", `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""}`);
  return v.gitVersion;
}

export async function testCluster(opts: { scope: Scope; identifier: string; by: Actor }): Promise<ClusterTestResult> {
  const key = requireProject(opts.scope, "GitOps clusters");
  const row = await q.findClusterWithAgent(key, opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `GitOps cluster "${opts.identifier}" does not exist in this project`);
  // The same bounds as connector tests, held in PostgreSQL: one run per cluster, a global cap.
  const lock = await acquireTestLock(`gitops-cluster:${row.id}`);
  if ("refused" in lock) {
    throw new AppError(
      "RATE_LIMITED",
      lock.refused === "connector-busy"
        ? "A test of this cluster is already running; its result will show on the cluster in a few seconds."
        : "Too many connection tests are running right now; try again in a few seconds.",
      { headers: { "retry-after": "5" } },
    );
  }
  try {
    return await runAndSave(opts, row);
  } finally {
    await lock.release();
  }
}

async function runAndSave(
  opts: { scope: Scope; by: Actor },
  row: NonNullable<Awaited<ReturnType<typeof q.findClusterWithAgent>>>,
): Promise<ClusterTestResult> {
  const key = requireProject(opts.scope, "GitOps clusters");
  const started = Date.now();
  const done = new Map<ClusterTestStepId, string>();
  let failure: StepFailure | null = null;
  let version: string | null = null;
  try {
    version = await runSteps(opts.scope, row, (id, detail) => done.set(id, detail));
  } catch (err) {
    failure =
      err instanceof StepFailure ? err : new StepFailure("connect", "The test stopped unexpectedly", "Try again.");
  }
  const steps: ClusterTestStep[] = CLUSTER_TEST_STEPS.map((id) =>
    done.has(id)
      ? { id, status: "passed", detail: done.get(id)! }
      : failure?.step === id
        ? { id, status: "failed", detail: failure.message }
        : {
            id,
            status: "skipped",
            detail:
              row.authType === "BearerToken" && (id === "assumeRole" || id === "token")
                ? "Not used with a bearer token"
                : "Not run",
          },
  );
  const testedAt = new Date();
  const status = failure ? "Failed" : "Successful";
  const statusReason = failure ? failure.message.slice(0, 1000) : "";
  await q.transaction(async (tx) => {
    await q.saveClusterStatus(tx, row.id, { connectionStatus: status, statusReason, serverVersion: version, testedAt });
    await recordAudit(tx, {
      actor: opts.by.id,
      requestId: opts.by.requestId,
      action: "TEST",
      entityType: "GitopsCluster",
      entityId: row.identifier,
      scope: key,
      before: { connectionStatus: row.connectionStatus },
      after: { connectionStatus: status, failedStep: failure?.step ?? null },
    });
  });
  return {
    status,
    steps,
    failedStep: failure?.step ?? null,
    message: failure ? failure.message : `Connected: Kubernetes ${version}`,
    hint: failure?.hint ?? null,
    command: failure?.command ?? null,
    serverVersion: version,
    testedAt: testedAt.toISOString(),
    durationMs: Date.now() - started,
  };
}
