// GitOps agents and clusters against PostgreSQL, the AWS emulator and the fake Kubernetes API:
// CRUD with versions, audit and delete guards; "Test connection" through the real SDK, link by
// link (OIDC provider → agent role trust → agent may assume the cluster role → access entry →
// /version with the cluster CA), each broken link failing at its step with its fix; the guide's
// issuer and access mode from DescribeCluster.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startAwsEmulator,
  type AwsEmulator,
  type PolicyDocument,
  type RoleInfo,
  type UserInfo,
} from "@/e2e/fixtures/aws-emulator";
import { startFakeKubernetes, type FakeKubernetes } from "@/e2e/fixtures/fake-kubernetes";
import { clearSessionCache } from "@/lib/connectors/session";
import { createConnector, deleteConnector } from "@/lib/connectors/service";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { acquireTestLock } from "@/lib/db/locks";
import { AppError } from "@/lib/http/errors";
import { createOrganization, createProject, deleteProject, resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { createSecret, deleteSecret } from "@/lib/secrets/service";
import { readNdjson } from "@/lib/http/stream";
import { clusterForConnector } from "@/lib/eks/lookup-service";
import { adminActor } from "@/scripts/lib/test-principals";
import { testCluster as startTest } from "./connection-test";
import { CLUSTER_TEST_STEPS, type ClusterTestEvent, type ClusterTestResult } from "./dto";
import { AGENT_GUIDE_BLOCK_IDS } from "./guide";
import { getAgentGuide, getClusterGuide } from "./guide-service";
import { gitopsAgentInputSchema, gitopsClusterInputSchema, type GitopsClusterInput } from "./schemas";
import {
  createAgent,
  createCluster,
  deleteAgent,
  deleteCluster,
  getCluster,
  clusterDtoToYaml,
  listClusters,
  updateAgent,
  updateCluster,
} from "./service";
import { parseClusterYaml } from "./yaml";

// An Account Admin: connectors that run as the delegate and secret references need its permissions.
const by = adminActor({ id: "tester", name: "Tester", kind: "user", requestId: "req-gitops-test" });
const ORG = "gitops_org";
const ACCOUNT = "111122223333";
const ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
let emu: AwsEmulator;
let kube: FakeKubernetes;
let user: UserInfo;
let deployer: RoleInfo;
let stranger: RoleInfo;
let project: Scope;
const AGENT_ROLE = `arn:aws:iam::${ACCOUNT}:role/ArgoCD`;
const HOST_PATH = ISSUER.slice("https://".length);
const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
/** The guide's agent trust policy for namespace `ns`. */
const agentTrust = (ns = "argocd"): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST_PATH}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${HOST_PATH}:aud`]: "sts.amazonaws.com" },
        StringLike: { [`${HOST_PATH}:sub`]: `system:serviceaccount:${ns}:*` },
      },
    },
  ],
});
const assumeAnyRole: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "AssumeRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
};
const trusting = (...arns: string[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: arns }, Action: "sts:AssumeRole" }],
});

async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe(code);
  if (field) expect(Object.keys(e.options.fieldErrors ?? {})).toContain(field);
  return e;
}

const agentInput = (identifier: string, managementCluster = "us-east-1/management") =>
  gitopsAgentInputSchema.parse({
    name: `Agent ${identifier}`,
    identifier,
    namespace: "argocd",
    spec: { connectorRef: "mgmt_aws", managementCluster, agentRoleArn: `arn:aws:iam::${ACCOUNT}:role/ArgoCD` },
  });

function clusterInput(
  identifier: string,
  roleArn: string,
  over: Partial<GitopsClusterInput["spec"]> = {},
  agentIdentifier = "agent1",
): GitopsClusterInput {
  return gitopsClusterInputSchema.parse({
    name: `Cluster ${identifier}`,
    identifier,
    agentIdentifier,
    tags: { env: "test" },
    spec: {
      masterUrl: kube.url,
      authentication: { type: "IRSA", spec: { roleArn, clusterName: kube.clusterName, region: "us-east-1" } },
      caData: kube.caData,
      ...over,
    },
  });
}

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  kube = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "target" });
  // What the chain test reads with the agent's connector: clusters, access entries, roles, OIDC providers.
  user = emu.addUser({
    name: "gitops-mgmt",
    accountId: ACCOUNT,
    allow: [
      "eks:*",
      "iam:GetRole",
      "iam:ListOpenIDConnectProviders",
      "iam:GetOpenIDConnectProvider",
      "iam:SimulatePrincipalPolicy",
    ],
  });
  emu.addOidcProvider({ url: ISSUER, clientIds: ["sts.amazonaws.com"], accountId: ACCOUNT });
  emu.addRole({
    name: "ArgoCD",
    accountId: ACCOUNT,
    trustPolicy: agentTrust(),
    policies: { AssumeRole: assumeAnyRole },
  });
  // Trusted by the agent role and, for this test to sign in as it, by the connector's user.
  deployer = emu.addRole({ name: "Deployer", accountId: ACCOUNT, trustPolicy: trusting(AGENT_ROLE, user.arn) });
  // Trusted by the agent role only, as the guide sets it up.
  stranger = emu.addRole({ name: "NotTrusting", accountId: ACCOUNT, trustPolicy: trusting(AGENT_ROLE) });
  emu.addCluster({ region: "us-east-1", name: "management", oidcIssuer: ISSUER });
  emu.addCluster({
    region: "us-east-1",
    name: "target",
    endpoint: kube.url,
    caData: kube.caData,
    authenticationMode: "API",
    accessEntries: [deployer.arn, stranger.arn].map((principalArn) => ({
      principalArn,
      accessPolicies: [{ policyArn: ADMIN_POLICY, accessScope: { type: "cluster" as const } }],
    })),
  });

  await createOrganization({ input: { identifier: ORG, name: "GitOps org", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "apps", name: "Apps", description: "" }, by });
  project = await resolveScope({ org: ORG, project: "apps" });
  await createSecret({
    scope: project,
    input: { identifier: "mgmt_sk", name: "mgmt sk", description: "", tags: {}, value: user.secretAccessKey },
    by,
  });
  await createConnector({
    scope: project,
    input: {
      name: "Management AWS",
      identifier: "mgmt_aws",
      description: "",
      tags: {},
      spec: {
        credential: {
          type: "ManualConfig",
          spec: { accessKey: user.accessKeyId, secretKeyRef: "mgmt_sk" },
          region: "us-east-1",
        },
        delegateSelectors: [],
        executeOnDelegate: true,
      },
    },
    by,
  });
  await createAgent({ scope: project, input: agentInput("agent1"), by });
});
afterAll(async () => {
  await kube.close();
  await emu.close();
});
beforeEach(() => {
  clearSessionCache();
  kube.setMappings([{ arn: deployer.arn, username: "deployer", groups: ["system:masters"] }]);
});

describe("GitOps CRUD", () => {
  it("agents need a project and a connector visible from it; the connector cannot be deleted while an agent uses it", async () => {
    await rejects(createAgent({ scope: await resolveScope({}), input: agentInput("x"), by }), "BAD_REQUEST", "project");
    await rejects(
      createAgent({
        scope: project,
        input: { ...agentInput("x"), spec: { ...agentInput("x").spec, connectorRef: "account.nope" } },
        by,
      }),
      "VALIDATION_FAILED",
      "spec.connectorRef",
    );
    await rejects(createAgent({ scope: project, input: agentInput("agent1"), by }), "ALREADY_EXISTS", "identifier");
    const err = await deleteConnector({ scope: project, identifier: "mgmt_aws", by }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeTruthy(); // a restricting foreign key (or the service's own guard) refuses
    expect(await db.connector.count({ where: { identifier: "mgmt_aws", projectIdentifier: "apps" } })).toBe(1);
  });

  it("a project holding GitOps agents cannot be deleted", async () => {
    const e = await rejects(deleteProject({ orgIdentifier: ORG, identifier: "apps", by }), "IN_USE");
    expect(e.message).toMatch(/still holds .*GitOps agent "agent1"/);
  });

  it("clusters: create, YAML round trip, stale versions refused, connection changes reset the status, audit", async () => {
    const created = await createCluster({ scope: project, input: clusterInput("crud1", deployer.arn), by });
    expect(created).toMatchObject({
      version: 1,
      agent: { identifier: "agent1", namespace: "argocd" },
      status: { connectionStatus: "Unknown", testedAt: null },
    });
    const yaml = clusterDtoToYaml(await getCluster(project, "crud1"));
    const parsed = parseClusterYaml(yaml);
    expect(parsed.ok && parsed.value).toMatchObject({ identifier: "crud1", spec: { caData: kube.caData } });

    await db.gitopsCluster.update({
      where: { id: (await db.gitopsCluster.findFirstOrThrow({ where: { identifier: "crud1" } })).id },
      data: { connectionStatus: "Successful", serverVersion: "v1" },
    });
    const renamed = await updateCluster({
      scope: project,
      identifier: "crud1",
      input: { ...clusterInput("crud1", deployer.arn), name: "Renamed" },
      version: 1,
      by,
    });
    expect(renamed).toMatchObject({ version: 2, status: { connectionStatus: "Successful" } });
    await rejects(
      updateCluster({
        scope: project,
        identifier: "crud1",
        input: clusterInput("crud1", deployer.arn),
        version: 1,
        by,
      }),
      "VERSION_CONFLICT",
    );
    const moved = await updateCluster({
      scope: project,
      identifier: "crud1",
      input: clusterInput("crud1", stranger.arn),
      version: 2,
      by,
    });
    expect(moved.status).toEqual({
      connectionStatus: "Unknown",
      statusReason: "",
      serverVersion: null,
      testedAt: null,
    });

    expect((await listClusters(project, { agent: "agent1" })).items.map((c) => c.cluster.identifier)).toContain(
      "crud1",
    );
    await rejects(deleteAgent({ scope: project, identifier: "agent1", by }), "IN_USE");
    await deleteCluster({ scope: project, identifier: "crud1", by });
    const actions = await db.auditEvent.findMany({
      where: { entityType: "GitopsCluster", entityId: "crud1" },
      orderBy: { at: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["CREATE", "UPDATE", "UPDATE", "DELETE"]);
  });

  it("a bearer-token cluster keeps its secret from being deleted; unknown agents and secrets are field errors", async () => {
    await createSecret({
      scope: project,
      input: { identifier: "kube_token", name: "kube token", description: "", tags: {}, value: "not-a-real-token" },
      by,
    });
    const bearer = { type: "BearerToken" as const, spec: { tokenRef: "kube_token" } };
    await createCluster({
      scope: project,
      input: clusterInput("bearer1", deployer.arn, { authentication: bearer }),
      by,
    });
    const e = await rejects(deleteSecret({ scope: project, identifier: "kube_token", by }), "IN_USE");
    expect(e.message).toContain("bearer1");
    await rejects(
      createCluster({
        scope: project,
        input: clusterInput("bearer2", deployer.arn, {
          authentication: { type: "BearerToken", spec: { tokenRef: "missing" } },
        }),
        by,
      }),
      "VALIDATION_FAILED",
      "spec.authentication.spec.tokenRef",
    );
    await rejects(
      createCluster({ scope: project, input: clusterInput("orphan", deployer.arn, {}, "no_agent"), by }),
      "VALIDATION_FAILED",
      "agentIdentifier",
    );
  });
});

describe("Test connection", () => {
  it("a reachable, mapped cluster is Successful with its version, saved on the cluster with an audit entry", async () => {
    await createCluster({ scope: project, input: clusterInput("ok1", deployer.arn), by });
    const r = await testCluster({ scope: project, identifier: "ok1", by });
    expect(r).toMatchObject({ status: "Successful", failedStep: null, serverVersion: "v1.31.4-eks-2d5f260" });
    expect(r.steps.map((s) => [s.step, s.status])).toEqual(CLUSTER_TEST_STEPS.map((id) => [id, "passed"]));
    // Streamed as it runs: each step says it is running before its outcome, the result comes last.
    const seen = r.events.map((e) => (e.type === "step" ? `${e.step}:${e.status}` : "result"));
    for (const id of CLUSTER_TEST_STEPS)
      expect(seen.indexOf(`${id}:running`), id).toBeLessThan(seen.indexOf(`${id}:passed`));
    expect(seen.at(-1)).toBe("result");
    expect(seen).toHaveLength(CLUSTER_TEST_STEPS.length * 2 + 1);
    const detail = (id: string) => r.steps.find((s) => s.step === id)?.detail;
    expect(detail("oidcProvider")).toContain(`oidc-provider/${HOST_PATH} with audience sts.amazonaws.com`);
    expect(detail("agentTrust")).toContain("system:serviceaccount:argocd:gitops-agent");
    expect(detail("agentTrust")).toContain("system:serviceaccount:argocd:argocd-application-controller");
    expect(detail("assumeChain")).toContain(`may assume ${deployer.arn}`);
    expect(detail("clusterAccess")).toContain("AmazonEKSClusterAdminPolicy (cluster)");
    expect(kube.requests.at(-1)).toMatchObject({ path: "/version", status: 200, user: "deployer" });
    const saved = await getCluster(project, "ok1");
    expect(saved.status).toMatchObject({
      connectionStatus: "Successful",
      serverVersion: "v1.31.4-eks-2d5f260",
      statusReason: "",
    });
    expect(saved.status.testedAt).toBe(r.testedAt);
    expect(saved.version).toBe(1); // a test is not an edit
    expect(await db.auditEvent.count({ where: { entityType: "GitopsCluster", entityId: "ok1", action: "TEST" } })).toBe(
      1,
    );
  });

  it("one test per cluster at a time: a second one while the first runs is refused with 429", async () => {
    await createCluster({ scope: project, input: clusterInput("busy1", deployer.arn), by });
    const row = await db.gitopsCluster.findFirstOrThrow({ where: { identifier: "busy1" } });
    const held = await acquireTestLock(`gitops-cluster:${row.id}`);
    if ("refused" in held) throw new Error("the lock should be free");
    try {
      const err = await testCluster({ scope: project, identifier: "busy1", by }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "RATE_LIMITED" });
      expect((await getCluster(project, "busy1")).status.connectionStatus).toBe("Unknown");
    } finally {
      await held.release();
    }
    expect((await testCluster({ scope: project, identifier: "busy1", by })).status).toBe("Successful");
  });

  it("a cluster deleted during its test: the stream still ends with the result, saying it was not saved", async () => {
    await createCluster({ scope: project, input: clusterInput("gone1", deployer.arn), by });
    emu.faults.latency(800, { action: "AssumeRole" });
    try {
      const stream = startTest({ scope: project, identifier: "gone1", by });
      await new Promise((r) => setTimeout(r, 300));
      await deleteCluster({ scope: project, identifier: "gone1", by });
      const events: ClusterTestEvent[] = [];
      for await (const e of readNdjson<ClusterTestEvent>(await stream)) events.push(e);
      const last = events.at(-1);
      expect(last?.type).toBe("result");
      expect(last?.type === "result" && last.result).toMatchObject({
        status: "Successful",
        notSaved: "The result was not saved: the cluster was deleted during its test.",
      });
    } finally {
      emu.faults.clear();
    }
    // Its lock went with the stream: a cluster of the same name tests again at once.
    await createCluster({ scope: project, input: clusterInput("gone1", deployer.arn), by });
    expect((await testCluster({ scope: project, identifier: "gone1", by })).notSaved).toBeUndefined();
  });

  it("a token the cluster rejects fails at the call with the access entry and mapping commands", async () => {
    kube.setMappings([]);
    await createCluster({ scope: project, input: clusterInput("unmapped1", deployer.arn), by });
    const r = await testCluster({ scope: project, identifier: "unmapped1", by });
    expect(r).toMatchObject({ status: "Failed", failedStep: "connect", serverVersion: null });
    expect(r.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed", "passed", "passed", "failed"]);
    expect(r.message).toMatch(/not mapped/);
    // The result's command is every command of the fix, one per line: access entry first.
    expect(r.command?.split("\n")[0]).toBe(
      `aws eks create-access-entry --cluster-name target --region us-east-1 --principal-arn ${deployer.arn} --type STANDARD --username deployer`,
    );
    expect(r.command?.split("\n")).toEqual(r.steps.at(-1)?.hint?.commands);
    expect(r.steps.at(-1)?.hint?.commands).toContain(
      `eksctl create iamidentitymapping --cluster target --region us-east-1 --arn ${deployer.arn} --group system:masters --username deployer`,
    );
    expect((await getCluster(project, "unmapped1")).status).toMatchObject({
      connectionStatus: "Failed",
      statusReason: r.message,
    });
  });

  it("a cluster role that trusts only the agent role passes: the API server is asked without a token", async () => {
    await createCluster({ scope: project, input: clusterInput("stranger1", stranger.arn), by });
    const before = kube.requests.length;
    const r = await testCluster({ scope: project, identifier: "stranger1", by });
    expect(r).toMatchObject({ status: "Successful", failedStep: null, serverVersion: null });
    // A pass says what it could not verify.
    expect(r.message).toBe(
      "Connected: the API server answered with its CA. Not verified: a call signed in as the cluster role (Conduit may not assume it; the agent role may).",
    );
    expect(r.steps.find((s) => s.step === "connect")?.detail).toContain(
      `The API server at ${kube.url} answered over TLS with the cluster's CA (HTTP 401 to an anonymous call`,
    );
    expect(kube.requests.slice(before)).toEqual([expect.objectContaining({ path: "/version", status: 401 })]);
    expect(kube.requests.at(-1)?.user).toBeUndefined();
  });

  it("a CA that is not the one EKS reports fails before any token is made", async () => {
    const other = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "target" });
    try {
      await createCluster({ scope: project, input: clusterInput("tls1", deployer.arn, { caData: other.caData }), by });
      const before = kube.requests.length;
      const r = await testCluster({ scope: project, identifier: "tls1", by });
      expect(r).toMatchObject({ status: "Failed", failedStep: "connect" });
      expect(r.message).toContain("not the one EKS reports");
      expect(r.hint).toMatch(/certificate authority/);
      expect(kube.requests.length).toBe(before);
    } finally {
      await other.close();
    }
  });
});

