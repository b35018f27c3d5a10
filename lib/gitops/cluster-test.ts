// The GitOps cluster test itself: the plan of steps that proves the chain an agent relies on, run
// on the shared executor, and the verdict. Pure of storage: the console runs it with the cluster's
// stored bearer token or its agent's connector session (connection-test.ts), a delegate with a
// session it built from the connector's spec and the task's secrets (lib/delegate-process).
//   credentials    the agent's connector (or the bearer-token secret)
//   oidcProvider   (a) the management cluster's OIDC issuer (DescribeCluster) has an IAM OIDC
//                  provider with audience sts.amazonaws.com
//   agentTrust     (b) the agent role's trust policy (GetRole) lets the flavour's service accounts
//                  of the agent's namespace assume it through that provider (`:sub`, `:aud`)
//   assumeChain    (c) the agent role may call sts:AssumeRole on the cluster's role
//                  (SimulatePrincipalPolicy) and the cluster role's trust policy allows the agent role
//   clusterAccess  (d) the cluster role has an access entry with an access policy on the target
//                  cluster, or (CONFIG_MAP) the aws-auth mapping to check, which AWS cannot show
//   connect        (e) the API server answers /version at DescribeCluster's endpoint with its CA:
//                  with an EKS token for the cluster's role when the connector may assume it,
//                  else anonymously (an API server that answers 401 has still answered)
// Every failing step names its fix: a policy to paste or a command to run. An EKS token goes only
// to the endpoint and CA DescribeCluster returns for that cluster, so a masterUrl of someone's
// choosing never receives one.
import "server-only";
import type { CallOptions } from "@/lib/aws/clients";
import { awsErrorFacts } from "@/lib/aws/errors";
import { accessEntryOf, describeCluster, type ClusterDescription } from "@/lib/aws/eks";
import { eksToken } from "@/lib/aws/eks-token";
import { findOidcProvider, getRole, simulatePermissions } from "@/lib/aws/iam";
import { assumeRole, roleSessionName } from "@/lib/aws/sts";
import type { ConnectorSession } from "@/lib/connectors/session";
import { diagnoseAws } from "@/lib/diagnosis/aws";
import { Diagnosed } from "@/lib/diagnosis/diagnosed";
import { diagnoseKube } from "@/lib/diagnosis/kubernetes";
import type { Diagnosis } from "@/lib/diagnosis/types";
import { AppError } from "@/lib/http/errors";
import {
  anonymousEndpoint,
  bindBearer,
  KubeError,
  serverVersion,
  type BearerToken,
  type KubeEndpoint,
} from "@/lib/kubernetes/client";
import { issuerHostPath, roleOfArn } from "@/lib/oidc/policy";
import { runPlan, type StepDef } from "@/lib/steps/executor";
import { CLUSTER_TEST_STEP_LABELS, type ClusterTestResult, type ClusterTestStep, type ClusterTestStepId } from "./dto";
import { AGENT_FLAVOUR_INFO, flavourOf } from "./flavours";
import {
  accessEntryCommands,
  agentInlinePolicy,
  agentTrustPolicy,
  AUDIENCE,
  identityMappingCommand,
  mappedRoleArn,
} from "./guide";
import { splitClusterValue } from "./schemas";
import { trustAllows } from "./trust-check";

/** What the test needs of a cluster and its agent: plain data, sent as is to a delegate. */
export interface ClusterTestInput {
  identifier: string;
  authType: string;
  masterUrl: string;
  caData: string;
  roleArn: string | null;
  awsClusterName: string | null;
  region: string | null;
  tokenRef: string | null;
  agent: { connectorRef: string; flavour: string; namespace: string; agentRoleArn: string; managementCluster: string };
}

/** The plain data of a stored cluster the test runs on. */
export const clusterTestInput = (row: ClusterTestInput): ClusterTestInput => ({
  identifier: row.identifier,
  authType: row.authType,
  masterUrl: row.masterUrl,
  caData: row.caData,
  roleArn: row.roleArn,
  awsClusterName: row.awsClusterName,
  region: row.region,
  tokenRef: row.tokenRef,
  agent: {
    connectorRef: row.agent.connectorRef,
    flavour: row.agent.flavour,
    namespace: row.agent.namespace,
    agentRoleArn: row.agent.agentRoleArn,
    managementCluster: row.agent.managementCluster,
  },
});

/** Where the credentials come from: the agent connector's session, or the stored bearer token. */
export interface ClusterCredentials {
  session: () => Promise<ConnectorSession>;
  bearer: () => Promise<BearerToken>;
}

