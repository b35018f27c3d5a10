// The GitOps API over HTTP against the production build: JSON and YAML bodies, versions with
// If-Match, problem+json for what is refused, and Test connection's JSON answer.
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { setUpGitopsChain } from "./fixtures/gitops-chain";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, test, type APIResponse } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `gitops_api_${suffix}`;
const qs = `org=default&project=${PROJECT}`;

/** Test connection streams NDJSON step events; the last line is the result. */
async function runTest(res: APIResponse) {
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  const events = (await res.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; step?: string; status?: string; result?: unknown });
  const last = events.at(-1)!;
  expect(last.type).toBe("result");
  // Every step said it was running before its outcome arrived.
  for (const ran of events.filter((e) => e.type === "step" && e.status !== "running" && e.status !== "skipped")) {
    expect(events.findIndex((e) => e.step === ran.step && e.status === "running")).toBeLessThan(events.indexOf(ran));
  }
  return last.result as Record<string, unknown> & { steps: TestStep[] };
}

interface TestStep {
  step: string;
  status: string;
  detail?: string;
  hint?: { text: string; policy?: Record<string, unknown>; commands?: string[] };
}
const statuses = (result: { steps: TestStep[] }) => Object.fromEntries(result.steps.map((s) => [s.step, s.status]));
const stepOf = (result: { steps: TestStep[] }, id: string) => result.steps.find((s) => s.step === id);

async function problem(res: APIResponse, status: number, code: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = await res.json();
  expect(body.code).toBe(code);
  return body as { detail?: string; fieldErrors?: Record<string, string[]>; extra?: Record<string, unknown> };
}

