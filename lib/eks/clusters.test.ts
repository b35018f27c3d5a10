// Integration: cluster and region lookups through stored connectors (PostgreSQL) against the
// AWS emulator, also through the route handlers. Faults make one region deny and one hang past
// its time limit; neither fails the listing.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { GET as getClusters } from "@/app/api/aws/eks/clusters/route";
import { GET as getRegions } from "@/app/api/aws/regions/route";
import { startAwsEmulator, type AwsEmulator, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import { clearSessionCache, openConnectorSession } from "@/lib/connectors/session";
import { createConnector } from "@/lib/connectors/service";
import { resetEnvCache } from "@/lib/env";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { createSecret } from "@/lib/secrets/service";
import { principal } from "@/scripts/lib/test-principals";
import { clearLookupCache, limiter, listConnectorClusters, listConnectorRegions } from "./clusters";
import type { ClusterListing, RegionListing } from "./schemas";

const ACCOUNT = "210987654321";
const GOV_ACCOUNT = "310987654321";
const suffix = Date.now().toString(36);
const ORG = `eks_${suffix}`;
const by = { id: "test", name: "Test", kind: "system" } as const;
let emu: AwsEmulator;
let user: UserInfo;
let govUser: UserInfo;
let project: Scope;
let commercial: string;
let gov: string;

async function connector(identifier: string, u: UserInfo, region: string) {
  const secret = `sk_${identifier}`;
  await createSecret({
    scope: project,
    input: { identifier: secret, name: secret, description: "", tags: {}, value: u.secretAccessKey },
    by,
  });
  await createConnector({
    scope: project,
    input: accessKeyConnector(identifier, { accessKey: u.accessKeyId, secretKeyRef: secret, region }),
    by,
  });
  return identifier;
}

/** An Editor of the project: the lookups need `connector:test` there. */
let editor: { authorization: string };
const request = (handler: typeof getClusters, path: string, query: Record<string, string>) =>
  handler(
    new NextRequest(`http://localhost${path}?${new URLSearchParams({ org: ORG, project: "web", ...query })}`, {
      headers: editor,
    }),
    { params: Promise.resolve({}) },
  );
const listCalls = () => emu.calls.filter((c) => c.action === "ListClusters");

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  resetEnvCache();
  const allow = ["ec2:DescribeRegions", "eks:ListClusters"];
  user = emu.addUser({ name: `eks-${suffix}`, accountId: ACCOUNT, allow });
  govUser = emu.addUser({ name: `gov-${suffix}`, accountId: GOV_ACCOUNT, partition: "aws-us-gov", allow });
  for (let i = 0; i < 250; i++)
    emu.addCluster({ region: "us-west-2", name: `web-${String(i).padStart(3, "0")}`, accountId: ACCOUNT });
  emu.addCluster({ region: "us-east-1", name: "payments", accountId: ACCOUNT });
  emu.addCluster({ region: "ap-south-1", name: "Cluster-test", accountId: ACCOUNT });
  emu.addCluster({ region: "eu-west-1", name: "hidden-by-denial", accountId: ACCOUNT });
  emu.addCluster({ region: "sa-east-1", name: "slow", accountId: ACCOUNT });
  emu.addCluster({ region: "us-east-1", name: "other-account", accountId: "999999999999" });
  emu.addCluster({ region: "us-gov-west-1", name: "fedramp", accountId: GOV_ACCOUNT });
  emu.addCluster({ region: "us-gov-east-1", name: "fedramp-east", accountId: GOV_ACCOUNT });
  await createOrganization({ input: { identifier: ORG, name: "EKS", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "web", name: "Web", description: "" }, by });
  project = await resolveScope({ org: ORG, project: "web" });
  editor = (await principal({ grants: [{ role: "editor", org: ORG, project: "web" }] })).headers;
  commercial = await connector(`aws_${suffix}`, user, "us-east-1");
  gov = await connector(`gov_${suffix}`, govUser, "us-gov-west-1");
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.faults.clear();
  clearLookupCache();
  clearSessionCache();
});

