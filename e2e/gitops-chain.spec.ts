// GitOps Test connection proves the chain an agent relies on (issue 16), over HTTP against the
// production build: an agent and IRSA cluster set up as the guide says pass every link; each of
// the five links broken on its own fails at that step (the ones before it passed) with its fix,
// and repairing it passes again; a CONFIG_MAP cluster's access is skipped with the eksctl mapping
// to check. The chain lives in the AWS emulator (e2e/fixtures/gitops-chain.ts), its API server is
// the fake Kubernetes one. One project and one chain for the whole file.
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";
import { fakeKube } from "./fixtures/fake-kubernetes";
import {
  agentTrustPolicy,
  CLUSTER_ADMIN_POLICY,
  irsaClusterSpec,
  setUpGitopsChain,
  type ChainLink,
  type GitopsChain,
} from "./fixtures/gitops-chain";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, test, type APIRequestContext } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `gitops_chain_${suffix}`;
const qs = `org=default&project=${PROJECT}`;
const STEPS = ["credentials", "oidcProvider", "agentTrust", "assumeChain", "clusterAccess", "connect"] as const;
type StepId = (typeof STEPS)[number];

interface Step {
  step: StepId;
  title: string;
  status: string;
  detail?: string;
  reason?: string;
  data?: Record<string, unknown>;
  hint?: { text: string; policy?: Record<string, unknown>; commands?: string[] };
}
interface Result {
  status: "Successful" | "Failed";
  steps: Step[];
  failedStep: StepId | null;
  message: string;
  hint: string | null;
  command: string | null;
  serverVersion: string | null;
}

/** Runs Test connection: the NDJSON stream, each step running before its outcome, the result last. */
async function runTest(request: APIRequestContext, identifier = "target"): Promise<Result> {
  const res = await request.post(`/api/gitops/clusters/${identifier}/test?${qs}`);
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  const events = (await res.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; step?: string; status?: string; result?: Result });
  const last = events.at(-1)!;
  expect(last.type).toBe("result");
  for (const done of events.filter((e) => e.type === "step" && e.status !== "running" && e.status !== "skipped"))
    expect(events.findIndex((e) => e.step === done.step && e.status === "running")).toBeLessThan(events.indexOf(done));
  return last.result!;
}

const statuses = (r: Result) => Object.fromEntries(r.steps.map((s) => [s.step, s.status]));
const stepOf = (r: Result, id: StepId) => r.steps.find((s) => s.step === id)!;
const ALL_PASSED: Record<StepId, string> = Object.fromEntries(STEPS.map((s) => [s, "passed"])) as Record<
  StepId,
  string
>;

async function expectSuccessful(request: APIRequestContext): Promise<Result> {
  const r = await runTest(request);
  expect(statuses(r), JSON.stringify(r.steps, null, 1)).toEqual(ALL_PASSED);
  expect(r).toMatchObject({ status: "Successful", failedStep: null, hint: null, command: null });
  return r;
}

