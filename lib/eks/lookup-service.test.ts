// Integration through stored connectors and the route handlers: PostgreSQL, secrets, the AWS
// emulator (via AWS_ENDPOINT_URL_*), and a fake Kubernetes API authenticating EKS tokens.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { parse } from "yaml";
import { GET as getKubeconfig } from "@/app/api/aws/eks/kubeconfig/route";
import { GET as getNamespaces } from "@/app/api/aws/eks/namespaces/route";
import { startAwsEmulator, type AwsEmulator, type RoleInfo, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import { startFakeKubernetes, type FakeKubernetes } from "@/e2e/fixtures/fake-kubernetes";
import { createConnector } from "@/lib/connectors/service";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { resetEnvCache } from "@/lib/env";
import { resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { createSecret } from "@/lib/secrets/service";
import { principal } from "@/scripts/lib/test-principals";

const ACCOUNT = "111122223333";
const TARGET = "444455556666";
const EKS_READ = ["eks:DescribeCluster", "eks:ListClusters"];
const suffix = Date.now().toString(36);
const by = { id: "test", name: "Test", kind: "system" } as const;
let emu: AwsEmulator;
let kube: FakeKubernetes;
let scope: Scope;
let user: UserInfo;
let role: RoleInfo;
let roleWithExternalId: RoleInfo;

async function connector(identifier: string, credential: Partial<ConnectorInput["spec"]["credential"]> = {}) {
  const secretId = `sk_${identifier}`;
  await createSecret({
    scope,
    input: { identifier: secretId, name: secretId, description: "", tags: {}, value: user.secretAccessKey },
    by,
  });
  await createConnector({
    scope,
    input: accessKeyConnector(identifier, { accessKey: user.accessKeyId, secretKeyRef: secretId, credential }),
    by,
  });
  return identifier;
}

/** An Editor at account scope (where the connectors live): the lookups need `connector:test`. */
let editor: { authorization: string };
const call = (handler: typeof getNamespaces, path: string, query: Record<string, string>) =>
  handler(new NextRequest(`http://localhost${path}?${new URLSearchParams(query)}`, { headers: editor }), {
    params: Promise.resolve({}),
  });

let plain: string;
let crossAccount: string;
let withExternalId: string;

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  resetEnvCache();
  scope = await resolveScope({});
  editor = (await principal({ grants: [{ role: "editor" }] })).headers;
  kube = await startFakeKubernetes({
    stsEndpoint: emu.url,
    clusterName: `shop-${suffix}`,
    namespaces: ["default", "kube-system", "shop"],
  });
  emu.addCluster({
    region: "us-east-1",
    name: kube.clusterName,
    endpoint: kube.url,
    caData: kube.caData,
    accountId: ACCOUNT,
  });
  emu.addCluster({
    region: "us-east-1",
    name: kube.clusterName,
    endpoint: kube.url,
    caData: kube.caData,
    accountId: TARGET,
  });
  emu.addCluster({
    region: "us-east-1",
    name: `dead-${suffix}`,
    endpoint: "https://127.0.0.1:1",
    caData: kube.caData,
    accountId: ACCOUNT,
  });
  user = emu.addUser({ name: `ci-${suffix}`, accountId: ACCOUNT, allow: EKS_READ });
  role = emu.addRole({
    name: `deployer-${suffix}`,
    accountId: TARGET,
    trust: { principals: [user.arn] },
    allow: EKS_READ,
  });
  roleWithExternalId = emu.addRole({
    name: `ext-${suffix}`,
    accountId: TARGET,
    trust: { principals: [user.arn], externalId: "conduit-42" },
    allow: EKS_READ,
  });
  plain = await connector(`eks_plain_${suffix}`);
  crossAccount = await connector(`eks_xacct_${suffix}`, { crossAccountAccess: { crossAccountRoleArn: role.arn } });
  withExternalId = await connector(`eks_ext_${suffix}`, {
    crossAccountAccess: { crossAccountRoleArn: roleWithExternalId.arn, externalId: "conduit-42" },
  });
});
afterAll(async () => {
  await kube.close();
  await emu.close();
});
beforeEach(() => kube.setMappings([{ arn: user.arn, username: "ci", groups: ["system:masters"] }]));