describe("Test connection: each broken link fails at its step with its fix", () => {
  const failedStep = (r: ClusterTestResult) => r.steps.find((s) => s.step === r.failedStep)!;

  it("(a) no IAM OIDC provider for the management cluster's issuer: the eksctl command", async () => {
    await createCluster({ scope: project, input: clusterInput("link_a", deployer.arn), by });
    emu.removeOidcProvider(ISSUER);
    try {
      const r = await testCluster({ scope: project, identifier: "link_a", by });
      expect(r).toMatchObject({
        status: "Failed",
        failedStep: "oidcProvider",
        command: `eksctl utils associate-iam-oidc-provider --cluster management --region us-east-1 --approve\naws iam create-open-id-connect-provider --url ${ISSUER} --client-id-list sts.amazonaws.com`,
      });
      expect(r.message).toContain(`No IAM OIDC provider for the management cluster's issuer ${ISSUER}`);
      expect(r.steps.find((s) => s.step === "agentTrust")?.status).toBe("skipped");
      // A provider without the STS audience fails too, with the command that adds it.
      emu.addOidcProvider({ url: ISSUER, clientIds: ["other"], accountId: ACCOUNT });
      const aud = await testCluster({ scope: project, identifier: "link_a", by });
      expect(aud).toMatchObject({
        failedStep: "oidcProvider",
        command: `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST_PATH} --client-id sts.amazonaws.com`,
      });
    } finally {
      emu.addOidcProvider({ url: ISSUER, clientIds: ["sts.amazonaws.com"], accountId: ACCOUNT });
    }
  });

  it("(b) an agent role trusting another namespace: the trust policy for the agent's service accounts", async () => {
    await createCluster({ scope: project, input: clusterInput("link_b", deployer.arn), by });
    emu.setTrustPolicy(AGENT_ROLE, agentTrust("iam"));
    try {
      const r = await testCluster({ scope: project, identifier: "link_b", by });
      expect(r).toMatchObject({
        status: "Failed",
        failedStep: "agentTrust",
        command: "aws iam update-assume-role-policy --role-name ArgoCD --policy-document file://agent-trust.json",
      });
      expect(r.message).toContain("system:serviceaccount:argocd:argocd-application-controller");
      expect(failedStep(r).hint?.policy).toEqual(agentTrust("argocd"));
    } finally {
      emu.setTrustPolicy(AGENT_ROLE, agentTrust());
    }
  });

  it("(c) an agent role without sts:AssumeRole, or a cluster role not trusting it: the policy to add", async () => {
    await createCluster({ scope: project, input: clusterInput("link_c", deployer.arn), by });
    emu.deleteRolePolicy(AGENT_ROLE, "AssumeRole");
    try {
      const r = await testCluster({ scope: project, identifier: "link_c", by });
      expect(r).toMatchObject({
        status: "Failed",
        failedStep: "assumeChain",
        command:
          "aws iam put-role-policy --role-name ArgoCD --policy-name AssumeDeployerRole --policy-document file://agent-policy.json",
      });
      expect(r.message).toBe(`No policy of the agent role ${AGENT_ROLE} allows sts:AssumeRole on ${deployer.arn}.`);
      expect(failedStep(r).hint?.policy).toEqual({
        Version: "2012-10-17",
        Statement: [{ Sid: "AssumeDeployerRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: deployer.arn }],
      });
      // An explicit Deny is named.
      emu.putRolePolicy(AGENT_ROLE, "AssumeRole", assumeAnyRole);
      emu.putRolePolicy(AGENT_ROLE, "NoDeployer", {
        Statement: [{ Effect: "Deny", Action: "sts:AssumeRole", Resource: deployer.arn }],
      });
      const denied = await testCluster({ scope: project, identifier: "link_c", by });
      expect(denied.message).toContain("denied explicitly by NoDeployer");
    } finally {
      emu.deleteRolePolicy(AGENT_ROLE, "NoDeployer");
      emu.putRolePolicy(AGENT_ROLE, "AssumeRole", assumeAnyRole);
    }
    // The agent may assume it, but the cluster role trusts only the connector's user.
    const lonely = emu.addRole({ name: "LonelyDeployer", accountId: ACCOUNT, trustPolicy: trusting(user.arn) });
    emu.addAccessEntry(
      { region: "us-east-1", name: "target" },
      { principalArn: lonely.arn, accessPolicies: [{ policyArn: ADMIN_POLICY }] },
    );
    await createCluster({ scope: project, input: clusterInput("link_c2", lonely.arn), by });
    const r = await testCluster({ scope: project, identifier: "link_c2", by });
    expect(r).toMatchObject({
      failedStep: "assumeChain",
      command:
        "aws iam update-assume-role-policy --role-name LonelyDeployer --policy-document file://deployer-trust.json",
    });
    expect(r.message).toBe(`The trust policy of ${lonely.arn} does not let ${AGENT_ROLE} call sts:AssumeRole.`);
    expect(failedStep(r).hint?.policy).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: AGENT_ROLE }, Action: "sts:AssumeRole" }],
    });
  });

  it("(d) no access entry on an API cluster: create-access-entry and associate-access-policy", async () => {
    const noEntry = emu.addRole({ name: "NoEntry", accountId: ACCOUNT, trustPolicy: trusting(AGENT_ROLE) });
    await createCluster({ scope: project, input: clusterInput("link_d", noEntry.arn), by });
    const r = await testCluster({ scope: project, identifier: "link_d", by });
    expect(r).toMatchObject({ status: "Failed", failedStep: "clusterAccess" });
    expect(r.command?.split("\n")[0]).toBe(
      `aws eks create-access-entry --cluster-name target --region us-east-1 --principal-arn ${noEntry.arn} --type STANDARD --username deployer`,
    );
    expect(failedStep(r).hint?.commands?.[1]).toBe(
      `aws eks associate-access-policy --cluster-name target --region us-east-1 --principal-arn ${noEntry.arn} --policy-arn ${ADMIN_POLICY} --access-scope type=cluster`,
    );
    // An entry without any access policy says so.
    emu.addAccessEntry({ region: "us-east-1", name: "target" }, { principalArn: noEntry.arn });
    const bare = await testCluster({ scope: project, identifier: "link_d", by });
    expect(bare).toMatchObject({
      failedStep: "clusterAccess",
      command: expect.stringContaining("associate-access-policy"),
    });
    // A CONFIG_MAP cluster's access cannot be read from AWS: not checked, with the mapping to check.
    emu.setAuthenticationMode({ region: "us-east-1", name: "target" }, "CONFIG_MAP");
    try {
      const cm = await testCluster({ scope: project, identifier: "link_d", by });
      const access = cm.steps.find((s) => s.step === "clusterAccess")!;
      expect(access.status).toBe("skipped");
      expect(access.detail).toContain("which AWS cannot show");
      expect(access.detail).toContain(
        `eksctl create iamidentitymapping --cluster target --region us-east-1 --arn ${noEntry.arn}`,
      );
      expect(cm.status).toBe("Successful");
    } finally {
      emu.setAuthenticationMode({ region: "us-east-1", name: "target" }, "API");
    }
  });

  it("(e) an API server that does not answer at DescribeCluster's endpoint fails at the call", async () => {
    const gone = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "gone" });
    const url = gone.url;
    const caData = gone.caData;
    await gone.close();
    emu.addCluster({
      region: "us-east-1",
      name: "gone",
      endpoint: url,
      caData,
      authenticationMode: "API",
      accessEntries: [{ principalArn: stranger.arn, accessPolicies: [{ policyArn: ADMIN_POLICY }] }],
    });
    await createCluster({
      scope: project,
      input: gitopsClusterInputSchema.parse({
        name: "Gone",
        identifier: "link_e",
        agentIdentifier: "agent1",
        spec: {
          masterUrl: url,
          authentication: { type: "IRSA", spec: { roleArn: stranger.arn, clusterName: "gone", region: "us-east-1" } },
          caData,
        },
      }),
      by,
    });
    const r = await testCluster({ scope: project, identifier: "link_e", by });
    expect(r).toMatchObject({ status: "Failed", failedStep: "connect" });
    expect(r.steps.slice(0, 5).map((s) => s.status)).toEqual(["passed", "passed", "passed", "passed", "passed"]);
    expect(r.hint).toBeTruthy();
  });
});