describe("one region", () => {
  it("lists every cluster across pages (250 clusters, 100 per page) as bare names", async () => {
    const before = listCalls().length;
    const r = await listConnectorClusters(await openConnectorSession(project, commercial), { region: "us-west-2" });
    expect(r.clusters).toHaveLength(250);
    expect(r.clusters[0]).toEqual({ value: "web-000", name: "web-000", region: "us-west-2" });
    expect(r.clusters.at(-1)?.value).toBe("web-249");
    expect(new Set(r.clusters.map((c) => c.name)).size).toBe(250);
    expect(r).toMatchObject({ regionErrors: [], regionsSearched: 1 });
    const pages = listCalls().slice(before);
    expect(pages.map((c) => [c.region, c.status])).toEqual([
      ["us-west-2", 200],
      ["us-west-2", 200],
      ["us-west-2", 200],
    ]);
  });

  it("a denied region fails the single-region lookup with the reason (502)", async () => {
    emu.faults.fail(5, {
      action: "ListClusters",
      region: "eu-west-1",
      code: "AccessDeniedException",
      status: 403,
      message: "not authorized to perform: eks:ListClusters",
    });
    const res = await request(getClusters, "/api/aws/eks/clusters", { connectorRef: commercial, region: "eu-west-1" });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe("UPSTREAM_FAILED");
    expect(body.detail).toContain("AccessDeniedException");
  });
});

describe("across regions", () => {
  it("searches every enabled region in parallel; a denied region and one slow past its limit are reported beside the results", async () => {
    emu.faults.fail(100, {
      action: "ListClusters",
      region: "eu-west-1",
      code: "AccessDeniedException",
      status: 403,
      message: "User is not authorized to perform: eks:ListClusters",
    });
    emu.faults.latency(3_000, { action: "ListClusters", region: "sa-east-1" });
    const session = await openConnectorSession(project, commercial);
    const r = await listConnectorClusters(session, { regionTimeoutMs: 400 });
    // 17 regions are enabled by default; the 4 opt-in regions the account has not enabled are not searched.
    expect(r.regionsSearched).toBe(17);
    expect(r.regionErrors.map((e) => [e.region, e.code])).toEqual([
      ["eu-west-1", "AccessDeniedException"],
      ["sa-east-1", "Timeout"],
    ]);
    expect(r.regionErrors[0]!.message).toContain("eks:ListClusters");
    expect(r.regionErrors[1]!.message).toBe("No answer within 0.4 s");
    const values = r.clusters.map((c) => c.value);
    expect(values).toContain("ap-south-1/Cluster-test");
    expect(values).toContain("us-east-1/payments");
    expect(values.filter((v) => v.startsWith("us-west-2/"))).toHaveLength(250);
    expect(values).not.toContain("eu-west-1/hidden-by-denial");
    expect(values).not.toContain("sa-east-1/slow");
    expect(values).not.toContain("us-east-1/other-account");
    expect(r.clusters.find((c) => c.value === "ap-south-1/Cluster-test")).toEqual({
      value: "ap-south-1/Cluster-test",
      name: "Cluster-test",
      region: "ap-south-1",
    });
    const regions = new Set(listCalls().map((c) => c.region));
    expect(regions.has("af-south-1")).toBe(false);
  });

  it("without ec2:DescribeRegions it searches the partition's known regions; opt-in regions not enabled say so", async () => {
    const narrow = emu.addUser({ name: `narrow-${suffix}`, accountId: ACCOUNT, allow: ["eks:ListClusters"] });
    const id = await connector(`narrow_${suffix}`, narrow, "us-east-1");
    const r = await listConnectorClusters(await openConnectorSession(project, id), { regionTimeoutMs: 2_000 });
    expect(r.regionsSearched).toBeGreaterThan(30);
    expect(r.clusters.map((c) => c.value)).toContain("ap-south-1/Cluster-test");
    const optIn = r.regionErrors.find((e) => e.region === "af-south-1");
    expect(optIn?.code).toBe("UnrecognizedClientException");
    expect(optIn?.message).toContain("is the region enabled for this account?");
  });

  it("credentials AWS rejects are one clear error, not one per region", async () => {
    const stale = emu.addUser({
      name: `stale-${suffix}`,
      accountId: ACCOUNT,
      allow: ["ec2:DescribeRegions", "eks:ListClusters"],
    });
    const id = `stale_${suffix}`;
    const secret = `sk_${id}`;
    await createSecret({
      scope: project,
      input: { identifier: secret, name: secret, description: "", tags: {}, value: "wrong-secret-key" },
      by,
    });
    await createConnector({
      scope: project,
      input: accessKeyConnector(id, { accessKey: stale.accessKeyId, secretKeyRef: secret }),
      by,
    });
    const res = await request(getClusters, "/api/aws/eks/clusters", { connectorRef: id });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { detail: string; extra: { reason: string } };
    expect(body.extra.reason).toBe("credentials-rejected");
    expect(body.detail).toContain("connection test");
    expect(JSON.stringify(body)).not.toContain("wrong-secret-key");
  });

  it("keeps a listing for a short while: a second lookup makes no AWS calls", async () => {
    const session = await openConnectorSession(project, commercial);
    const first = await listConnectorClusters(session, { region: "us-east-1" });
    const before = emu.calls.length;
    const second = await listConnectorClusters(await openConnectorSession(project, commercial), {
      region: "us-east-1",
    });
    expect(second).toEqual(first);
    expect(emu.calls.length).toBe(before);
    await listConnectorClusters(session, { region: "us-east-1", cache: false });
    expect(emu.calls.length).toBe(before + 1);
  });
});