describe("GET /api/aws/eks/namespaces", () => {
  it("lists namespaces with an access-key connector", async () => {
    const res = await call(getNamespaces, "/api/aws/eks/namespaces", {
      connectorRef: plain,
      cluster: kube.clusterName,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ namespaces: ["default", "kube-system", "shop"] });
    expect(kube.requests.at(-1)).toMatchObject({ user: "ci", status: 200 });
  });

  it("with a cross-account role: the cluster sees the role, in the target account", async () => {
    kube.setMappings([{ arn: role.arn, username: "deployer", groups: ["system:masters"] }]);
    const res = await call(getNamespaces, "/api/aws/eks/namespaces", {
      connectorRef: crossAccount,
      cluster: `us-east-1/${kube.clusterName}`,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(kube.requests.at(-1)?.user).toBe("deployer");
    const describe = emu.calls.filter((c) => c.action === "DescribeCluster").at(-1);
    expect(describe?.principal).toContain(`assumed-role/deployer-${suffix}/`);
  });

  it("says why listing failed: the role is not mapped", async () => {
    const res = await call(getNamespaces, "/api/aws/eks/namespaces", {
      connectorRef: crossAccount,
      cluster: kube.clusterName,
    });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = (await res.json()) as { code: string; detail: string; extra: { reason: string } };
    expect(p.code).toBe("UPSTREAM_FAILED");
    expect(p.extra.reason).toBe("token-rejected");
    expect(p.detail).toContain(`${role.arn} is not mapped`);
    expect(JSON.stringify(p)).not.toContain(user.secretAccessKey);
  });

  it("says why listing failed: the endpoint cannot be reached", async () => {
    const res = await call(getNamespaces, "/api/aws/eks/namespaces", {
      connectorRef: plain,
      cluster: `dead-${suffix}`,
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { extra: { reason: string } }).extra.reason).toBe("unreachable");
  });

  it("validates the query and the connector reference", async () => {
    expect((await call(getNamespaces, "/api/aws/eks/namespaces", { connectorRef: plain })).status).toBe(422);
    expect(
      (await call(getNamespaces, "/api/aws/eks/namespaces", { connectorRef: plain, cluster: "us-gov-west-1/x" }))
        .status,
    ).toBe(422);
    expect(
      (await call(getNamespaces, "/api/aws/eks/namespaces", { connectorRef: "nope_nope", cluster: "x" })).status,
    ).toBe(404);
  });
});

describe("GET /api/aws/eks/kubeconfig", () => {
  it("downloads a kubeconfig for the cluster with the endpoint and CA from DescribeCluster", async () => {
    const res = await call(getKubeconfig, "/api/aws/eks/kubeconfig", {
      connectorRef: plain,
      cluster: kube.clusterName,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${kube.clusterName}-kubeconfig.yaml"`);
    const k = parse(await res.text()) as {
      clusters: Array<{ cluster: { server: string; "certificate-authority-data": string } }>;
      users: Array<{ user: { exec: { command: string; args: string[] } } }>;
    };
    expect(k.clusters[0]!.cluster).toEqual({ server: kube.url, "certificate-authority-data": kube.caData });
    expect(k.users[0]!.user.exec.command).toBe("aws");
    expect(k.users[0]!.user.exec.args).toEqual([
      "--region",
      "us-east-1",
      "eks",
      "get-token",
      "--cluster-name",
      kube.clusterName,
      "--output",
      "json",
    ]);
  });

  it("adds --role-arn for a cross-account connector, and uses aws-iam-authenticator when an external ID is needed", async () => {
    const a = parse(
      await (
        await call(getKubeconfig, "/api/aws/eks/kubeconfig", { connectorRef: crossAccount, cluster: kube.clusterName })
      ).text(),
    ) as { users: Array<{ user: { exec: { args: string[] } } }> };
    expect(a.users[0]!.user.exec.args.slice(-2)).toEqual(["--role-arn", role.arn]);
    const res = await call(getKubeconfig, "/api/aws/eks/kubeconfig", {
      connectorRef: withExternalId,
      cluster: kube.clusterName,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const b = parse(await res.text()) as { users: Array<{ user: { exec: { command: string; args: string[] } } }> };
    expect(b.users[0]!.user.exec).toMatchObject({
      command: "aws-iam-authenticator",
      args: ["token", "-i", kube.clusterName, "-r", roleWithExternalId.arn, "--external-id", "conduit-42"],
    });
  });
});
