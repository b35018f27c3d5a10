// Integration: DescribeCluster against the AWS emulator, an EKS token, and the namespaces of a
// fake Kubernetes API that authenticates the token with the emulator's STS. Sessions here are
// built directly from credentials; connector-based sessions are covered in lookups.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import { generateTestCa, startFakeKubernetes, type FakeKubernetes } from "@/e2e/fixtures/fake-kubernetes";
import type { AwsCredentialIdentity } from "@smithy/types";
import { AppError } from "@/lib/http/errors";
import type { EksSession } from "./access";
import { listClusterNamespaces } from "./namespaces";

const ACCOUNT = "111122223333";
const EKS_READ = ["eks:DescribeCluster", "eks:ListClusters"];
let emu: AwsEmulator;
let kube: FakeKubernetes;
let user: UserInfo;

const session = (credentials: AwsCredentialIdentity, extra: Partial<EksSession> = {}): EksSession => ({
  partition: "aws",
  defaultRegion: "us-east-1",
  callOptions: (region, o) => ({ region, credentials, callTimeoutMs: o?.callTimeoutMs ?? 5_000, signal: o?.signal }),
  ...extra,
});

async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => expect.fail("expected an AppError"),
    (err: unknown) => err,
  );
  expect(e, String(e)).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  kube = await startFakeKubernetes({
    stsEndpoint: emu.url,
    clusterName: "payments",
    namespaces: ["kube-system", "default", "payments"],
  });
  emu.addCluster({ region: "us-east-1", name: "payments", endpoint: kube.url, caData: kube.caData });
  emu.addCluster({ region: "eu-west-1", name: "payments", endpoint: kube.url, caData: kube.caData });
  user = emu.addUser({ name: "platform", accountId: ACCOUNT, allow: EKS_READ });
});
afterAll(async () => {
  await kube.close();
  await emu.close();
});
beforeEach(() => kube.setMappings([{ arn: user.arn, username: "platform", groups: ["system:masters"] }]));

describe("listClusterNamespaces", () => {
  it("lists the namespaces of a bare cluster name in the session's default region, sorted", async () => {
    expect(await listClusterNamespaces(session(user), "payments")).toEqual({
      namespaces: ["default", "kube-system", "payments"],
    });
    const describe = emu.calls.filter((c) => c.action === "DescribeCluster").at(-1);
    expect(describe).toMatchObject({ region: "us-east-1", principal: user.arn, status: 200 });
  });

  it("uses the region of a region/cluster value, else the definition's region", async () => {
    await listClusterNamespaces(session(user), "eu-west-1/payments");
    expect(emu.calls.filter((c) => c.action === "DescribeCluster").at(-1)?.region).toBe("eu-west-1");
    await listClusterNamespaces(session(user), "payments", { region: "eu-west-1" });
    expect(emu.calls.filter((c) => c.action === "DescribeCluster").at(-1)?.region).toBe("eu-west-1");
  });

  it("a token the cluster does not map: 502 naming the identity to map in aws-auth or an access entry", async () => {
    const stranger = emu.addUser({ name: "stranger", accountId: ACCOUNT, allow: EKS_READ });
    const e = await appError(listClusterNamespaces(session(stranger), "payments"));
    expect(e).toMatchObject({ code: "UPSTREAM_FAILED", status: 502 });
    expect(e.options.extra).toMatchObject({ reason: "token-rejected", identityArn: stranger.arn });
    expect(e.detail).toContain(
      `The cluster payments (us-east-1) rejected Conduit's token: ${stranger.arn} is not mapped`,
    );
    expect(e.detail).toContain("aws-auth");
    expect(e.detail).toContain(`--principal-arn ${stranger.arn}`);
  });

  it("an assumed role is named by its role ARN, and works once that is mapped", async () => {
    const role = emu.addRole({
      name: "eks-reader",
      accountId: ACCOUNT,
      trust: { principals: [user.arn] },
      allow: EKS_READ,
    });
    const { assumeRole } = await import("@/lib/aws/sts");
    const t = await assumeRole(
      { region: "us-east-1", credentials: user, callTimeoutMs: 5_000 },
      { roleArn: role.arn, sessionName: "conduit-x" },
    );
    // Without the session knowing the role (temporary keys stored in a connector), the caller identity is asked.
    const e = await appError(listClusterNamespaces(session(t.credentials), "payments"));
    expect(e.options.extra?.identityArn).toBe(role.arn);
    kube.addMapping({ arn: role.arn, username: "reader", groups: ["conduit:viewers"] });
    expect((await listClusterNamespaces(session(t.credentials), "payments")).namespaces).toContain("payments");
  });

  it("RBAC that does not allow listing namespaces is reported as such", async () => {
    kube.setMappings([{ arn: user.arn, username: "platform", groups: ["nobody"] }]);
    const e = await appError(listClusterNamespaces(session(user), "payments"));
    expect(e.options.extra?.reason).toBe("forbidden");
    expect(e.detail).toContain('User "platform" cannot list resource "namespaces"');
  });

  it("a CA that does not match the endpoint's certificate reads like any unreachable endpoint", async () => {
    const other = await generateTestCa("someone-else");
    emu.addCluster({ region: "us-east-1", name: "wrong-ca", endpoint: kube.url, caData: other.caData });
    const e = await appError(listClusterNamespaces(session(user), "wrong-ca"));
    expect(e.options.extra?.reason).toBe("unreachable");
    expect(e.detail).toContain("no TLS connection verified by the cluster's certificate authority");
  });

  it("an endpoint nobody listens on is unreachable, with what to check", async () => {
    emu.addCluster({ region: "us-east-1", name: "private", endpoint: "https://127.0.0.1:1", caData: kube.caData });
    const e = await appError(listClusterNamespaces(session(user), "private"));
    expect(e.options.extra).toMatchObject({ reason: "unreachable" });
    expect(e.options.extra).not.toHaveProperty("networkCode");
    expect(e.detail).toContain("could not reach the API endpoint");
  });

  it("no such cluster is a 404; DescribeCluster denied names the permission", async () => {
    expect(await appError(listClusterNamespaces(session(user), "nope"))).toMatchObject({ code: "NOT_FOUND" });
    const blind = emu.addUser({ name: "blind", accountId: ACCOUNT, allow: [] });
    const e = await appError(listClusterNamespaces(session(blind), "payments"));
    expect(e.options.extra?.reason).toBe("describe-denied");
    expect(e.detail).toContain("eks:DescribeCluster");
  });

  it("rejects a cluster value outside the connector's partition or malformed, before any call", async () => {
    const before = emu.calls.length;
    expect(await appError(listClusterNamespaces(session(user), "us-gov-west-1/payments"))).toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await appError(listClusterNamespaces(session(user), "us-east-1/bad name"))).toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(emu.calls.length).toBe(before);
  });
});
