// "Test connection" for a GitOps cluster, the way the agent will connect, as a plan of steps on
// the shared executor: the management connector's credentials → assume the cluster's role → an
// EKS token for the cluster → GET /version on masterUrl trusting only the cluster's CA. Steps
// stream as NDJSON like the connector test; the outcome is saved on the cluster.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { CallOptions } from "@/lib/aws/clients";
import { eksToken } from "@/lib/aws/eks-token";
import { assumeRole, roleSessionName } from "@/lib/aws/sts";
import { recordAudit } from "@/lib/audit/service";
import { openConnectorSession } from "@/lib/connectors/session";
import { acquireTestLock } from "@/lib/db/locks";
import { diagnoseAws } from "@/lib/diagnosis/aws";
import { Diagnosed } from "@/lib/diagnosis/diagnosed";
import { diagnoseKube } from "@/lib/diagnosis/kubernetes";
import type { Diagnosis } from "@/lib/diagnosis/types";
import { AppError } from "@/lib/http/errors";
import { serverVersion } from "@/lib/kubernetes/client";
import { requireProject, type Actor, type Scope } from "@/lib/scope";
import { readSecretValue } from "@/lib/secrets/service";
import { runPlan, type StepDef } from "@/lib/steps/executor";
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
        if (bearer) {
          const token = await readSecretValue(scope, row.tokenRef ?? "").catch(() => {
            throw new Diagnosed({
              reason: "secret-not-found",
              detail: `The bearer token secret "${row.tokenRef}" could not be read`,
              fix: "Pick a secret that exists in this project, its org or the account.",
            });
          });
          return { value: { token }, detail: `Read the bearer token from secret "${row.tokenRef}"` };
        }
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
        const credentials = io.valueOf<AwsCredentialIdentity>("assumeRole");
        const t = await eksToken({ ...call, credentials, signal: io.signal }, row.awsClusterName ?? "");
        return { value: t.token, detail: `Token for cluster "${row.awsClusterName}" in ${call.region}` };
      },
    }),
    step("connect", {
      needs: [bearer ? "credentials" : "token"],
      async run(io) {
        const token = bearer ? io.valueOf<{ token: string }>("credentials").token : io.valueOf<string>("token");
        const v = await serverVersion(row.masterUrl, row.caData, token, {
          timeoutMs: CALL_TIMEOUT_MS,
          signal: io.signal,
        });
        return { value: v.gitVersion, detail: `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""}` };
      },
    }),
  ];
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
}): Promise<ReadableStream<Uint8Array>> {
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
  return ndjsonStream<ClusterTestEvent>(async (emit, unlock) => {
    const result = await run(opts, row, emit);
    await unlock();
    emit({ type: "result", result });
  }, lock.release);
}

async function run(
  opts: { scope: Scope; by: Actor },
  row: Row,
  emit: (e: ClusterTestEvent) => void,
): Promise<ClusterTestResult> {
  const started = Date.now();
  const steps = await runPlan(plan(opts.scope, row), {
    emit,
    timeoutMs: TEST_TIMEOUT_MS,
    diagnose: (err, step, info) => diagnose(row, err, step, info.timedOut),
  });
  const failed = steps.find((s) => s.status === "failed");
  const version =
    (steps.find((s) => s.step === "connect" && s.status === "passed")?.detail ?? "").split(" ")[1] ?? null;
  const testedAt = new Date();
  const status = failed ? "Failed" : "Successful";
  await q.transaction(async (tx) => {
    await q.saveClusterStatus(tx, row.id, {
      connectionStatus: status,
      statusReason: failed ? (failed.detail ?? "").slice(0, 1000) : "",
      serverVersion: version,
      testedAt,
    });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "TEST",
      entityType: "GitopsCluster",
      entityId: row.identifier,
      scope: { accountId: row.accountId, orgIdentifier: row.orgIdentifier, projectIdentifier: row.projectIdentifier },
      before: { connectionStatus: row.connectionStatus },
      after: { connectionStatus: status, failedStep: failed?.step ?? null },
    });
  });
  return {
    status,
    steps,
    failedStep: failed?.step ?? null,
    message: failed ? (failed.detail ?? "The test failed") : `Connected: Kubernetes ${version}`,
    hint: failed?.hint?.text ?? null,
    command: failed?.hint?.commands?.[0] ?? null,
    serverVersion: version,
    testedAt: testedAt.toISOString(),
    durationMs: Date.now() - started,
  };
}