async function clusterRow() {
  const rows = await queryRows<{ connectionStatus: string; statusReason: string; serverVersion: string | null }>(
    `SELECT "connectionStatus", "statusReason", "serverVersion", "testedAt" FROM "GitopsCluster" WHERE "orgIdentifier" = 'default' AND "projectIdentifier" = $1 AND identifier = 'target'`,
    [PROJECT],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

test.describe.serial("GitOps Test connection proves the agent's chain", () => {
  let chain: GitopsChain;
  let mgmtName: string;
  let providerArn: string;
  let hostPath: string;

  test("an agent and IRSA cluster set up correctly pass every step", async ({ request }) => {
    chain = await setUpGitopsChain({ suffix, accountId: SERVER_ACCOUNT, kube: fakeKube.cluster() });
    mgmtName = chain.managementCluster.split("/")[1]!;
    hostPath = chain.issuer.replace(/^https:\/\//, "");
    providerArn = `arn:aws:iam::${SERVER_ACCOUNT}:oidc-provider/${hostPath}`;

    expect(
      (await request.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: PROJECT } })).status(),
    ).toBe(201);
    const connector = await request.post(`/api/connectors?${qs}`, {
      data: {
        name: "Management",
        identifier: "mgmt",
        spec: { credential: { type: "InheritFromDelegate", region: "us-east-1" } },
      },
    });
    expect(connector.status(), await connector.text()).toBe(201);
    const agent = await request.post(`/api/gitops/agents?${qs}`, {
      data: {
        name: "Agent",
        identifier: "agent",
        namespace: chain.namespace,
        spec: { connectorRef: "mgmt", managementCluster: chain.managementCluster, agentRoleArn: chain.agentRoleArn },
      },
    });
    expect(agent.status(), await agent.text()).toBe(201);
    expect((await agent.json()).agent.spec.flavour).toBe("HARNESS_GITOPS_AGENT");
    const cluster = await request.post(`/api/gitops/clusters?${qs}`, {
      data: {
        name: "Target",
        identifier: "target",
        agentIdentifier: "agent",
        spec: irsaClusterSpec(chain),
      },
    });
    expect(cluster.status(), await cluster.text()).toBe(201);

    const r = await expectSuccessful(request);
    expect(r.steps.map((s) => [s.step, s.title])).toEqual([
      ["credentials", "Management connector credentials"],
      ["oidcProvider", "Management cluster's OIDC provider"],
      ["agentTrust", "Agent role trusts the agent's service accounts"],
      ["assumeChain", "Agent role may assume the cluster's role"],
      ["clusterAccess", "Cluster role has access to the cluster"],
      ["connect", "Call /version on the cluster"],
    ]);
    expect(stepOf(r, "oidcProvider").detail).toBe(
      `${chain.issuer} has the IAM OIDC provider ${providerArn} with audience sts.amazonaws.com`,
    );
    // The Harness flavour's two service accounts, in the agent's namespace.
    expect(stepOf(r, "agentTrust").detail).toContain(
      `system:serviceaccount:${chain.namespace}:argocd-application-controller and system:serviceaccount:${chain.namespace}:gitops-agent`,
    );
    expect(stepOf(r, "assumeChain").detail).toBe(
      `${chain.agentRoleArn} may assume ${chain.deployerRoleArn}, and its trust policy allows the agent role`,
    );
    // Access through an access entry (the target cluster is in API mode).
    expect(stepOf(r, "clusterAccess")).toMatchObject({
      detail: `Access entry for ${chain.deployerRoleArn} (API): AmazonEKSClusterAdminPolicy (cluster)`,
      data: { authenticationMode: "API" },
    });
    // The deployer role trusts the agent role only (as the guide says), so the connector cannot
    // sign in as it: the API server is asked anonymously, and its 401 over TLS with the CA counts.
    expect(stepOf(r, "connect").detail).toContain(`The API server at ${chain.target.endpoint} answered over TLS`);
    // The pass says what it could not verify: a call signed in as the cluster role.
    expect(r).toMatchObject({
      message:
        "Connected: the API server answered with its CA. Not verified: a call signed in as the cluster role (Conduit may not assume it; the agent role may).",
      serverVersion: null,
    });

    expect(await clusterRow()).toMatchObject({
      connectionStatus: "Successful",
      statusReason: "",
      serverVersion: null,
      testedAt: expect.any(Date),
    });
    expect(await (await request.get(`/api/gitops/clusters/target?${qs}`)).json()).toMatchObject({
      status: { connectionStatus: "Successful" },
    });
  });

  /** What each broken link must say, and (for policies) the fix applied as given. */
  const variants: {
    link: ChainLink;
    /** Steps that cannot run once this link fails. */
    blocked?: StepId[];
    fix: (step: Step, r: Result) => void;
    /** Applies the step's own fix; the test must pass with it; then it is taken back. */
    applyFix?: (step: Step) => Promise<() => Promise<unknown>>;
  }[] = [
    {
      link: "oidcProvider",
      blocked: ["agentTrust"],
      fix: (step, r) => {
        const create = [
          `eksctl utils associate-iam-oidc-provider --cluster ${mgmtName} --region us-east-1 --approve`,
          `aws iam create-open-id-connect-provider --url ${chain.issuer} --client-id-list sts.amazonaws.com`,
        ];
        expect(step).toMatchObject({
          reason: "oidc-provider-missing",
          detail: expect.stringContaining(`No IAM OIDC provider for the management cluster's issuer ${chain.issuer}`),
          hint: {
            text: "Create the IAM OIDC provider for the management cluster (with eksctl, or with the AWS CLI):",
            commands: create,
          },
        });
        expect(r.command).toBe(create.join("\n"));
      },
    },
    {
      link: "agentTrust",
      fix: (step) => {
        expect(step).toMatchObject({
          reason: "agent-trust",
          detail: expect.stringContaining(
            `does not let system:serviceaccount:${chain.namespace}:argocd-application-controller or system:serviceaccount:${chain.namespace}:gitops-agent assume it`,
          ),
          hint: {
            text: expect.stringContaining(`in namespace ${chain.namespace} may assume it`),
            commands: [
              `aws iam update-assume-role-policy --role-name ArgoCD-${suffix} --policy-document file://agent-trust.json`,
            ],
          },
        });
        // The trust policy to paste names the provider, the audience and the namespace's accounts.
        expect(step.hint?.policy).toEqual(agentTrustPolicy(SERVER_ACCOUNT, chain.issuer, chain.namespace));
        expect(JSON.stringify(step.hint?.policy)).toContain(
          `"Federated":"${providerArn}"},"Action":"sts:AssumeRoleWithWebIdentity"`,
        );
        expect(step.hint?.policy).toMatchObject({
          Statement: [
            { Condition: { StringLike: { [`${hostPath}:sub`]: `system:serviceaccount:${chain.namespace}:*` } } },
          ],
        });
      },
      applyFix: async (step) => {
        await aws.setTrustPolicy(chain.agentRoleArn, step.hint!.policy as never);
        return async () => undefined;
      },
    },
    {
      link: "assumeChain",
      fix: (step) => {
        expect(step).toMatchObject({
          reason: "agent-cannot-assume",
          detail: `No policy of the agent role ${chain.agentRoleArn} allows sts:AssumeRole on ${chain.deployerRoleArn}.`,
          hint: {
            text: "Give the agent role this inline policy (the setup guide's):",
            commands: [
              `aws iam put-role-policy --role-name ArgoCD-${suffix} --policy-name AssumeDeployerRole --policy-document file://agent-policy.json`,
            ],
          },
        });
        expect(step.hint?.policy).toEqual({
          Version: "2012-10-17",
          Statement: [
            { Sid: "AssumeDeployerRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: chain.deployerRoleArn },
          ],
        });
      },
      applyFix: async (step) => {
        await aws.putRolePolicy(chain.agentRoleArn, "AssumeDeployerRole", step.hint!.policy as never);
        return () => aws.deleteRolePolicy(chain.agentRoleArn, "AssumeDeployerRole");
      },
    },
    {
      link: "clusterAccess",
      fix: (step, r) => {
        const at = `--cluster-name ${chain.target.name} --region us-east-1 --principal-arn ${chain.deployerRoleArn}`;
        expect(step).toMatchObject({
          reason: "access-entry-missing",
          detail: `The cluster ${chain.target.name} (authentication mode API) has no access entry for ${chain.deployerRoleArn}, so the API server refuses its tokens.`,
          hint: {
            text: "Create the access entry and give it the cluster admin access policy:",
            commands: [
              `aws eks create-access-entry ${at} --type STANDARD --username deployer`,
              `aws eks associate-access-policy ${at} --policy-arn ${CLUSTER_ADMIN_POLICY} --access-scope type=cluster`,
            ],
          },
        });
        expect(r.command).toBe(step.hint!.commands!.join("\n"));
      },
    },
    {
      link: "connect",
      fix: (step) => {
        // DescribeCluster now reports another CA: no token is made, nothing is sent.
        expect(step).toMatchObject({
          reason: "ca-mismatch",
          detail: `The certificate authority data is not the one EKS reports for ${chain.target.name} (us-east-1).`,
          hint: {
            text: "Import the cluster from EKS again to refresh its certificate authority data.",
            commands: [
              `aws eks describe-cluster --name ${chain.target.name} --region us-east-1 --query cluster.certificateAuthority.data --output text`,
            ],
          },
        });
      },
    },
  ];

  for (const v of variants) {
    test(`a broken ${v.link} link fails at that step with its fix; repaired, the test passes`, async ({ request }) => {
      await chain.breakLink(v.link);
      try {
        const r = await runTest(request);
        const expected: Record<string, string> = { ...ALL_PASSED, [v.link]: "failed" };
        for (const b of v.blocked ?? []) expected[b] = "skipped";
        // Every step before it passed; so did those that do not need it.
        expect(statuses(r), JSON.stringify(r.steps, null, 1)).toEqual(expected);
        const step = stepOf(r, v.link);
        expect(r).toMatchObject({ status: "Failed", failedStep: v.link, message: step.detail, hint: step.hint?.text });
        v.fix(step, r);
        for (const b of v.blocked ?? [])
          expect(stepOf(r, b).detail).toBe(`Skipped: ${stepOf(r, v.link).title} did not pass`);
        expect(await clusterRow()).toMatchObject({ connectionStatus: "Failed", statusReason: step.detail });

        if (v.applyFix) {
          const undo = await v.applyFix(step);
          await expectSuccessful(request);
          await undo();
        }
      } finally {
        await chain.repairLink(v.link);
      }
      await expectSuccessful(request);
      expect((await clusterRow()).connectionStatus).toBe("Successful");
    });
  }

  test("access AWS cannot show (CONFIG_MAP, or API_AND_CONFIG_MAP without an entry) is skipped with what to check", async ({
    request,
  }) => {
    const ref = { region: chain.target.region, name: chain.target.name };
    let entryRemoved = false;
    const mapping = `eksctl create iamidentitymapping --cluster ${chain.target.name} --region us-east-1 --arn ${chain.deployerRoleArn} --group system:masters --username deployer`;
    try {
      // CONFIG_MAP: the aws-auth ConfigMap only, which AWS cannot show: skipped, not failed.
      await aws.setAuthenticationMode(ref, "CONFIG_MAP");
      let r = await runTest(request);
      expect(statuses(r)).toEqual({ ...ALL_PASSED, clusterAccess: "skipped" });
      expect(r.status).toBe("Successful");
      // The verdict names what it did not verify.
      expect(r.message).toContain("Not verified: cluster role has access to the cluster; a call signed in as");
      expect(stepOf(r, "clusterAccess")).toMatchObject({
        detail: expect.stringContaining(
          `(CONFIG_MAP), which AWS cannot show: check that it maps ${chain.deployerRoleArn}`,
        ),
        data: { authenticationMode: "CONFIG_MAP", commands: [mapping] },
      });
      expect(stepOf(r, "clusterAccess").detail).toContain(mapping);

      // API_AND_CONFIG_MAP without an access entry: the mapping may exist; the access entry
      // commands to run, the mapping to check.
      await aws.setAuthenticationMode(ref, "API_AND_CONFIG_MAP");
      await chain.breakLink("clusterAccess");
      entryRemoved = true;
      r = await runTest(request);
      expect(statuses(r)).toEqual({ ...ALL_PASSED, clusterAccess: "skipped" });
      expect(r.status).toBe("Successful");
      const clusterAccess = stepOf(r, "clusterAccess");
      expect(clusterAccess.detail).toContain(`No access entry for ${chain.deployerRoleArn}`);
      expect(clusterAccess.detail).toContain(mapping);
      expect(clusterAccess.data).toMatchObject({
        authenticationMode: "API_AND_CONFIG_MAP",
        commands: [
          expect.stringMatching(/^aws eks create-access-entry /),
          expect.stringMatching(/^aws eks associate-access-policy /),
        ],
      });
    } finally {
      await aws.setAuthenticationMode(ref, "API");
      if (entryRemoved) await chain.repairLink("clusterAccess");
    }
    const r = await expectSuccessful(request);
    expect(stepOf(r, "clusterAccess").data).toEqual({ authenticationMode: "API" });

    expect((await request.delete(`/api/gitops/clusters/target?${qs}`)).status()).toBe(204);
    expect((await request.delete(`/api/gitops/agents/agent?${qs}`)).status()).toBe(204);
  });
});