describe("Test connection: tokens go only where they belong", () => {
  it("an IRSA cluster's EKS token never reaches a masterUrl other than the endpoint EKS reports", async () => {
    // Someone else's server, trusted by its own CA: it must receive nothing.
    const evil = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "target" });
    try {
      await createCluster({
        scope: project,
        input: clusterInput("irsa_evil", deployer.arn, { masterUrl: evil.url, caData: evil.caData }),
        by,
      });
      const r = await testCluster({ scope: project, identifier: "irsa_evil", by });
      expect(r).toMatchObject({ status: "Failed", failedStep: "connect" });
      expect(r.message).toContain(`is not the endpoint EKS reports for target (us-east-1) (${kube.url})`);
      expect(r.command).toContain("aws eks describe-cluster --name target --region us-east-1");
      expect(evil.requests).toEqual([]);
    } finally {
      await evil.close();
    }
  });

  it("a secret that is a connector's AWS key cannot become a bearer token, nor a token an AWS key", async () => {
    const e = await rejects(
      createCluster({
        scope: project,
        input: clusterInput("steal", deployer.arn, {
          authentication: { type: "BearerToken", spec: { tokenRef: "mgmt_sk" } },
        }),
        by,
      }),
      "VALIDATION_FAILED",
      "spec.authentication.spec.tokenRef",
    );
    expect(e.message).toContain('holds AWS key material for connector "mgmt_aws"');
    await createSecret({
      scope: project,
      input: { identifier: "kube_token2", name: "kube token 2", description: "", tags: {}, value: "tok" },
      by,
    });
    await createCluster({
      scope: project,
      input: clusterInput("bearer3", deployer.arn, {
        authentication: { type: "BearerToken", spec: { tokenRef: "kube_token2" } },
      }),
      by,
    });
    await rejects(
      createConnector({
        scope: project,
        input: {
          name: "Thief",
          identifier: "thief",
          description: "",
          tags: {},
          spec: {
            credential: {
              type: "ManualConfig",
              spec: { accessKey: "AKIAEXAMPLE", secretKeyRef: "kube_token2" },
              region: "us-east-1",
            },
            delegateSelectors: [],
            executeOnDelegate: false,
          },
        },
        by,
      }),
      "VALIDATION_FAILED",
    );
  });

  it("a bearer token goes only to the endpoint and CA it was chosen for; a loopback endpoint needs the allowlist", async () => {
    const other = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "elsewhere" });
    try {
      await createSecret({
        scope: project,
        input: { identifier: "kube_token3", name: "kube token 3", description: "", tags: {}, value: "value-3" },
        by,
      });
      const bearer = { type: "BearerToken" as const, spec: { tokenRef: "kube_token3" } };
      await createCluster({
        scope: project,
        input: clusterInput("bearer4", deployer.arn, { authentication: bearer }),
        by,
      });
      // A write that moved the endpoint without choosing the secret again (not possible through the
      // service, which re-checks access): the binding refuses to send the token there.
      await db.gitopsCluster.updateMany({
        where: { identifier: "bearer4" },
        data: { masterUrl: other.url, caData: other.caData },
      });
      const moved = await testCluster({ scope: project, identifier: "bearer4", by });
      expect(moved).toMatchObject({ status: "Failed", failedStep: "credentials" });
      expect(moved.message).toContain("choose the secret again");
      expect(other.requests).toEqual([]);

      await db.gitopsCluster.updateMany({
        where: { identifier: "bearer4" },
        data: { masterUrl: kube.url, caData: kube.caData },
      });
      process.env.CONDUIT_EGRESS_ALLOW = "";
      resetEnvCache();
      const before = kube.requests.length;
      const refused = await testCluster({ scope: project, identifier: "bearer4", by });
      expect(refused).toMatchObject({ status: "Failed", failedStep: "connect" });
      expect(refused.message).toContain("not allowed by the egress policy");
      expect(kube.requests.length).toBe(before);
    } finally {
      process.env.CONDUIT_EGRESS_ALLOW = "127.0.0.1/32";
      resetEnvCache();
      await other.close();
    }
    const reached = await testCluster({ scope: project, identifier: "bearer4", by });
    expect(reached).toMatchObject({ status: "Failed", failedStep: "connect" });
    expect(reached.message).toContain("rejected the token");
    expect(kube.requests.at(-1)?.path).toBe("/version");
  });
});

