// Test connection checks each chosen use (issue 17): a connector for "Pull from ECR" and "Deploy
// to EKS" whose user lacks ecr:BatchGetImage is PARTIAL, naming it with the statement to add;
// once that statement is on the user the test is SUCCESS; the connector's YAML keeps the uses.
import { expect, screenshotPath, test, type APIRequestContext } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { createAccessKeyConnector } from "./fixtures/connectors";

const suffix = Date.now().toString(36);
const ACCOUNT = "171717171717";
// Everything "Pull from ECR" and "Deploy to EKS" check, but ecr:BatchGetImage.
const ALLOW = [
  "ec2:DescribeRegions",
  "iam:SimulatePrincipalPolicy",
  "eks:*",
  "ecr:GetAuthorizationToken",
  "ecr:BatchCheckLayerAvailability",
  "ecr:GetDownloadUrlForLayer",
  "ecr:DescribeImages",
  "ecr:ListImages",
];

interface Step {
  step: string;
  status: string;
  detail?: string;
  data?: Record<string, unknown>;
  hint?: { text: string; policy?: { Statement: Record<string, unknown>[] }; commands?: string[] };
}

async function runTest(request: APIRequestContext, identifier: string) {
  const res = await request.post(`/api/connectors/${identifier}/test`);
  expect(res.status()).toBe(200);
  const lines = (await res.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const result = lines.at(-1).result as { status: string; steps: Step[] };
  return { result, permissions: result.steps.find((s) => s.step === "permissions")! };
}

test("each chosen use is checked: a missing action is PARTIAL with the statement to add, then SUCCESS", async ({
  request,
  page,
}) => {
  const name = `uses-${suffix}`;
  const user = await aws.addUser({ name, accountId: ACCOUNT, allow: ALLOW });
  const identifier = `uses_${suffix}`;
  await createAccessKeyConnector(request, { identifier, user, usages: [{ id: "ecr-pull" }, { id: "eks-deploy" }] });

  const partial = await runTest(request, identifier);
  expect(partial.result.status).toBe("PARTIAL");
  expect(partial.permissions).toMatchObject({ status: "failed" });
  expect(partial.permissions.detail).toContain("Pull from ECR is missing ecr:BatchGetImage");
  expect(partial.permissions.data).toMatchObject({
    principalArn: user.arn,
    base: { id: "base", status: "allowed", allowed: ["ec2:DescribeRegions"] },
    usages: [
      {
        id: "ecr-pull",
        label: "Pull from ECR",
        status: "missing",
        denied: [{ action: "ecr:BatchGetImage", resource: "*", decision: "implicitDeny" }],
      },
      { id: "eks-deploy", status: "allowed", allowed: ["eks:ListClusters", "eks:DescribeCluster"], denied: [] },
    ],
  });
  const policy = partial.permissions.hint!.policy!;
  expect(policy.Statement).toEqual([
    { Sid: "AllowEcrBatchGetImage", Effect: "Allow", Action: "ecr:BatchGetImage", Resource: "*" },
  ]);
  expect(partial.permissions.hint!.commands![0]).toContain(`aws iam put-user-policy --user-name ${name}`);

  // The stored run keeps the per-use results for the connector's page.
  const history = await (await request.get(`/api/connectors/${identifier}/tests?limit=1`)).json();
  const stored = history.items[0].steps.find((s: Step) => s.step === "permissions");
  expect(stored.data.usages.map((u: { id: string; status: string }) => [u.id, u.status])).toEqual([
    ["ecr-pull", "missing"],
    ["eks-deploy", "allowed"],
  ]);

  // The connector's page shows each use with its latest result, and the policy to attach.
  await page.goto(`/connectors/${identifier}`);
  const uses = page.getByRole("list", { name: "Intended uses" });
  const pull = uses.getByRole("listitem").filter({ hasText: "Pull from ECR" });
  await expect(pull).toContainText("Missing permissions");
  await expect(pull).toContainText("ecr:BatchGetImage");
  await expect(uses.getByRole("listitem").filter({ hasText: "Deploy to EKS" })).toContainText("Allowed");
  const shown = JSON.parse((await page.getByLabel("Policy conduit-connector-policy.json").textContent()) ?? "{}");
  expect(shown.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat())).toContain(
    "ecr:BatchGetImage",
  );
  await expect(page.getByLabel("Commands that create and attach the policy")).toContainText(
    `aws iam attach-user-policy --user-name <user-name>`,
  );
  await page.screenshot({ path: screenshotPath("connector-intended-uses.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("connector-intended-uses-390.png"), fullPage: true });

  // Attach the suggested statement: the emulator's user is replaced by one with the same name
  // (so the same ARN, which the existing key resolves to) holding it as an inline policy.
  await aws.addUser({
    name,
    accountId: ACCOUNT,
    allow: ALLOW,
    policies: { ConduitConnectorMissing: JSON.stringify(policy) },
  });
  const fixed = await runTest(request, identifier);
  expect(fixed.result.status).toBe("SUCCESS");
  expect(fixed.permissions).toMatchObject({ status: "passed" });
  expect(fixed.permissions.hint).toBeUndefined();
  expect(fixed.permissions.data).toMatchObject({
    usages: [
      { id: "ecr-pull", status: "allowed", denied: [] },
      { id: "eks-deploy", status: "allowed", denied: [] },
    ],
  });

  const yaml = await (await request.get(`/api/connectors/${identifier}?format=yaml`)).text();
  expect(yaml).toMatch(/\n {2}conduit:\n {4}usages:\n/);
  expect(yaml).toContain("id: ecr-pull");
  expect(yaml).toContain("id: eks-deploy");
});

test("a use's check that IAM cannot answer is not checked: the verdict stays SUCCESS", async ({ request }) => {
  // No iam:SimulatePrincipalPolicy: the simulation itself is denied.
  const user = await aws.addUser({ name: `uses-nosim-${suffix}`, accountId: ACCOUNT, allow: ["ec2:DescribeRegions"] });
  const identifier = `uses_nosim_${suffix}`;
  await createAccessKeyConnector(request, { identifier, user, usages: [{ id: "ecr-pull" }] });
  const { result, permissions } = await runTest(request, identifier);
  expect(result.status).toBe("SUCCESS");
  expect(permissions.status).toBe("skipped");
  expect(permissions.detail).toContain(`Allow iam:SimulatePrincipalPolicy on ${user.arn}`);
  expect(permissions.data).toMatchObject({ usages: [{ id: "ecr-pull", status: "not-checked" }] });
});
