// Namespaces and kubeconfig over HTTP against the production build: the EKS cluster global setup
// registered in the emulator, whose API is the fake Kubernetes server (EKS token auth via STS).
import { expect, test } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";

const suffix = Date.now().toString(36);
const ACCOUNT = "131313131313";

test("namespaces of the fake EKS cluster through an access-key connector; the reason when the identity is not mapped", async ({
  request,
}) => {
  const cluster = fakeKube.cluster();
  const user = await aws.addUser({ name: `eks-ns-${suffix}`, accountId: ACCOUNT, allow: ["eks:DescribeCluster"] });
  const secretId = `eks_ns_sk_${suffix}`;
  expect(
    (
      await request.post("/api/secrets", {
        data: { identifier: secretId, name: secretId, value: user.secretAccessKey },
      })
    ).status(),
  ).toBe(201);
  const identifier = `eks_ns_${suffix}`;
  const spec = {
    credential: {
      type: "ManualConfig",
      spec: { accessKey: user.accessKeyId, secretKeyRef: secretId },
      region: cluster.region,
    },
  };
  expect((await request.post("/api/connectors", { data: { name: identifier, identifier, spec } })).status()).toBe(201);
  const query = { connectorRef: identifier, cluster: `${cluster.region}/${cluster.name}` };

  // Not mapped yet: the cluster answers 401 and the API says what to do.
  const refused = await request.get("/api/aws/eks/namespaces", { params: query });
  expect(refused.status()).toBe(502);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  const problem = await refused.json();
  expect(problem).toMatchObject({
    code: "UPSTREAM_FAILED",
    extra: { reason: "token-rejected", identityArn: user.arn },
  });
  expect(problem.detail).toContain("aws-auth");

  await fakeKube.addMapping({ arn: user.arn, username: `eks-ns-${suffix}`, groups: ["conduit:viewers"] });
  const listed = await request.get("/api/aws/eks/namespaces", { params: query });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).namespaces).toEqual(expect.arrayContaining(["default", "payments", "payments-staging"]));

  const kubeconfig = await request.get("/api/aws/eks/kubeconfig", { params: query });
  expect(kubeconfig.status()).toBe(200);
  expect(kubeconfig.headers()["content-disposition"]).toBe(`attachment; filename="${cluster.name}-kubeconfig.yaml"`);
  const yaml = await kubeconfig.text();
  expect(yaml).toContain(`server: ${cluster.endpoint}`);
  expect(yaml).toContain(`certificate-authority-data: ${cluster.caData}`);
  expect(yaml).toContain("command: aws");
  expect(yaml).not.toContain(user.secretAccessKey);
  expect(yaml).not.toContain(user.accessKeyId);

  const requests = await fakeKube.requests();
  expect(requests.some((r) => r.user === `eks-ns-${suffix}` && r.status === 200)).toBe(true);
});
