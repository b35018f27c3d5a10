// The connection test checks each chosen use (issue 17): iam:SimulatePrincipalPolicy with each
// use's actions, resources and context entries for the principal the connector ends up as, over
// the real SDK against the AWS emulator, secrets and stored runs in PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator } from "@/e2e/fixtures/aws-emulator";
import type { UsageSelection } from "@/lib/aws/usages";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { createConnector } from "@/lib/connectors/service";
import { readNdjson } from "@/lib/http/stream";
import type { Scope } from "@/lib/scope";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import { createSecret, readAwsKeyMaterial } from "@/lib/secrets/service";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { adminActor } from "@/scripts/lib/test-principals";
import { runConnectionTest } from "./runner";
import { listConnectorTests, testSavedConnector } from "./service";
import { usageResultsOf, type PermissionsData, type StepEvent, type TestEvent, type TestResult } from "./types";

let emu: AwsEmulator;
let scope: Scope;
const ACCOUNT = "272727272727";
const suffix = Date.now().toString(36);
const ORG = `ct_uses_${suffix}`;
const by = adminActor({ id: `ct-uses-${suffix}`, name: "Tester", kind: "user", requestId: "req-ct-uses" });
const PULL_AND_DEPLOY: UsageSelection[] = [{ id: "ecr-pull" }, { id: "eks-deploy" }];
/** Every action "Pull from ECR" and "Deploy to EKS" check, and the simulation itself. */
const ALL = [
  "ec2:DescribeRegions",
  "iam:SimulatePrincipalPolicy",
  "eks:ListClusters",
  "eks:DescribeCluster",
  "ecr:GetAuthorizationToken",
  "ecr:BatchCheckLayerAvailability",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchGetImage",
  "ecr:DescribeImages",
  "ecr:ListImages",
];
const WITHOUT_BATCH_GET = ALL.filter((a) => a !== "ecr:BatchGetImage");
const fastFixed = (retryCount: number) => ({
  type: "FixedDelayBackoffStrategy" as const,
  spec: { fixedBackoff: 5, retryCount },
});

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  await createOrganization({ input: { identifier: ORG, name: "Uses", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "p", name: "p", description: "" }, by });
  scope = await resolveScope({ org: ORG, project: "p" });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => emu.faults.clear());

let n = 0;
async function secret(value: string) {
  const identifier = `sk_${++n}`;
  await createSecret({ scope, input: { identifier, name: identifier, description: "", tags: {}, value }, by });
  return identifier;
}

async function userSpec(allow: string[], opts: { policies?: Record<string, string> } = {}) {
  const u = emu.addUser({ name: `uses-${suffix}-${++n}`, accountId: ACCOUNT, allow, policies: opts.policies });
  return {
    user: u,
    spec: accessKeyConnector("x", { accessKey: u.accessKeyId, secretKeyRef: await secret(u.secretAccessKey) }).spec,
  };
}

async function run(spec: ConnectorInput["spec"], usages: readonly UsageSelection[]) {
  const events: StepEvent[] = [];
  const result = await runConnectionTest({
    readSecret: (ref) => readAwsKeyMaterial(scope, ref),
    identifier: "uses",
    spec,
    usages,
    emit: (e) => events.push(e),
    timeoutMs: 20_000,
    callTimeoutMs: 5_000,
    delegateId: "test-delegate",
    random: () => 0.5,
  });
  const permissions = result.steps.find((s) => s.step === "permissions")!;
  return { result, events, permissions, data: permissions.data as unknown as PermissionsData };
}

const simulations = () => emu.calls.filter((c) => c.action === "SimulatePrincipalPolicy").length;

