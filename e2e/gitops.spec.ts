// GitOps clusters through the console: register an agent, import a cluster from EKS, copy the
// agent role's trust policy from the setup guide, test the connection (first refused because
// the deployer role is not mapped, then mapped and successful), and check what was stored.
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, screenshotPath, test } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `gitops_${suffix}`;
const scopeQs = `org=default&project=${PROJECT}`;
const MGMT = `mgmt-${suffix}`;
const ISSUER = `https://oidc.eks.us-east-1.amazonaws.com/id/${suffix.toUpperCase()}0000000000000000`;
const SERVER_ARN = `arn:aws:iam::${SERVER_ACCOUNT}:user/conduit-server`;

test("import a cluster from EKS, copy the guide's trust policy, test it until it connects", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const target = fakeKube.cluster();
  const deployerName = `Deployer-${suffix}`;
  const deployerArn = `arn:aws:iam::${SERVER_ACCOUNT}:role/${deployerName}`;
  // The AWS side: a management cluster with an OIDC issuer, a deployer role the connector's identity may assume.
  await aws.addCluster({ region: "us-east-1", name: MGMT, oidcIssuer: ISSUER });
  await aws.addRole({ name: deployerName, accountId: SERVER_ACCOUNT, trust: { principals: [SERVER_ARN] } });
  expect(
    (
      await request.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: `GitOps ${suffix}` } })
    ).status(),
  ).toBe(201);
  const connector = await request.post(`/api/connectors?${scopeQs}`, {
    data: {
      name: "Management",
      identifier: "mgmt_aws",
      spec: {
        credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
        delegateSelectors: [],
        executeOnDelegate: true,
      },
    },
  });
  expect(connector.status()).toBe(201);

  // Register the agent.
  await page.goto(`/gitops?${scopeQs}`);
  await expect(page.getByRole("heading", { name: "Register an agent first" })).toBeVisible();
  await page.getByRole("button", { name: "New agent" }).first().click();
  const agentDialog = page.getByRole("dialog", { name: "New GitOps agent" });
  await agentDialog.getByRole("textbox", { name: "Name", exact: true }).fill("Management agent");
  await agentDialog.getByRole("button", { name: "Choose connector" }).click();
  await page
    .getByRole("dialog", { name: "Choose an AWS connector" })
    .getByRole("option", { name: "Management" })
    .click();
  await agentDialog.getByRole("combobox", { name: "Management cluster" }).fill(`us-east-1/${MGMT}`);
  await agentDialog.getByRole("textbox", { name: "Namespace" }).fill("gitops");
  await agentDialog.getByRole("textbox", { name: "Agent role ARN" }).fill(`arn:aws:iam::${SERVER_ACCOUNT}:role/ArgoCD`);
  await page.screenshot({ path: screenshotPath("gitops-agent-dialog.png") });
  await agentDialog.getByRole("button", { name: "Register agent" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Registered agent Management agent." })).toBeVisible();

  // New cluster, imported from EKS.
  await page.getByRole("link", { name: "New cluster" }).first().click();
  await expect(page.getByRole("heading", { name: "New GitOps cluster" })).toBeVisible();
  await page.getByRole("combobox", { name: "GitOps agent" }).selectOption("Management_agent");
  await page.getByRole("button", { name: "Import from EKS" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import from EKS" });
  await expect(importDialog.getByText("mgmt_aws").first()).toBeVisible(); // the agent's connector is preselected
  await importDialog.getByRole("combobox", { name: "Region" }).selectOption("us-east-1");
  await importDialog.getByRole("combobox", { name: "Cluster", exact: true }).fill(target.name);
  await importDialog.getByRole("button", { name: "Describe" }).click();
  await expect(importDialog.getByText(target.endpoint)).toBeVisible();
  await importDialog.getByRole("button", { name: "Use this cluster" }).click();
  await expect(page.getByRole("textbox", { name: "Master URL" })).toHaveValue(target.endpoint);
  await expect(page.getByRole("textbox", { name: "Certificate authority data" })).toHaveValue(target.caData);
  await expect(page.getByRole("textbox", { name: "EKS cluster name" })).toHaveValue(target.name);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(target.name);
  await page.getByRole("textbox", { name: "Role ARN" }).fill(deployerArn);
  await page.screenshot({ path: screenshotPath("gitops-cluster-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { level: 1, name: target.name })).toBeVisible();

  // The setup guide, for these values; copy the agent role's trust policy.
  await page.getByRole("tab", { name: "Setup guide" }).click();
  await expect(page.getByText(`OIDC issuer of the management cluster: ${ISSUER}`)).toBeVisible();
  await page.getByRole("button", { name: "Copy agent role trust policy" }).click();
  await expect(page.getByRole("button", { name: "Copy agent role trust policy" })).toContainText("Copied");
  const policy = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  const hostPath = ISSUER.replace("https://", "");
  expect(policy.Statement[0]).toEqual({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${SERVER_ACCOUNT}:oidc-provider/${hostPath}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { [`${hostPath}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${hostPath}:sub`]: "system:serviceaccount:gitops:*" },
    },
  });
  await page.screenshot({ path: screenshotPath("gitops-setup-guide.png"), fullPage: true });

  // Test: the cluster does not map the deployer role yet, so the token is rejected.
  await page.getByRole("button", { name: "Test connection" }).click();
  const failed = page.getByRole("alert").filter({ hasText: "Connection failed" });
  await expect(failed).toContainText("Call /version on the cluster");
  const mapping = `eksctl create iamidentitymapping --cluster ${target.name} --region us-east-1 --arn ${deployerArn} --group system:masters --username deployer`;
  await expect(page.getByLabel("Command that fixes it")).toHaveText(mapping);
  await page.screenshot({ path: screenshotPath("gitops-test-failed.png"), fullPage: true });
  // Each step streamed in and stayed: three passed, the call failed with the mapping to copy.
  const steps = page.getByRole("list", { name: "Cluster test steps" });
  await expect(steps.getByRole("listitem", { name: /: Passed$/ })).toHaveCount(3);
  await expect(steps.getByRole("listitem", { name: "Call /version on the cluster: Failed" })).toBeVisible();
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("gitops-test-failed-390.png"), fullPage: true });
  await page.setViewportSize(viewport);
  let rows = await queryRows<{ connectionStatus: string; statusReason: string }>(
    `SELECT "connectionStatus", "statusReason" FROM "GitopsCluster" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  expect(rows).toEqual([{ connectionStatus: "Failed", statusReason: expect.stringContaining("not mapped") }]);

  // The user runs the mapping (here: the fake cluster's admin API); the next test connects.
  await fakeKube.addMapping({ arn: deployerArn, username: "deployer", groups: ["system:masters"] });
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection successful" })).toContainText("Kubernetes v1.31");
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByText("Connection: Successful").first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("gitops-cluster-details.png"), fullPage: true });
  rows = await queryRows(
    `SELECT "connectionStatus", "serverVersion", "testedAt" IS NOT NULL AS tested, "version" FROM "GitopsCluster" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  expect(rows).toEqual([
    { connectionStatus: "Successful", serverVersion: expect.stringMatching(/^v1\.31/), tested: true, version: 1 },
  ]);
  const audit = await queryRows<{ action: string }>(
    `SELECT action FROM "AuditEvent" WHERE "entityType" = 'GitopsCluster' AND "projectIdentifier" = $1 ORDER BY at`,
    [PROJECT],
  );
  expect(audit.map((a) => a.action)).toEqual(["CREATE", "TEST", "TEST"]);

  // The list shows the status.
  await page.goto(`/gitops?${scopeQs}`);
  await expect(page.getByRole("row", { name: new RegExp(target.name) })).toContainText("Successful");
  await page.screenshot({ path: screenshotPath("gitops-list.png"), fullPage: true });

  // The edit page, opened fresh, shows the cluster's agent once the agent list has arrived.
  const [cluster] = await queryRows<{ identifier: string }>(
    `SELECT identifier FROM "GitopsCluster" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  await page.goto(`/gitops/clusters/${cluster!.identifier}/edit?${scopeQs}`);
  await expect(page.getByRole("combobox", { name: "GitOps agent" })).toHaveValue("Management_agent");
});
