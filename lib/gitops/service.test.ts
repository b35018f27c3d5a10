// GitOps agents and clusters against PostgreSQL, the AWS emulator and the fake Kubernetes API:
// CRUD with versions, audit and delete guards; "Test connection" through the real SDK (assume
// role → EKS token → /version with the cluster CA); the guide's issuer from DescribeCluster.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator, type RoleInfo, type UserInfo } from "@/e2e/fixtures/aws-emulator";
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
import { adminActor } from "@/scripts/lib/test-principals";
import { testCluster as startTest } from "./connection-test";
import type { ClusterTestEvent, ClusterTestResult } from "./dto";
import { describeForImport } from "./eks-import";
import { getClusterGuide } from "./guide-service";
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
  user = emu.addUser({ name: "gitops-mgmt", accountId: ACCOUNT, allow: ["eks:*"] });
  deployer = emu.addRole({ name: "Deployer", accountId: ACCOUNT, trust: { principals: [user.arn] } });
  stranger = emu.addRole({
    name: "NotTrusting",
    accountId: ACCOUNT,
    trust: { principals: [`arn:aws:iam::${ACCOUNT}:role/ArgoCD`] },
  });
  emu.addCluster({ region: "us-east-1", name: "management", oidcIssuer: ISSUER });
  emu.addCluster({ region: "us-east-1", name: "target", endpoint: kube.url, caData: kube.caData });

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
    expect(r.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed", "passed"]);
    // Streamed as it runs: each step says it is running before its outcome, the result comes last.
    const seen = r.events.map((e) => (e.type === "step" ? `${e.step}:${e.status}` : "result"));
    expect(seen).toEqual([
      "credentials:running",
      "credentials:passed",
      "assumeRole:running",
      "assumeRole:passed",
      "token:running",
      "token:passed",
      "connect:running",
      "connect:passed",
      "result",
    ]);
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

  it("a deployer role the cluster does not map fails at the call with the eksctl mapping command", async () => {
    kube.setMappings([]);
    await createCluster({ scope: project, input: clusterInput("unmapped1", deployer.arn), by });
    const r = await testCluster({ scope: project, identifier: "unmapped1", by });
    expect(r).toMatchObject({ status: "Failed", failedStep: "connect", serverVersion: null });
    expect(r.steps.map((s) => s.status)).toEqual(["passed", "passed", "passed", "failed"]);
    expect(r.message).toMatch(/not mapped/);
    expect(r.command).toBe(
      `eksctl create iamidentitymapping --cluster target --region us-east-1 --arn ${deployer.arn} --group system:masters --username deployer`,
    );
    expect((await getCluster(project, "unmapped1")).status).toMatchObject({
      connectionStatus: "Failed",
      statusReason: r.message,
    });
  });

  it("a role that does not trust the connector's identity fails at the assume step, before any token", async () => {
    await createCluster({ scope: project, input: clusterInput("stranger1", stranger.arn), by });
    const before = kube.requests.length;
    const r = await testCluster({ scope: project, identifier: "stranger1", by });
    expect(r).toMatchObject({ status: "Failed", failedStep: "assumeRole", command: null });
    expect(r.steps.map((s) => s.status)).toEqual(["passed", "failed", "skipped", "skipped"]);
    expect(r.message).toContain(stranger.arn);
    expect(r.hint).toMatch(/trust policy/);
    expect(kube.requests.length).toBe(before);
  });

  it("a CA that is not the one EKS reports fails before any token is made", async () => {
    const other = await startFakeKubernetes({ stsEndpoint: emu.url, clusterName: "target" });
    try {
      await createCluster({ scope: project, input: clusterInput("tls1", deployer.arn, { caData: other.caData }), by });
      const before = kube.requests.length;
      const r = await testCluster({ scope: project, identifier: "tls1", by });
      expect(r).toMatchObject({ status: "Failed", failedStep: "token" });
      expect(r.message).toContain("not the one EKS reports");
      expect(r.hint).toMatch(/certificate authority/);
      expect(kube.requests.length).toBe(before);
    } finally {
      await other.close();
    }
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
      expect(r).toMatchObject({ status: "Failed", failedStep: "token" });
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
      clusterName: "target",
    });
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
    expect(await describeForImport(project, { connectorRef: "mgmt_aws", cluster: "us-east-1/target" })).toEqual({
      name: "target",
      region: "us-east-1",
      endpoint: kube.url,
      caData: kube.caData,
      version: "1.31",
      oidcIssuer: null,
    });
    expect((await describeForImport(project, { connectorRef: "mgmt_aws", cluster: "management" })).oidcIssuer).toBe(
      ISSUER,
    );
    await rejects(describeForImport(project, { connectorRef: "mgmt_aws", cluster: "us-east-1/missing" }), "NOT_FOUND");
  });
});