const CALL_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 30_000;

type Row = ClusterTestInput;
type Id = ClusterTestStepId;
interface Aws {
  session: ConnectorSession;
  /** In the target cluster's region. */
  call: CallOptions;
  /** In the management cluster's region. */
  mgmtCall: CallOptions;
  mgmtName: string;
}

const message = (err: unknown) => (err instanceof AppError ? (err.detail ?? err.message) : String(err));
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/;
const isDenied = (err: unknown) => DENIED.test(awsErrorFacts(err).code);
const isMissing = (err: unknown) => /^(NoSuchEntity|ResourceNotFoundException)$/.test(awsErrorFacts(err).code);

/** An AWS read the connector's identity needs for one link of the chain; a refusal names the permission. */
async function read<T>(row: Row, call: CallOptions, permission: string, what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    call.signal?.throwIfAborted();
    if (err instanceof Diagnosed) throw err;
    throw new Diagnosed(
      diagnoseAws(err, {
        action: permission.startsWith("eks:DescribeCluster") ? "describe-cluster" : "simulate-policy",
        context: "test",
        region: call.region,
        timeoutSeconds: CALL_TIMEOUT_MS / 1000,
        fixes: {
          "access-denied": `Allow ${permission} for the identity of the agent's connector "${row.agent.connectorRef}": Conduit reads ${what} with it to check this link.`,
          "describe-denied": `Allow ${permission} for the identity of the agent's connector "${row.agent.connectorRef}": Conduit reads ${what} with it to check this link.`,
        },
      }),
    );
  }
}

