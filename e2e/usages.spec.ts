// Test connection checks each chosen use (issue 17): a connector for "Pull from ECR" and "Deploy
// to EKS" whose user lacks ecr:BatchGetImage is PARTIAL, naming it with the statement to add;
// once that statement is on the user the test is SUCCESS; the connector's YAML keeps the uses.
import { expect, screenshotPath, test, type APIRequestContext } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { createAccessKeyConnector } from "./fixtures/connectors";
import { queryRows } from "./fixtures/db";

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

test("through the wizard: choose the uses, save, PARTIAL with the statement, attach it, SUCCESS", async ({
  page,
  request,
}) => {
  const name = `uses-ui-${suffix}`;
  const user = await aws.addUser({ name, accountId: ACCOUNT, allow: ALLOW });
  const secret = { identifier: `uses_ui_sk_${suffix}`, name: `Uses UI key ${suffix}`, value: user.secretAccessKey };
  expect((await request.post("/api/secrets", { data: secret })).status()).toBe(201);

  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Uses UI ${suffix}`);
  const identifier = `Uses_UI_${suffix}`;
  await expect(page.getByLabel("Identifier")).toHaveValue(identifier);
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill(user.accessKeyId);
  await page.getByRole("combobox", { name: "Secret access key" }).selectOption({ label: secret.name });
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("checkbox", { name: /Pull from ECR/ }).check();
  await page.getByRole("checkbox", { name: /Deploy to EKS/ }).check();
  // An access key has no role to trust: no trust policy is offered.
  await expect(page.getByRole("region", { name: "Trust policy" })).toHaveCount(0);
  await page.getByRole("button", { name: /^Next/ }).click(); // backoff
  await page.getByRole("button", { name: /^Next/ }).click(); // delegates
  await page.getByRole("button", { name: "Save and continue" }).click();

  const steps = page.getByRole("list", { name: "Connection test steps" });
  const verdict = page.getByRole("status", { name: "Test verdict" });
  await expect(verdict).toContainText("Partial");
  const check = steps.getByRole("listitem", { name: "Check permissions (iam:SimulatePrincipalPolicy): Failed" });
  await expect(check).toContainText("Pull from ECR is missing ecr:BatchGetImage");
  await expect(check.getByLabel(/^IAM policy for/)).toContainText('"Action": "ecr:BatchGetImage"');
  await page.screenshot({ path: screenshotPath("wizard-uses-partial.png"), fullPage: true });
  expect(
    (await queryRows(`SELECT "lastTestStatus", usages FROM "Connector" WHERE identifier = $1`, [identifier]))[0],
  ).toEqual({ lastTestStatus: "PARTIAL", usages: [{ id: "ecr-pull" }, { id: "eks-deploy" }] });

  // Attach the statement the step offered, then test again from the connector's page.
  await aws.addUser({
    name,
    accountId: ACCOUNT,
    allow: [...ALLOW, "ecr:BatchGetImage"],
  });
  await page.goto(`/connectors/${identifier}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(verdict).toContainText("Success");
  await expect(
    steps.getByRole("listitem", { name: "Check permissions (iam:SimulatePrincipalPolicy): Passed" }),
  ).toBeVisible();
  await page.getByRole("tab", { name: "Overview" }).click();
  const uses = page.getByRole("list", { name: "Intended uses" });
  await expect(uses.getByRole("listitem").filter({ hasText: "Pull from ECR" })).toContainText("Allowed");
  expect((await queryRows(`SELECT "lastTestStatus" FROM "Connector" WHERE identifier = $1`, [identifier]))[0]).toEqual({
    lastTestStatus: "SUCCESS",
  });

  // The YAML keeps the uses beside the Harness fields.
  await page.getByRole("tab", { name: "YAML" }).click();
  const yaml = page.getByRole("region", { name: "Connector YAML" });
  await expect(yaml).toContainText("conduit:");
  await expect(yaml).toContainText("id: ecr-pull");
  await expect(yaml).toContainText("id: eks-deploy");
});

test("OIDC and IRSA: the role's trust policy is shown beside the uses' policy", async ({ page }) => {
  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Trust ${suffix}`);
  await page.getByRole("button", { name: /^Next/ }).click();

  // IRSA: the delegate's service account, through its cluster's issuer.
  await page.getByRole("radio", { name: "Use IRSA" }).check();
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("checkbox", { name: /Pull from ECR/ }).check();
  const trust = page.getByRole("region", { name: "Trust policy" });
  const irsaPolicy = trust.getByLabel("Role trust policy", { exact: true });
  await expect(irsaPolicy).toContainText("system:serviceaccount:conduit-delegate:conduit-delegate");
  await expect(irsaPolicy).toContainText("<CLUSTER_OIDC_ID>");
  await trust.getByLabel("Cluster OIDC issuer").fill("https://example.com/not-eks");
  await expect(trust.getByText("An EKS issuer: https://oidc.eks.<region>.amazonaws.com/id/<ID>")).toBeVisible();
  await trust.getByLabel("Cluster OIDC issuer").fill("https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123");
  await trust.getByLabel("AWS account ID").fill("123456789012");
  await trust.getByLabel("Delegate namespace").fill("delegates");
  await expect(irsaPolicy).toContainText(
    "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123",
  );
  await expect(irsaPolicy).toContainText("system:serviceaccount:delegates:conduit-delegate");
  await expect(
    trust.getByLabel("Commands that create the role and annotate the service account", { exact: true }),
  ).toContainText(
    "kubectl annotate serviceaccount --namespace delegates conduit-delegate eks.amazonaws.com/role-arn=arn:aws:iam::123456789012:role/conduit-delegate",
  );
  await page.screenshot({ path: screenshotPath("wizard-permissions-irsa.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("wizard-permissions-irsa-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // OIDC: Conduit's tokens for this connector, once the role is named.
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await page.getByRole("radio", { name: "Use OIDC" }).check();
  await page.getByRole("textbox", { name: "IAM role ARN" }).fill("arn:aws:iam::123456789012:role/conduit-oidc");
  await page.getByRole("button", { name: /^Next/ }).click();
  const oidcPolicy = trust.getByLabel("Role trust policy", { exact: true });
  await expect(oidcPolicy).toContainText("sts:AssumeRoleWithWebIdentity");
  await expect(oidcPolicy).toContainText(":sub");
  await expect(oidcPolicy).toContainText("arn:aws:iam::123456789012:oidc-provider/");
  await expect(page.getByLabel("Commands that create and attach the policy")).toContainText(
    "aws iam attach-role-policy --role-name conduit-oidc",
  );
});
