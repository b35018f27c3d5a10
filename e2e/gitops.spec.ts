// GitOps clusters through the console: register a Harness GitOps agent, import a cluster from
// EKS, copy the agent role's trust policy from the setup guide, test the chain the agent relies
// on (first refused: the agent role trusts another namespace; the policy the failing step offers
// is applied; then every link passes), check what was stored, and the agent's own page.
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { setUpGitopsChain } from "./fixtures/gitops-chain";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { yamlEditorText } from "./fixtures/yaml-editor";
import { expect, screenshotPath, test } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `gitops_${suffix}`;
const scopeQs = `org=default&project=${PROJECT}`;

test("import a cluster from EKS, copy the guide's trust policy, test the chain until it connects", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // The AWS side as the guide sets it up, except that the agent role trusts another namespace.
  const chain = await setUpGitopsChain({ suffix, accountId: SERVER_ACCOUNT, kube: fakeKube.cluster() });
  await chain.breakLink("agentTrust");
  const target = chain.target;
  const MGMT = chain.managementCluster.split("/")[1]!;
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

  // Register the agent: the Harness GitOps agent is the default flavour.
  await page.goto(`/gitops?${scopeQs}`);
  await expect(page.getByRole("heading", { name: "Register an agent first" })).toBeVisible();
  await page.getByRole("button", { name: "New agent" }).first().click();
  const agentDialog = page.getByRole("dialog", { name: "New GitOps agent" });
  await agentDialog.getByRole("textbox", { name: "Name", exact: true }).fill("Management agent");
  await expect(agentDialog.getByRole("combobox", { name: "Agent", exact: true })).toHaveValue("HARNESS_GITOPS_AGENT");
  await agentDialog.getByRole("button", { name: "Choose connector" }).click();
  await page
    .getByRole("dialog", { name: "Choose an AWS connector" })
    .getByRole("option", { name: "Management" })
    .click();
  await agentDialog.getByRole("combobox", { name: "Management cluster" }).fill(chain.managementCluster);
  await agentDialog.getByRole("textbox", { name: "Namespace" }).fill(chain.namespace);
  await agentDialog.getByRole("textbox", { name: "Agent role ARN" }).fill(chain.agentRoleArn);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: screenshotPath("gitops-agent-dialog.png") });
  // The actions stay in view in a short window and on a phone.
  await expect(agentDialog.getByRole("button", { name: "Register agent" })).toBeInViewport();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(agentDialog.getByRole("button", { name: "Register agent" })).toBeInViewport();
  await page.screenshot({ path: screenshotPath("gitops-agent-dialog-390.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
  await agentDialog.getByRole("button", { name: "Register agent" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Registered agent Management agent." })).toBeVisible();

  // New cluster, imported from EKS: choosing it from the list describes it.
  await page.getByRole("link", { name: "New cluster" }).first().click();
  await expect(page.getByRole("heading", { name: "New GitOps cluster" })).toBeVisible();
  await page.getByRole("combobox", { name: "GitOps agent" }).selectOption("Management_agent");
  await page.getByRole("button", { name: "Import from EKS" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import from EKS" });
  await expect(importDialog.getByText("mgmt_aws").first()).toBeVisible(); // the agent's connector is preselected
  await importDialog.getByRole("combobox", { name: "Region" }).selectOption("us-east-1");
  await importDialog.getByRole("combobox", { name: "Cluster", exact: true }).click();
  await importDialog.getByRole("option", { name: new RegExp(target.name) }).click();
  await expect(importDialog.getByText(target.endpoint)).toBeVisible();
  await importDialog.getByRole("button", { name: "Use this cluster" }).click();
  await expect(page.getByRole("textbox", { name: "Master URL" })).toHaveValue(target.endpoint);
  await expect(page.getByRole("textbox", { name: "Certificate authority data" })).toHaveValue(target.caData);
  await expect(page.getByRole("textbox", { name: "EKS cluster name" })).toHaveValue(target.name);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(target.name);
  await page.getByRole("textbox", { name: "Role ARN" }).fill(chain.deployerRoleArn);
  await page.screenshot({ path: screenshotPath("gitops-cluster-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { level: 1, name: target.name })).toBeVisible();

  // The setup guide, for these values; copy the agent role's trust policy.
  await page.getByRole("tab", { name: "Setup guide" }).click();
  await expect(page.getByText(`OIDC issuer of the management cluster: ${chain.issuer}`)).toBeVisible();
  await page.getByRole("button", { name: "Copy agent role trust policy" }).click();
  await expect(page.getByRole("button", { name: "Copy agent role trust policy" })).toContainText("Copied");
  const policy = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  const hostPath = chain.issuer.replace("https://", "");
  expect(policy.Statement[0]).toEqual({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${SERVER_ACCOUNT}:oidc-provider/${hostPath}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { [`${hostPath}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${hostPath}:sub`]: `system:serviceaccount:${chain.namespace}:*` },
    },
  });
  // The Harness agent's workloads get fsGroup 999: its own Deployment and the controller.
  await expect(page.getByText(`kubectl -n ${chain.namespace} patch deployment gitops-agent`).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("gitops-setup-guide.png"), fullPage: true });

  // Test: the agent role trusts another namespace, so the chain breaks at its trust policy; the
  // step offers the policy that fixes it.
  await page.getByRole("button", { name: "Test connection" }).click();
  const failed = page.getByRole("alert").filter({ hasText: "Connection failed" });
  await expect(failed).toContainText("Agent role trusts the agent's service accounts");
  const steps = page.getByRole("list", { name: "Cluster test steps" });
  // The other links do not depend on it: they are checked too, and pass.
  await expect(steps.getByRole("listitem", { name: /: Passed$/ })).toHaveCount(5);
  const trustStep = steps.getByRole("listitem", { name: "Agent role trusts the agent's service accounts: Failed" });
  await expect(trustStep).toBeVisible();
  await trustStep.getByRole("button", { name: /Copy the policy for/ }).click();
  const offered = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(offered).toEqual(policy);
  await page.screenshot({ path: screenshotPath("gitops-test-failed.png"), fullPage: true });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("gitops-test-failed-390.png"), fullPage: true });
  await page.setViewportSize(viewport);
  let rows = await queryRows<{ connectionStatus: string; statusReason: string }>(
    `SELECT "connectionStatus", "statusReason" FROM "GitopsCluster" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  expect(rows).toEqual([{ connectionStatus: "Failed", statusReason: expect.stringContaining("trust policy") }]);

  // The user applies the offered policy (here: the emulator's admin API); every link passes.
  await aws.setTrustPolicy(chain.agentRoleArn, offered);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection successful" })).toBeVisible();
  await expect(steps.getByRole("listitem", { name: /: Passed$/ })).toHaveCount(6);
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(page.getByText("Connection: Successful").first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("gitops-cluster-details.png"), fullPage: true });
  rows = await queryRows(
    `SELECT "connectionStatus", "testedAt" IS NOT NULL AS tested, "version" FROM "GitopsCluster" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  expect(rows).toEqual([{ connectionStatus: "Successful", tested: true, version: 1 }]);
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

  // The agent's own page: where it runs, its clusters, its YAML; edited in the dialog; delete is
  // refused while a cluster uses it, naming the cluster.
  await page.goto(`/gitops?${scopeQs}&tab=agents`);
  await page.getByRole("link", { name: "Management agent" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Management agent" })).toBeVisible();
  await expect(page.getByText(`us-east-1/${MGMT}`)).toBeVisible();
  await page.getByRole("tab", { name: "Clusters (1)" }).click();
  await expect(page.getByRole("row", { name: new RegExp(target.name) })).toBeVisible();
  await page.getByRole("tab", { name: "Setup guide" }).click();
  const agentSteps = page.getByRole("heading", { level: 3 });
  await expect(agentSteps.first()).toContainText("IAM OIDC provider of the management cluster");
  await expect(agentSteps).toHaveCount(11);
  await expect(page.getByText("· replace <TARGET_ACCOUNT_ID>, <CLUSTER_ROLE>").first()).toBeVisible();
  await page.getByRole("tab", { name: "YAML" }).click();
  const agentYaml = page.getByRole("textbox", { name: "GitOps agent YAML" });
  await expect.poll(() => yamlEditorText(agentYaml)).toContain("identifier: Management_agent");
  expect(await yamlEditorText(agentYaml)).toContain(`managementCluster: us-east-1/${MGMT}`);
  await page.screenshot({ path: screenshotPath("gitops-agent-yaml.png"), fullPage: true });

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit Management agent" });
  await edit.getByRole("textbox", { name: "Description" }).fill("Runs in the platform account");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("Runs in the platform account", { exact: true })).toBeVisible();
  const [agentRow] = await queryRows<{ description: string; version: number }>(
    `SELECT description, version FROM "GitopsAgent" WHERE "projectIdentifier" = $1`,
    [PROJECT],
  );
  expect(agentRow).toEqual({ description: "Runs in the platform account", version: 2 });

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const del = page.getByRole("alertdialog", { name: "Delete agent Management agent?" });
  await del.getByRole("button", { name: "Delete agent" }).click();
  await expect(del).toContainText(target.name);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("gitops-agent-delete-refused-390.png"), fullPage: true });
  await page.setViewportSize(viewport);
  expect(await queryRows(`SELECT 1 FROM "GitopsAgent" WHERE "projectIdentifier" = $1`, [PROJECT])).toHaveLength(1);
});