/** Runs the test and follows its stream: every event, and the result line. */
async function testCluster(opts: Parameters<typeof startTest>[0]) {
  const events: ClusterTestEvent[] = [];
  for await (const e of readNdjson<ClusterTestEvent>(await startTest(opts))) events.push(e);
  const last = events.at(-1);
  if (last?.type !== "result") throw new Error("the stream ended without a result");
  return Object.assign(last.result, { events }) as ClusterTestResult & { events: ClusterTestEvent[] };
}

describe("setup guide", () => {
  it("reads the management cluster's OIDC issuer through the agent's connector", async () => {
    await createCluster({ scope: project, input: clusterInput("guide1", deployer.arn), by });
    const g = await getClusterGuide({ scope: project, identifier: "guide1" });
    expect(g.issuer).toEqual({ source: "cluster", url: ISSUER });
    const trust = JSON.parse(g.guide.blocks.find((b) => b.id === "agentTrustPolicy")!.content);
    expect(trust.Statement[0].Principal.Federated).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER.slice("https://".length)}`,
    );
    expect(g.values).toMatchObject({
      partition: "aws",
      deployerRoleArn: deployer.arn,
      agentNamespace: "argocd",
      flavour: "HARNESS_GITOPS_AGENT",
      managementClusterName: "management",
      authenticationMode: "API",
      clusterName: "target",
    });
    // The target cluster's API mode: an access entry; the Harness agent's workloads are patched.
    expect(g.guide.accessMode).toBe("access-entries");
    const text = (id: string) => g.guide.blocks.find((b) => b.id === id)!.content;
    expect(text("clusterAccess")).toContain(
      `aws eks create-access-entry --cluster-name target --region us-east-1 --principal-arn ${deployer.arn}`,
    );
    expect(text("fsGroupPatch")).toContain("kubectl -n argocd patch deployment gitops-agent");
  });

  it("an Argo CD agent's guide patches argocd-server; a CONFIG_MAP cluster gets the aws-auth mapping", async () => {
    const input = agentInput("agent_argo");
    await createAgent({ scope: project, input: { ...input, spec: { ...input.spec, flavour: "ARGO_CD" } }, by });
    await createCluster({ scope: project, input: clusterInput("guide_argo", deployer.arn, {}, "agent_argo"), by });
    emu.setAuthenticationMode({ region: "us-east-1", name: "target" }, "CONFIG_MAP");
    try {
      const g = await getClusterGuide({ scope: project, identifier: "guide_argo" });
      const text = (id: string) => g.guide.blocks.find((b) => b.id === id)!.content;
      expect(g.guide.flavour).toBe("ARGO_CD");
      expect(text("fsGroupPatch")).toContain("kubectl -n argocd patch deployment argocd-server");
      expect(text("clusterAccess")).toMatch(/^eksctl create iamidentitymapping --cluster target/);
      expect((await getCluster(project, "guide_argo")).agent.flavour).toBe("ARGO_CD");
    } finally {
      emu.setAuthenticationMode({ region: "us-east-1", name: "target" }, "API");
    }
  });

  it("an agent's guide is its own part of the steps, with the cluster role left to each cluster", async () => {
    const g = await getAgentGuide({ scope: project, identifier: "agent1" });
    expect(g.guide.blocks.map((b) => b.id)).toEqual([...AGENT_GUIDE_BLOCK_IDS]);
    expect(g.guide.blocks.at(-1)!.id).toBe("agentHealth");
    expect(g.issuer).toEqual({ source: "cluster", url: ISSUER });
    const inline = g.guide.blocks.find((b) => b.id === "agentInlinePolicy")!;
    expect(JSON.parse(inline.content).Statement[0].Resource).toBe(
      "arn:aws:iam::<TARGET_ACCOUNT_ID>:role/<CLUSTER_ROLE>",
    );
    expect(inline.placeholders).toEqual(["<TARGET_ACCOUNT_ID>", "<CLUSTER_ROLE>"]);
    expect(g.guide.blocks.find((b) => b.id === "agentTrustPolicy")!.placeholders).toEqual([]);
    expect(g.values).toMatchObject({ agentNamespace: "argocd", managementClusterName: "management", partition: "aws" });
    await expect(getAgentGuide({ scope: project, identifier: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the flavour migration keeps existing agents Argo CD and makes new ones Harness GitOps agents", async () => {
    const sql = readFileSync(
      path.join(process.cwd(), "prisma/migrations/20261202000000_gitops_agent_flavour/migration.sql"),
      "utf8",
    );
    // The migration on a table as it was before, in a scratch schema, rolled back afterwards.
    const flavours = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE SCHEMA flavour_check`);
        await tx.$executeRawUnsafe(`SET LOCAL search_path TO flavour_check`);
        await tx.$executeRawUnsafe(`CREATE TABLE "GitopsAgent" ("id" TEXT PRIMARY KEY)`);
        await tx.$executeRawUnsafe(`INSERT INTO "GitopsAgent" ("id") VALUES ('old')`);
        for (const statement of sql
          .replace(/--.*$/gm, "")
          .split(";")
          .map((x) => x.trim())
          .filter(Boolean))
          await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(`INSERT INTO "GitopsAgent" ("id") VALUES ('new')`);
        const rows = await tx.$queryRawUnsafe<{ id: string; flavour: string }[]>(
          `SELECT "id", "flavour" FROM "GitopsAgent" ORDER BY "id"`,
        );
        throw Object.assign(new Error("rollback"), { rows });
      })
      .catch((e: { rows?: unknown }) => e.rows);
    expect(flavours).toEqual([
      { id: "new", flavour: "HARNESS_GITOPS_AGENT" },
      { id: "old", flavour: "ARGO_CD" },
    ]);
    const row = await db.gitopsAgent.findFirstOrThrow({ where: { identifier: "agent1" } });
    expect(row.flavour).toBe("HARNESS_GITOPS_AGENT");
  });

  it("falls back to a placeholder, saying why, when the management cluster cannot be described", async () => {
    await createAgent({ scope: project, input: agentInput("agent_lost", "us-east-1/no-such-cluster"), by });
    await createCluster({ scope: project, input: clusterInput("guide2", deployer.arn, {}, "agent_lost"), by });
    const g = await getClusterGuide({ scope: project, identifier: "guide2" });
    expect(g.issuer.source).toBe("placeholder");
    expect(g.issuer.source === "placeholder" && g.issuer.reason).toMatch(/no-such-cluster/);
    expect(g.guide.blocks.find((b) => b.id === "agentTrustPolicy")!.placeholders).toEqual([
      "<MANAGEMENT_CLUSTER_OIDC_ID>",
    ]);
    // The agent can be edited to point at the right cluster; the next guide reads it.
    await updateAgent({ scope: project, identifier: "agent_lost", input: agentInput("agent_lost"), version: 1, by });
    expect((await getClusterGuide({ scope: project, identifier: "guide2" })).issuer.source).toBe("cluster");
  });
});

describe("Import from EKS", () => {
  it("describes a listed cluster through the connector: endpoint, CA, region, version", async () => {
    expect(await clusterForConnector(project, { connectorRef: "mgmt_aws", cluster: "us-east-1/target" })).toEqual({
      name: "target",
      region: "us-east-1",
      endpoint: kube.url,
      caData: kube.caData,
      version: "1.31",
      oidcIssuer: null,
    });
    expect((await clusterForConnector(project, { connectorRef: "mgmt_aws", cluster: "management" })).oidcIssuer).toBe(
      ISSUER,
    );
    await rejects(
      clusterForConnector(project, { connectorRef: "mgmt_aws", cluster: "us-east-1/missing" }),
      "NOT_FOUND",
    );
  });
});