describe("GovCloud", () => {
  it("regions come from DescribeRegions in the GovCloud partition; clusters are searched there only", async () => {
    const session = await openConnectorSession(project, gov);
    const regions = await listConnectorRegions(session);
    expect(regions).toEqual({
      partition: "aws-us-gov",
      regions: [
        { name: "us-gov-east-1", label: "AWS GovCloud (US-East)" },
        { name: "us-gov-west-1", label: "AWS GovCloud (US-West)" },
      ],
    });
    expect(emu.calls.filter((c) => c.action === "DescribeRegions").at(-1)).toMatchObject({
      region: "us-gov-west-1",
      principal: govUser.arn,
    });
    const r = await listConnectorClusters(session);
    expect(r).toEqual({
      clusters: [
        { value: "us-gov-east-1/fedramp-east", name: "fedramp-east", region: "us-gov-east-1" },
        { value: "us-gov-west-1/fedramp", name: "fedramp", region: "us-gov-west-1" },
      ],
      regionErrors: [],
      regionsSearched: 2,
    });
  });
});

describe("routes", () => {
  it("GET /api/aws/regions and /api/aws/eks/clusters answer for a connector visible from the scope", async () => {
    const regions = await request(getRegions, "/api/aws/regions", { connectorRef: gov });
    expect(regions.status).toBe(200);
    expect(((await regions.json()) as RegionListing).regions.map((r) => r.name)).toEqual([
      "us-gov-east-1",
      "us-gov-west-1",
    ]);
    const clusters = await request(getClusters, "/api/aws/eks/clusters", {
      connectorRef: commercial,
      region: "ap-south-1",
    });
    expect(clusters.status).toBe(200);
    expect((await clusters.json()) as ClusterListing).toEqual({
      clusters: [{ value: "Cluster-test", name: "Cluster-test", region: "ap-south-1" }],
      regionErrors: [],
      regionsSearched: 1,
    });
  });

  it("refresh=1 (the form's Refresh button) asks AWS again; without it the server's copy answers", async () => {
    const ask = (extra: Record<string, string> = {}) =>
      request(getClusters, "/api/aws/eks/clusters", { connectorRef: commercial, region: "ap-south-1", ...extra });
    expect((await ask()).status).toBe(200);
    emu.addCluster({ region: "ap-south-1", name: "Cluster-new", accountId: ACCOUNT });
    const cached = (await (await ask()).json()) as ClusterListing;
    expect(cached.clusters.map((c) => c.name)).toEqual(["Cluster-test"]);
    const fresh = (await (await ask({ refresh: "1" })).json()) as ClusterListing;
    expect(fresh.clusters.map((c) => c.name)).toEqual(["Cluster-new", "Cluster-test"].sort());
    expect((await ask({ refresh: "yes" })).status).toBe(422);
  });

  it("problem+json: unknown connector 404, missing connectorRef 422, unknown region 422, region outside the partition 422", async () => {
    const unknown = await request(getClusters, "/api/aws/eks/clusters", { connectorRef: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    const missing = await request(getClusters, "/api/aws/eks/clusters", {});
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty(
      "connectorRef",
    );
    const bad = await request(getClusters, "/api/aws/eks/clusters", {
      connectorRef: commercial,
      region: "mars-north-1",
    });
    expect(bad.status).toBe(422);
    const before = emu.calls.length;
    const outside = await request(getClusters, "/api/aws/eks/clusters", { connectorRef: gov, region: "us-east-1" });
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.region?.[0]).toContain(
      "GovCloud",
    );
    expect(emu.calls.length).toBe(before);
  });
});

describe("limiter", () => {
  it("runs at most `limit` tasks at once, in queue order, also when queued in the same tick", async () => {
    const limit = limiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limit(async () => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running -= 1;
        if (i === 4) throw new Error("four");
        return i;
      }),
    );
    const settled = Promise.allSettled(tasks);
    while (order.length < 10 || gates.length) {
      await new Promise((r) => setImmediate(r));
      expect(running).toBeLessThanOrEqual(3);
      gates.shift()?.();
    }
    const results = await settled;
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results[4]).toMatchObject({ status: "rejected" });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(9);
  });
});
