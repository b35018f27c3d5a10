// Region and cluster lookups over HTTP against the production build and the AWS emulator:
// results for a connector created through the API, problem+json for what cannot be answered.
import { expect, test, type APIResponse } from "./fixtures/test";
import { aws } from "./fixtures/aws";

const suffix = Date.now().toString(36);
const ACCOUNT = "141414141414";

async function problem(res: APIResponse, status: number, code: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const p = await res.json();
  expect(p.code).toBe(code);
  return p;
}

async function connector(request: import("@playwright/test").APIRequestContext, name: string, allow: string[]) {
  const user = await aws.addUser({ name: `${name}-${suffix}`, accountId: ACCOUNT, allow });
  const secretId = `${name}_sk_${suffix}`;
  expect(
    (
      await request.post("/api/secrets", {
        data: { identifier: secretId, name: secretId, value: user.secretAccessKey },
      })
    ).status(),
  ).toBe(201);
  const identifier = `${name}_${suffix}`;
  const spec = {
    credential: {
      type: "ManualConfig",
      spec: { accessKey: user.accessKeyId, secretKeyRef: secretId },
      region: "us-east-1",
    },
  };
  expect((await request.post("/api/connectors", { data: { name: identifier, identifier, spec } })).status()).toBe(201);
  return { identifier, user };
}

test("regions and clusters of a connector: one region, every region, and what goes wrong", async ({ request }) => {
  const { identifier, user } = await connector(request, "eks_list", ["ec2:DescribeRegions", "eks:ListClusters"]);
  await aws.addCluster({ region: "ap-south-1", name: `Cluster-test-${suffix}`, accountId: ACCOUNT });
  await aws.addCluster({ region: "us-east-1", name: `payments-${suffix}`, accountId: ACCOUNT });

  const regions = await request.get("/api/aws/regions", { params: { connectorRef: identifier } });
  expect(regions.status()).toBe(200);
  const r = await regions.json();
  expect(r.partition).toBe("aws");
  expect(r.regions).toEqual(expect.arrayContaining([{ name: "ap-south-1", label: "Asia Pacific (Mumbai)" }]));

  const one = await request.get("/api/aws/eks/clusters", {
    params: { connectorRef: identifier, region: "ap-south-1" },
  });
  expect(one.status()).toBe(200);
  expect(await one.json()).toEqual({
    clusters: [{ value: `Cluster-test-${suffix}`, name: `Cluster-test-${suffix}`, region: "ap-south-1" }],
    regionErrors: [],
    regionsSearched: 1,
  });

  const all = await request.get("/api/aws/eks/clusters", { params: { connectorRef: identifier } });
  expect(all.status()).toBe(200);
  const listing = await all.json();
  // Other specs' clusters visible to every account (global setup's) may be listed too.
  const mine = listing.clusters.filter((c: { value: string }) => c.value.endsWith(suffix));
  expect(mine).toEqual([
    { value: `ap-south-1/Cluster-test-${suffix}`, name: `Cluster-test-${suffix}`, region: "ap-south-1" },
    { value: `us-east-1/payments-${suffix}`, name: `payments-${suffix}`, region: "us-east-1" },
  ]);
  expect(listing.regionErrors).toEqual([]);
  expect(listing.regionsSearched).toBe(r.regions.length);
  expect(JSON.stringify(listing)).not.toContain(user.secretAccessKey);

  // An identity that may not list clusters anywhere: every region reports why, the listing still answers.
  const denied = await connector(request, "eks_denied", ["ec2:DescribeRegions"]);
  const none = await request.get("/api/aws/eks/clusters", { params: { connectorRef: denied.identifier } });
  expect(none.status()).toBe(200);
  const n = await none.json();
  expect(n.clusters).toEqual([]);
  expect(n.regionErrors).toHaveLength(n.regionsSearched);
  expect(n.regionErrors[0]).toMatchObject({ code: "AccessDeniedException" });

  await problem(
    await request.get("/api/aws/eks/clusters", { params: { connectorRef: `missing_${suffix}` } }),
    404,
    "NOT_FOUND",
  );
  await problem(
    await request.get("/api/aws/regions", { params: { connectorRef: `org.missing_${suffix}` } }),
    404,
    "NOT_FOUND",
  );
  const p = await problem(await request.get("/api/aws/eks/clusters"), 422, "VALIDATION_FAILED");
  expect(Object.keys(p.fieldErrors)).toContain("connectorRef");
  const gov = await problem(
    await request.get("/api/aws/eks/clusters", { params: { connectorRef: identifier, region: "us-gov-west-1" } }),
    422,
    "VALIDATION_FAILED",
  );
  expect(gov.fieldErrors.region[0]).toContain("partition");
});