function plan(row: Row, open: ClusterCredentials): StepDef<Id>[] {
  const bearer = row.authType === "BearerToken";
  const notUsed = bearer ? "Not used with a bearer token" : undefined;
  const flavour = AGENT_FLAVOUR_INFO[flavourOf(row.agent.flavour)];
  const ns = row.agent.namespace;
  const agentRoleArn = row.agent.agentRoleArn;
  const agentRole = roleOfArn(agentRoleArn);
  const clusterRoleArn = row.roleArn ?? "";
  const clusterRole = roleOfArn(clusterRoleArn);
  const clusterName = row.awsClusterName ?? "";
  const partition = agentRole?.partition ?? "aws";
  const step = (id: Id, rest: Omit<StepDef<Id>, "id" | "title">): StepDef<Id> => ({
    id,
    title: CLUSTER_TEST_STEP_LABELS[id],
    ...rest,
  });
  const awsOf = (io: { valueOf: <T>(id: string) => T }, signal: AbortSignal) => {
    const a = io.valueOf<Aws>("credentials");
    return { ...a, call: { ...a.call, signal }, mgmtCall: { ...a.mgmtCall, signal } };
  };
  return [
    step("credentials", {
      blocks: "Not run",
      async run() {
        if (bearer)
          return { value: { bearer: await open.bearer() }, detail: `Bearer token from secret "${row.tokenRef}"` };
        const ref = row.agent.connectorRef;
        const unusable = (detail: string) =>
          new Diagnosed({
            reason: "credentials-unavailable",
            detail,
            fix: `Check the agent's connector "${ref}" and test it.`,
          });
        const session = await open.session().catch((err: unknown) => {
          throw unusable(message(err));
        });
        await session.resolveCredentials().catch((err: unknown) => {
          throw err instanceof AppError ? unusable(message(err)) : err;
        });
        const region = row.region ?? session.defaultRegion;
        const mgmt = splitClusterValue(row.agent.managementCluster);
        let value: Aws;
        try {
          value = {
            session,
            call: session.callOptions(region, { callTimeoutMs: CALL_TIMEOUT_MS }),
            mgmtCall: session.callOptions(mgmt.region ?? session.defaultRegion, { callTimeoutMs: CALL_TIMEOUT_MS }),
            mgmtName: mgmt.name,
          };
        } catch (err) {
          throw new Diagnosed({
            reason: "partition-mismatch",
            detail: message(err),
            fix: "The clusters and the agent's connector must be in the same AWS partition: roles cannot be assumed across partitions.",
          });
        }
        return { value, detail: `Connector "${session.connector.identifier}" (${session.partition})` };
      },
    }),
    step("oidcProvider", {
      needs: ["credentials"],
      skip: notUsed,
      async run(io) {
        const { mgmtCall, mgmtName } = awsOf(io, io.signal);
        const where = `${mgmtName} (${mgmtCall.region})`;
        const associate = `eksctl utils associate-iam-oidc-provider --cluster ${mgmtName} --region ${mgmtCall.region} --approve`;
        const mgmt = await read(row, mgmtCall, "eks:DescribeCluster", `the management cluster ${where}`, () =>
          describeCluster(mgmtCall, mgmtName),
        );
        if (!mgmt.oidcIssuer)
          throw new Diagnosed({
            reason: "oidc-issuer-missing",
            detail: `The management cluster ${where} has no OIDC issuer, so its service accounts cannot get AWS credentials.`,
            fix: "Create the cluster's OIDC issuer and its IAM OIDC provider:",
            commands: [associate],
          });
        const issuer = mgmt.oidcIssuer;
        const provider = await read(
          row,
          mgmtCall,
          "iam:ListOpenIDConnectProviders and iam:GetOpenIDConnectProvider",
          "the account's OIDC providers",
          () => findOidcProvider(mgmtCall, issuer),
        );
        if (!provider)
          throw new Diagnosed({
            reason: "oidc-provider-missing",
            detail: `No IAM OIDC provider for the management cluster's issuer ${issuer} exists in the account, so STS cannot trust its service account tokens.`,
            fix: "Create the IAM OIDC provider for the management cluster (with eksctl, or with the AWS CLI):",
            commands: [
              associate,
              `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list ${AUDIENCE}`,
            ],
            facts: { issuer },
          });
        if (!provider.clientIds.includes(AUDIENCE))
          throw new Diagnosed({
            reason: "oidc-audience-missing",
            detail: `The IAM OIDC provider ${provider.arn} does not list the audience ${AUDIENCE} (it lists ${provider.clientIds.join(", ") || "none"}), so STS refuses the agent's tokens.`,
            fix: `Add ${AUDIENCE} to the provider's audiences:`,
            commands: [
              `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider.arn} --client-id ${AUDIENCE}`,
            ],
          });
        return {
          value: { issuer, providerArn: provider.arn },
          detail: `${issuer} has the IAM OIDC provider ${provider.arn} with audience ${AUDIENCE}`,
        };
      },
    }),
    step("agentTrust", {
      needs: ["oidcProvider"],
      skip: notUsed,
      async run(io) {
        const { mgmtCall } = awsOf(io, io.signal);
        const { issuer, providerArn } = io.valueOf<{ issuer: string; providerArn: string }>("oidcProvider");
        const hp = issuerHostPath(issuer);
        const trustFix = {
          fix: `Set the agent role's trust policy to this (the setup guide's), so ${flavour.serviceAccounts.join(" and ")} in namespace ${ns} may assume it:`,
          policy: agentTrustPolicy({
            partition,
            managementAccountId: providerArn.split(":")[4] ?? agentRole?.accountId ?? "",
            agentNamespace: ns,
            issuer,
          }),
          commands: [
            `aws iam update-assume-role-policy --role-name ${agentRole?.roleName ?? "<AGENT_ROLE>"} --policy-document file://agent-trust.json`,
          ],
        };
        const role = await read(row, mgmtCall, `iam:GetRole on ${agentRoleArn}`, "the agent role's trust policy", () =>
          getRole(mgmtCall, agentRole?.roleName ?? "").catch((err: unknown) => {
            if (!isMissing(err)) throw err;
            throw new Diagnosed({
              reason: "agent-role-missing",
              detail: `The agent role ${agentRoleArn} does not exist in the account of connector "${row.agent.connectorRef}".`,
              ...trustFix,
              commands: [
                `aws iam create-role --role-name ${agentRole?.roleName ?? "<AGENT_ROLE>"} --assume-role-policy-document file://agent-trust.json`,
              ],
            });
          }),
        );
        const refused = flavour.serviceAccounts
          .map((sa) => {
            const sub = `system:serviceaccount:${ns}:${sa}`;
            const v = trustAllows(role.trustPolicy, {
              action: "sts:AssumeRoleWithWebIdentity",
              federated: providerArn,
              context: { [`${hp}:aud`]: [AUDIENCE], [`${hp}:sub`]: [sub] },
            });
            return { sub, ...v };
          })
          .filter((v) => !v.allowed);
        if (refused.length)
          throw new Diagnosed({
            reason: "agent-trust",
            detail: `The trust policy of ${agentRoleArn} does not let ${refused.map((r) => r.sub).join(" or ")} assume it with sts:AssumeRoleWithWebIdentity through ${providerArn} (audience ${AUDIENCE})${refused.some((r) => r.explicitDeny) ? `: statement "${refused.find((r) => r.explicitDeny)!.statement}" denies it` : ""}.`,
            ...trustFix,
          });
        return {
          detail: `${agentRoleArn} trusts ${flavour.serviceAccounts.map((sa) => `system:serviceaccount:${ns}:${sa}`).join(" and ")} through ${providerArn}`,
        };
      },
    }),
    step("assumeChain", {
      needs: ["credentials"],
      skip: notUsed,
      async run(io) {
        const { mgmtCall } = awsOf(io, io.signal);
        const sim = await read(
          row,
          mgmtCall,
          `iam:SimulatePrincipalPolicy on ${agentRoleArn}`,
          "what the agent role's policies allow",
          () => simulatePermissions(mgmtCall, agentRoleArn, ["sts:AssumeRole"], { resources: [clusterRoleArn] }),
        );
        const r = sim.results[0];
        if (r?.decision !== "allowed")
          throw new Diagnosed({
            reason: "agent-cannot-assume",
            detail:
              r?.decision === "explicitDeny"
                ? `The agent role ${agentRoleArn} may not call sts:AssumeRole on ${clusterRoleArn}: denied explicitly by ${r.matched.join(", ") || "a policy"}.`
                : `No policy of the agent role ${agentRoleArn} allows sts:AssumeRole on ${clusterRoleArn}.`,
            fix:
              r?.decision === "explicitDeny"
                ? `Remove the Deny from ${r.matched.join(", ") || "the agent role's policies"}, and give the agent role this inline policy:`
                : "Give the agent role this inline policy (the setup guide's):",
            policy: agentInlinePolicy(clusterRoleArn),
            commands: [
              `aws iam put-role-policy --role-name ${agentRole?.roleName ?? "<AGENT_ROLE>"} --policy-name AssumeDeployerRole --policy-document file://agent-policy.json`,
            ],
            awsRequestId: sim.requestId,
          });
        const trustFix = {
          fix: "Set the cluster role's trust policy to this (the setup guide's deployer trust), so the agent role may assume it:",
          policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: agentRoleArn }, Action: "sts:AssumeRole" }],
          },
          commands: [
            `aws iam update-assume-role-policy --role-name ${clusterRole?.roleName ?? "<CLUSTER_ROLE>"} --policy-document file://deployer-trust.json`,
          ],
        };
        // The cluster role's trust is readable with the connector only in the connector's account.
        let role;
        try {
          role = await getRole(mgmtCall, clusterRole?.roleName ?? "");
        } catch (err) {
          io.signal.throwIfAborted();
          const elsewhere = clusterRole && agentRole && clusterRole.accountId !== agentRole.accountId;
          if (elsewhere && (isDenied(err) || isMissing(err)))
            return {
              detail: `${agentRoleArn} may call sts:AssumeRole on ${clusterRoleArn}; its trust policy is in account ${clusterRole.accountId}, which the agent's connector cannot read: check it trusts ${agentRoleArn}.`,
              data: { trustChecked: false },
            };
          if (isMissing(err))
            throw new Diagnosed({
              reason: "cluster-role-missing",
              detail: `The cluster's role ${clusterRoleArn} does not exist.`,
              ...trustFix,
              commands: [
                `aws iam create-role --role-name ${clusterRole?.roleName ?? "<CLUSTER_ROLE>"} --assume-role-policy-document file://deployer-trust.json`,
              ],
            });
          return read(row, mgmtCall, `iam:GetRole on ${clusterRoleArn}`, "the cluster role's trust policy", () =>
            Promise.reject(err),
          );
        }
        const acct = agentRole?.accountId ?? "";
        const v = trustAllows(role.trustPolicy, {
          action: "sts:AssumeRole",
          aws: [agentRoleArn, mappedRoleArn(agentRoleArn), acct, `arn:${partition}:iam::${acct}:root`],
        });
        if (!v.allowed)
          throw new Diagnosed({
            reason: "cluster-role-trust",
            detail: v.explicitDeny
              ? `The trust policy of ${clusterRoleArn} denies sts:AssumeRole to ${agentRoleArn} (statement "${v.statement}").`
              : `The trust policy of ${clusterRoleArn} does not let ${agentRoleArn} call sts:AssumeRole${/ExternalId/i.test(JSON.stringify(role.trustPolicy)) ? " (it requires an external ID, which Argo CD's awsAuthConfig cannot send)" : ""}.`,
            ...trustFix,
          });
        return { detail: `${agentRoleArn} may assume ${clusterRoleArn}, and its trust policy allows the agent role` };
      },
    }),
    step("clusterAccess", {
      needs: ["credentials"],
      skip: notUsed,
      async run(io) {
        const { call } = awsOf(io, io.signal);
        const target = await read(row, call, `eks:DescribeCluster on ${clusterName}`, "the target cluster", () =>
          describeCluster(call, clusterName),
        );
        const mode = target.authenticationMode ?? "CONFIG_MAP";
        const principal = mappedRoleArn(clusterRoleArn);
        const mapping = identityMappingCommand({ clusterName, region: call.region, deployerRoleArn: clusterRoleArn });
        const entries = accessEntryCommands({
          clusterName,
          region: call.region,
          deployerRoleArn: clusterRoleArn,
          partition,
        });
        if (mode === "CONFIG_MAP")
          return {
            status: "skipped" as const,
            detail: `The cluster authenticates with the aws-auth ConfigMap only (CONFIG_MAP), which AWS cannot show: check that it maps ${principal}, e.g. with: ${mapping}`,
            data: { authenticationMode: mode, commands: [mapping] },
          };
        const entry = await read(
          row,
          call,
          `eks:DescribeAccessEntry and eks:ListAssociatedAccessPolicies on ${clusterName}`,
          "the cluster's access entries",
          () => accessEntryOf(call, clusterName, principal),
        );
        if (!entry) {
          if (mode === "API_AND_CONFIG_MAP")
            return {
              status: "skipped" as const,
              detail: `No access entry for ${principal}; the cluster (API_AND_CONFIG_MAP) also accepts an aws-auth mapping, which AWS cannot show. Create the access entry, or check the mapping (${mapping}).`,
              data: { authenticationMode: mode, commands: entries },
            };
          throw new Diagnosed({
            reason: "access-entry-missing",
            detail: `The cluster ${clusterName} (authentication mode API) has no access entry for ${principal}, so the API server refuses its tokens.`,
            fix: "Create the access entry and give it the cluster admin access policy:",
            commands: entries,
          });
        }
        if (!entry.policies.length && !entry.kubernetesGroups.length)
          throw new Diagnosed({
            reason: "access-policy-missing",
            detail: `The access entry of ${principal} on ${clusterName} has no access policy and no Kubernetes groups, so it may do nothing in the cluster.`,
            fix: "Associate an access policy with the entry:",
            commands: entries.slice(1),
          });
        const what = entry.policies.length
          ? entry.policies
              .map(
                (p) =>
                  `${p.policyArn.split("/").pop()} (${p.scope === "namespace" ? p.namespaces.join(", ") : "cluster"})`,
              )
              .join(", ")
          : `Kubernetes groups ${entry.kubernetesGroups.join(", ")} (RBAC decides)`;
        return {
          detail: `Access entry for ${principal} (${mode}): ${what}`,
          data: { authenticationMode: mode },
        };
      },
    }),
    step("connect", {
      needs: ["credentials"],
      async run(io) {
        if (bearer) {
          const token = io.valueOf<{ bearer: BearerToken }>("credentials").bearer;
          const v = await serverVersion(token, { timeoutMs: CALL_TIMEOUT_MS, signal: io.signal });
          return { value: v.gitVersion, detail: `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""}` };
        }
        const { call } = awsOf(io, io.signal);
        // Where EKS says the cluster is: the only place its token may go.
        const eks = await read(row, call, `eks:DescribeCluster on ${clusterName}`, "the target cluster", () =>
          describeCluster(call, clusterName),
        );
        pinnedEndpoint(row, eks);
        const token = await roleToken(row, call, eks);
        if (token) {
          const v = await serverVersion(token, { timeoutMs: CALL_TIMEOUT_MS, signal: io.signal });
          return {
            value: v.gitVersion,
            detail: `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""}, signed in as ${clusterRoleArn}`,
          };
        }
        // The role trusts the agent role only (as it should): the API server is asked anonymously.
        const at = anonymousEndpoint({ endpoint: eks.endpoint, caData: eks.caData });
        try {
          const v = await serverVersion(at, { timeoutMs: CALL_TIMEOUT_MS, signal: io.signal });
          return {
            value: v.gitVersion,
            detail: `Kubernetes ${v.gitVersion}${v.platform ? ` (${v.platform})` : ""} at ${eks.endpoint}, with its CA (anonymous call: the cluster's role trusts the agent role, not the connector)`,
          };
        } catch (err) {
          if (err instanceof KubeError && (err.kind === "unauthorized" || err.kind === "forbidden"))
            return {
              value: null,
              detail: `The API server at ${eks.endpoint} answered over TLS with the cluster's CA (HTTP ${err.status} to an anonymous call; the agent signs in as ${clusterRoleArn})`,
            };
          throw err;
        }
      },
    }),
  ];
}