describe("Test connection checks each chosen use", () => {
  it("a user with every action of Pull from ECR and Deploy to EKS: SUCCESS, each use allowed", async () => {
    const { user, spec } = await userSpec(ALL);
    const { result, permissions, data } = await run(spec, PULL_AND_DEPLOY);
    expect(result.status).toBe("SUCCESS");
    expect(permissions.status).toBe("passed");
    expect(permissions.hint).toBeUndefined();
    expect(permissions.detail).toBe(
      "Allowed for every chosen use: Pull from ECR (6 actions), Deploy to EKS (2 actions), ec2:DescribeRegions",
    );
    expect(data.principalArn).toBe(user.arn);
    expect(data.base).toEqual({
      id: "base",
      label: "Every connector (ec2:DescribeRegions)",
      status: "allowed",
      allowed: ["ec2:DescribeRegions"],
      denied: [],
    });
    expect(data.usages).toEqual([
      {
        id: "ecr-pull",
        label: "Pull from ECR",
        status: "allowed",
        allowed: [
          "ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchGetImage",
          "ecr:DescribeImages",
          "ecr:ListImages",
        ],
        denied: [],
      },
      {
        id: "eks-deploy",
        label: "Deploy to EKS",
        status: "allowed",
        allowed: ["eks:ListClusters", "eks:DescribeCluster"],
        denied: [],
      },
    ]);
    // The chosen uses replace the fixed check: no action outside them and ec2:DescribeRegions.
    expect(data.results.map((r) => r.action).sort()).toEqual(
      ALL.filter((a) => a !== "iam:SimulatePrincipalPolicy").sort(),
    );
  });

  it("missing ecr:BatchGetImage: PARTIAL naming it, with the statement to add (which fixes it)", async () => {
    const { user, spec } = await userSpec(WITHOUT_BATCH_GET);
    const { result, permissions, data, events } = await run(spec, PULL_AND_DEPLOY);
    expect(result.status).toBe("PARTIAL");
    expect(permissions).toMatchObject({ status: "failed", reason: "permissions-missing" });
    expect(permissions.detail).toBe(
      "Pull from ECR is missing ecr:BatchGetImage. Allowed: Deploy to EKS (2 actions), ec2:DescribeRegions",
    );
    expect(result.errorSummary).toContain("ecr:BatchGetImage");
    expect(data.usages[0]).toMatchObject({
      id: "ecr-pull",
      status: "missing",
      denied: [
        {
          action: "ecr:BatchGetImage",
          resource: "*",
          decision: "implicitDeny",
          statement: { Sid: "AllowEcrBatchGetImage", Effect: "Allow", Action: "ecr:BatchGetImage", Resource: "*" },
        },
      ],
    });
    expect(data.usages[0]!.allowed).not.toContain("ecr:BatchGetImage");
    expect(data.usages[1]).toMatchObject({ id: "eks-deploy", status: "allowed" });
    expect(permissions.hint?.policy).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "AllowEcrBatchGetImage", Effect: "Allow", Action: "ecr:BatchGetImage", Resource: "*" }],
    });
    expect(permissions.hint?.text).toContain(user.arn);
    expect(permissions.hint?.commands).toEqual([
      `aws iam put-user-policy --user-name ${user.name} --policy-name ConduitConnectorMissing --policy-document file://conduit-missing-permissions.json`,
    ]);
    // The streamed event carries the hint too, not only the result.
    expect(events.filter((e) => e.step === "permissions").at(-1)?.hint?.policy).toEqual(permissions.hint?.policy);

    // With the suggested statement as an inline policy, the same user passes.
    const fixed = await userSpec(WITHOUT_BATCH_GET, {
      policies: { ConduitConnectorMissing: JSON.stringify(permissions.hint!.policy) },
    });
    const again = await run(fixed.spec, PULL_AND_DEPLOY);
    expect(again.result.status).toBe("SUCCESS");
  });

  it("named resources are simulated by ARN, with the context entries their conditions need", async () => {
    const repo = "arn:aws:ecr:us-east-1:272727272727:repository/team/web";
    const pushPolicy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy"], Resource: "*" },
        { Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "cloudtrail:LookupEvents"], Resource: "*" },
        { Effect: "Allow", Action: "ecr:*", Resource: repo },
        {
          Effect: "Allow",
          Action: "iam:CreateServiceLinkedRole",
          Resource: "*",
          Condition: { StringEquals: { "iam:AWSServiceName": "replication.ecr.amazonaws.com" } },
        },
      ],
    };
    const uses: UsageSelection[] = [{ id: "ecr-push", resources: { repository: ["team/web", "team/api"] } }];
    const { spec } = await userSpec([], { policies: { push: JSON.stringify(pushPolicy) } });
    const { result, data, permissions } = await run(spec, uses);
    expect(result.status).toBe("PARTIAL");
    // team/web is allowed; team/api is not: one statement per action, naming that repository.
    const denied = data.usages[0]!.denied;
    expect(new Set(denied.map((d) => d.resource))).toEqual(
      new Set(["arn:aws:ecr:us-east-1:272727272727:repository/team/api"]),
    );
    expect(denied.map((d) => d.action)).toEqual([
      "ecr:BatchCheckLayerAvailability",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
    ]);
    // The condition was satisfied by the context entry the check sent.
    expect(data.results.find((r) => r.action === "iam:CreateServiceLinkedRole")?.decision).toBe("allowed");
    expect(data.usages[0]!.allowed).toEqual(
      expect.arrayContaining(["ecr:GetAuthorizationToken", "cloudtrail:LookupEvents", "iam:CreateServiceLinkedRole"]),
    );
    expect((permissions.hint?.policy as { Statement: unknown[] }).Statement).toHaveLength(5);
  });

  it("with cross-account access the assumed role is simulated, not the user", async () => {
    const u = emu.addUser({ name: `uses-xa-${suffix}`, accountId: ACCOUNT, allow: [] });
    const role = emu.addRole({
      name: `uses-role-${suffix}`,
      accountId: "383838383838",
      trust: { principals: [u.arn] },
      allow: WITHOUT_BATCH_GET,
    });
    const spec = accessKeyConnector("x", {
      accessKey: u.accessKeyId,
      secretKeyRef: await secret(u.secretAccessKey),
      credential: { crossAccountAccess: { crossAccountRoleArn: role.arn } },
    }).spec;
    const { result, data, permissions } = await run(spec, PULL_AND_DEPLOY);
    expect(result.status).toBe("PARTIAL");
    expect(data.principalArn).toBe(role.arn);
    expect(permissions.hint?.commands?.[0]).toContain(`aws iam put-role-policy --role-name uses-role-${suffix}`);
  });

  it("the simulation itself denied: not checked, naming iam:SimulatePrincipalPolicy on the principal; not PARTIAL", async () => {
    const { user, spec } = await userSpec(ALL.filter((a) => a !== "iam:SimulatePrincipalPolicy"));
    const { result, permissions, data } = await run(spec, PULL_AND_DEPLOY);
    expect(result.status).toBe("SUCCESS");
    expect(result.errors).toEqual([]);
    expect(permissions.status).toBe("skipped");
    expect(permissions.detail).toContain(`Allow iam:SimulatePrincipalPolicy on ${user.arn}`);
    expect(permissions.hint).toBeUndefined();
    expect(data.notChecked).toBe(permissions.detail!.replace(/^Not checked: /, ""));
    expect(data.usages.map((u) => [u.id, u.status])).toEqual([
      ["ecr-pull", "not-checked"],
      ["eks-deploy", "not-checked"],
    ]);
    expect(data.commands?.[0]).toContain(`aws iam simulate-principal-policy --policy-source-arn ${user.arn}`);
  });

  it("a 5xx from IAM: not checked with the reason, asked once (no retries), not PARTIAL", async () => {
    const { spec } = await userSpec(ALL);
    // The connector's backoff would retry a 5xx three times: the optional check does not.
    spec.awsSdkClientBackOffStrategyOverride = fastFixed(3);
    emu.faults.fail(5, { action: "SimulatePrincipalPolicy" });
    const before = simulations();
    const { result, permissions, data } = await run(spec, PULL_AND_DEPLOY);
    expect(simulations() - before).toBe(1);
    expect(result.status).toBe("SUCCESS");
    expect(permissions).toMatchObject({ status: "skipped", retries: 0 });
    expect(permissions.detail).toMatch(
      /^Not checked: iam:SimulatePrincipalPolicy did not answer: InternalFailure \(HTTP 500\)/,
    );
    expect(data.usages.every((u) => u.status === "not-checked")).toBe(true);
  });

  it("a connector without uses keeps the fixed check (and gets the statements to add)", async () => {
    const { spec } = await userSpec(["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy"]);
    const { result, permissions, data } = await run(spec, []);
    expect(result.status).toBe("PARTIAL");
    expect(permissions.detail).toBe("Not allowed: eks:ListClusters, eks:DescribeCluster. Allowed: ec2:DescribeRegions");
    expect(data.usages).toEqual([]);
    expect((permissions.hint?.policy as { Statement: { Action: string }[] }).Statement.map((s) => s.Action)).toEqual([
      "eks:ListClusters",
      "eks:DescribeCluster",
    ]);
  });

  it("a saved connector's run stores each use's result with the run", async () => {
    const u = emu.addUser({ name: `uses-saved-${suffix}`, accountId: ACCOUNT, allow: WITHOUT_BATCH_GET });
    const input = {
      ...accessKeyConnector("uses_saved", { accessKey: u.accessKeyId, secretKeyRef: await secret(u.secretAccessKey) }),
      conduit: { usages: PULL_AND_DEPLOY },
    };
    await createConnector({ scope, input, by });
    const events: TestEvent[] = [];
    for await (const e of readNdjson<TestEvent>(await testSavedConnector({ scope, identifier: "uses_saved", by })))
      events.push(e);
    const result = (events.at(-1) as { result: TestResult }).result;
    expect(result.status).toBe("PARTIAL");
    const [stored] = await listConnectorTests({ scope, identifier: "uses_saved", limit: 1 });
    expect(stored!.status).toBe("PARTIAL");
    expect(usageResultsOf(stored!.steps)?.map((x) => [x.id, x.status, x.denied.map((d) => d.action)])).toEqual([
      ["ecr-pull", "missing", ["ecr:BatchGetImage"]],
      ["eks-deploy", "allowed", []],
    ]);
    expect(stored!.steps.find((s) => s.step === "permissions")?.hint?.policy).toBeTruthy();
  });
});