test("agents and clusters: YAML, If-Match versions, guards and Test connection over HTTP", async ({ request }) => {
  const target = fakeKube.cluster();
  // The agent's side of the chain: a management cluster with an OIDC issuer and its IAM OIDC
  // provider, the agent role trusting namespace argocd through it and allowed to assume roles.
  const chain = await setUpGitopsChain({
    suffix: `api${suffix}`,
    accountId: SERVER_ACCOUNT,
    kube: target,
    namespace: "argocd",
  });
  // The deployer role of the shared conduit-e2e cluster: it trusts the agent role (the chain) and
  // the connector's identity too, so Test connection signs in with an EKS token for it.
  const deployer = `arn:aws:iam::${SERVER_ACCOUNT}:role/ApiDeployer-${suffix}`;
  await aws.addRole({
    name: `ApiDeployer-${suffix}`,
    accountId: SERVER_ACCOUNT,
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: [chain.agentRoleArn, `arn:aws:iam::${SERVER_ACCOUNT}:user/conduit-server`] },
          Action: "sts:AssumeRole",
        },
      ],
    },
  });
  expect(
    (await request.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: PROJECT } })).status(),
  ).toBe(201);
  expect(
    (
      await request.post(`/api/connectors?${qs}`, {
        data: {
          name: "Mgmt",
          identifier: "mgmt",
          spec: {
            credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
            delegateSelectors: [],
            executeOnDelegate: true,
          },
        },
      })
    ).status(),
  ).toBe(201);

  // GitOps resources live in a project.
  await problem(await request.get("/api/gitops/agents"), 400, "BAD_REQUEST");

  const agent = await request.post(`/api/gitops/agents?${qs}`, {
    headers: { "content-type": "application/yaml" },
    data: `gitopsAgent:\n  name: Agent\n  identifier: agent\n  namespace: argocd\n  spec:\n    connectorRef: mgmt\n    managementCluster: us-east-1/${target.name}\n    agentRoleArn: ${chain.agentRoleArn}\n`,
  });
  expect(agent.status(), await agent.text()).toBe(201);

  const bad = await problem(
    await request.post(`/api/gitops/clusters?${qs}`, {
      headers: { "content-type": "application/yaml" },
      data: `gitopsCluster:\n  name: Bad\n  identifier: bad\n  agentIdentifier: agent\n  spec:\n    masterUrl: http://plain.example.com\n    authentication:\n      type: IRSA\n      spec:\n        roleArn: ${deployer}\n        clusterName: x\n        region: us-east-1\n    caData: ${target.caData}\n`,
    }),
    422,
    "VALIDATION_FAILED",
  );
  expect(bad.detail).toMatch(/^Line 6:/);

  const cluster = {
    name: "Target",
    identifier: "target",
    agentIdentifier: "agent",
    spec: {
      masterUrl: target.endpoint,
      authentication: { type: "IRSA", spec: { roleArn: deployer, clusterName: target.name, region: "us-east-1" } },
      caData: target.caData,
    },
  };
  const created = await request.post(`/api/gitops/clusters?${qs}`, { data: cluster });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({
    version: 1,
    status: { connectionStatus: "Unknown" },
    agent: { identifier: "agent" },
  });

  const yaml = await request.get(`/api/gitops/clusters/target?${qs}&format=yaml`);
  expect(yaml.headers()["content-type"]).toContain("application/yaml");
  expect(yaml.headers().etag).toBe('"1"');
  const text = await yaml.text();
  expect(text).toContain("gitopsCluster:\n  name: Target\n");

  await problem(
    await request.put(`/api/gitops/clusters/target?${qs}`, { data: cluster }),
    428,
    "PRECONDITION_REQUIRED",
  );
  const renamed = await request.put(`/api/gitops/clusters/target?${qs}`, {
    headers: { "content-type": "application/yaml", "if-match": '"1"' },
    data: text.replace("name: Target", "name: Target renamed"),
  });
  expect(renamed.status(), await renamed.text()).toBe(200);
  expect(renamed.headers().etag).toBe('"2"');
  await problem(
    await request.put(`/api/gitops/clusters/target?${qs}`, { headers: { "if-match": '"1"' }, data: cluster }),
    409,
    "VERSION_CONFLICT",
  );

  const inUse = await problem(await request.delete(`/api/gitops/agents/agent?${qs}`), 409, "IN_USE");
  expect(inUse.extra?.references).toEqual([
    {
      type: "GitopsCluster",
      identifier: "target",
      name: "Target renamed",
      orgIdentifier: "default",
      projectIdentifier: PROJECT,
      field: "agentIdentifier",
    },
  ]);
  // A connector an agent manages through names the agent, its field and its scope.
  const connectorInUse = await problem(await request.delete(`/api/connectors/mgmt?${qs}`), 409, "IN_USE");
  expect(connectorInUse.detail).toContain(`GitOps agent "agent" (project "${PROJECT}" in org "default")`);
  expect(connectorInUse.extra?.references).toEqual([
    expect.objectContaining({ type: "GitopsAgent", identifier: "agent", field: "spec.connectorRef" }),
  ]);

  // The agent's management cluster (conduit-e2e) has no OIDC issuer: Failed at the first link of
  // the chain, with the command that creates it; the guide uses a placeholder and says why.
  let result = await runTest(await request.post(`/api/gitops/clusters/target/test?${qs}`));
  expect(result).toMatchObject({
    status: "Failed",
    failedStep: "oidcProvider",
    message: expect.stringContaining("has no OIDC issuer"),
    command: `eksctl utils associate-iam-oidc-provider --cluster ${target.name} --region us-east-1 --approve`,
  });
  expect(statuses(result)).toMatchObject({ credentials: "passed", oidcProvider: "failed", agentTrust: "skipped" });
  let guide = await (await request.get(`/api/gitops/clusters/target/guide?${qs}`)).json();
  expect(guide.issuer).toMatchObject({ source: "placeholder", reason: expect.stringContaining("has no OIDC issuer") });

  // The agent moves to the management cluster that has one (its YAML, with If-Match).
  const agentYaml = await request.get(`/api/gitops/agents/agent?${qs}`, { headers: { accept: "application/yaml" } });
  expect(agentYaml.headers().etag).toBe('"1"');
  const moved = await request.put(`/api/gitops/agents/agent?${qs}`, {
    headers: { "content-type": "application/yaml", "if-match": '"1"' },
    data: (await agentYaml.text()).replace(`us-east-1/${target.name}`, chain.managementCluster),
  });
  expect(moved.status(), await moved.text()).toBe(200);
  expect(moved.headers().etag).toBe('"2"');

  // Every AWS link holds, but the deployer role is not mapped in the cluster yet: its token is
  // rejected, Failed at the call with the access entry command (eksctl's mapping beside it).
  result = await runTest(await request.post(`/api/gitops/clusters/target/test?${qs}`));
  expect(result).toMatchObject({
    status: "Failed",
    failedStep: "connect",
    command: expect.stringMatching(
      new RegExp(
        `^aws eks create-access-entry --cluster-name ${target.name} --region us-east-1 --principal-arn ${deployer} `,
      ),
    ),
  });
  expect(statuses(result)).toEqual({
    credentials: "passed",
    oidcProvider: "passed",
    agentTrust: "passed",
    assumeChain: "passed",
    // conduit-e2e is API_AND_CONFIG_MAP with no access entry for the role: AWS cannot tell.
    clusterAccess: "skipped",
    connect: "failed",
  });
  expect(stepOf(result, "connect")?.hint?.commands).toEqual(
    expect.arrayContaining([expect.stringContaining(`eksctl create iamidentitymapping --cluster ${target.name}`)]),
  );
  expect(stepOf(result, "connect")?.hint?.commands?.find((c) => c.startsWith("eksctl"))).toContain(
    `--arn ${deployer} --group system:masters`,
  );
  await fakeKube.addMapping({ arn: deployer, username: "deployer", groups: ["system:masters"] });
  result = await runTest(await request.post(`/api/gitops/clusters/target/test?${qs}`));
  expect(result).toMatchObject({ status: "Successful", serverVersion: expect.stringMatching(/^v1\.31/) });
  expect(stepOf(result, "connect")?.detail).toContain(`signed in as ${deployer}`);
  expect(await (await request.get(`/api/gitops/clusters/target?${qs}`)).json()).toMatchObject({
    version: 2,
    status: { connectionStatus: "Successful" },
  });

  // The guide for this cluster: the management cluster's issuer, every step of the setup in order.
  guide = await (await request.get(`/api/gitops/clusters/target/guide?${qs}`)).json();
  expect(guide.issuer).toEqual({ source: "cluster", url: chain.issuer });
  expect(guide.guide.blocks.map((b: { id: string }) => b.id)).toEqual([
    "oidcProvider",
    "agentTrustPolicy",
    "agentInlinePolicy",
    "agentRoleCommands",
    "agentNamespace",
    "installAgent",
    "annotateServiceAccounts",
    "verifyServiceAccounts",
    "fsGroupPatch",
    "restartAgent",
    "agentHealth",
    "deployerTrustPolicy",
    "deployerRoleCommands",
    "clusterAccess",
    "registerCluster",
  ]);

  // A bearer-token cluster: the token is a secret reference; its value never comes back, and the
  // secret cannot be deleted while the cluster uses it.
  const tokenValue = `kube-token-${suffix}-${Math.random().toString(36).slice(2)}`;
  expect(
    (
      await request.post(`/api/secrets?${qs}`, {
        data: { identifier: "kube_token", name: "kube token", value: tokenValue },
      })
    ).status(),
  ).toBe(201);
  const bearer = await request.post(`/api/gitops/clusters?${qs}`, {
    data: {
      ...cluster,
      name: "Bearer",
      identifier: "bearer",
      spec: { ...cluster.spec, authentication: { type: "BearerToken", spec: { tokenRef: "kube_token" } } },
    },
  });
  expect(bearer.status(), await bearer.text()).toBe(201);
  result = await runTest(await request.post(`/api/gitops/clusters/bearer/test?${qs}`));
  expect(result).toMatchObject({
    status: "Failed",
    failedStep: "connect",
    hint: expect.stringContaining("bearer token"),
  });
  expect(JSON.stringify(result)).not.toContain(tokenValue);
  const held = await problem(await request.delete(`/api/secrets/kube_token?${qs}`), 409, "IN_USE");
  expect(held.detail).toContain("bearer");
  await problem(await request.get(`/api/gitops/clusters/bearer/guide?${qs}`), 400, "BAD_REQUEST");
  expect((await request.delete(`/api/gitops/clusters/bearer?${qs}`)).status()).toBe(204);
  expect((await request.delete(`/api/secrets/kube_token?${qs}`)).status()).toBe(204);

  expect((await request.delete(`/api/gitops/clusters/target?${qs}`)).status()).toBe(204);
  expect((await request.delete(`/api/gitops/agents/agent?${qs}`)).status()).toBe(204);
  await problem(await request.get(`/api/gitops/clusters/target?${qs}`), 404, "NOT_FOUND");
});