/** An EKS token for the cluster's role when the connector's identity may assume it; null when its trust refuses. */
async function roleToken(row: Row, call: CallOptions, eks: ClusterDescription & KubeEndpoint) {
  let credentials;
  try {
    credentials = (
      await assumeRole(call, { roleArn: row.roleArn ?? "", sessionName: roleSessionName(`gitops-${row.identifier}`) })
    ).credentials;
  } catch (err) {
    call.signal?.throwIfAborted();
    if (isDenied(err)) return null;
    throw err;
  }
  const t = await eksToken({ ...call, credentials }, row.awsClusterName ?? "");
  return bindBearer(t.token, { endpoint: eks.endpoint, caData: eks.caData });
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
  if (step === "connect" && !(err instanceof Error && "$metadata" in err)) {
    const region = row.region ?? "";
    const clusterName = row.awsClusterName ?? "";
    const partition = roleOfArn(row.roleArn ?? "")?.partition ?? "aws";
    return diagnoseKube(err, {
      cluster: row.awsClusterName ? `${row.awsClusterName} (${row.region})` : row.masterUrl,
      clusterName: row.awsClusterName ?? undefined,
      endpoint: row.masterUrl,
      what: "Calling /version",
      identityArn: row.roleArn ?? undefined,
      bearerToken: row.authType === "BearerToken",
      unmapped: {
        fix: "Token rejected: give the cluster's role access to the cluster (an access entry, or the aws-auth mapping on CONFIG_MAP clusters), then test again.",
        commands: [
          ...accessEntryCommands({ clusterName, region, deployerRoleArn: row.roleArn ?? "", partition }),
          identityMappingCommand({ clusterName, region, deployerRoleArn: row.roleArn ?? "" }),
        ],
      },
    });
  }
  return diagnoseAws(err, {
    action: step === "connect" ? "sign-eks-token" : "simulate-policy",
    context: "test",
    region: row.region ?? "us-east-1",
    roleArn: row.roleArn ?? undefined,
    testTimedOut: timedOut,
    timeoutSeconds: (timedOut ? TEST_TIMEOUT_MS : CALL_TIMEOUT_MS) / 1000,
    fixes: {
      "credentials-rejected": `Test the connector "${ref}" and fix its credentials; GovCloud credentials work only in GovCloud regions.`,
      "aws-timeout": "Check Conduit's network path to AWS and try again.",
      "aws-unreachable": "Check Conduit's network path to AWS and try again.",
    },
  });
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Runs the test, emitting each step as it starts and ends; the verdict. */
export async function runClusterTest(
  row: Row,
  open: ClusterCredentials,
  emit: (e: ClusterTestStep) => void,
  signal: AbortSignal,
): Promise<ClusterTestResult> {
  const started = Date.now();
  const steps = await runPlan(plan(row, open), {
    emit,
    timeoutMs: TEST_TIMEOUT_MS,
    signal,
    diagnose: (err, step, info) => diagnose(row, err, step, info.timedOut),
  });
  const failed = steps.find((s) => s.status === "failed");
  const connected = steps.find((s) => s.step === "connect" && s.status === "passed")?.detail ?? "";
  const version = /^Kubernetes (\S+?),?(?:\s|$)/.exec(connected)?.[1] ?? null;
  // A pass says what it did not verify: access AWS cannot show, a sign-in that was not tried.
  const unverified = [
    ...(row.authType === "IRSA"
      ? steps.filter((s) => s.status === "skipped").map((s) => lowerFirst(CLUSTER_TEST_STEP_LABELS[s.step]))
      : []),
    ...(version ? [] : ["a call signed in as the cluster role (Conduit may not assume it; the agent role may)"]),
  ];
  const reached = version ? `Connected: Kubernetes ${version}` : "Connected: the API server answered with its CA";
  return {
    status: failed ? "Failed" : "Successful",
    steps,
    failedStep: failed?.step ?? null,
    message: failed
      ? (failed.detail ?? "The test failed")
      : unverified.length
        ? `${reached}. Not verified: ${unverified.join("; ")}.`
        : reached,
    hint: failed?.hint?.text ?? null,
    command: failed?.hint?.commands?.join("\n") ?? null,
    serverVersion: version,
    testedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
  };
}
