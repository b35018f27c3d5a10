// Environments and EKS infrastructure definitions through the console, as a user builds them:
// an environment, then a definition whose connector, region, cluster and namespace are picked
// from live lists (AWS emulator + fake Kubernetes API), a namespace turned into a runtime input
// and resolved in the "Try runtime inputs" dialog, and an edit through the YAML tab.
import { adminApi } from "./fixtures/auth";
import type { Locator } from "@playwright/test";
import { expect, screenshotPath, test, type APIRequestContext, type Page } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";
import { fillYamlEditor, yamlEditorText } from "./fixtures/yaml-editor";
import { fakeKube } from "./fixtures/fake-kubernetes/admin-client";

const suffix = Date.now().toString(36);
const scope = "org=default&project=default_project";
const env = { name: `Staging ${suffix}`, identifier: `Staging_${suffix}` };
const infra = { name: `EKS web ${suffix}`, identifier: `EKS_web_${suffix}` };
const connector = { name: `EKS deployer ${suffix}`, identifier: `eks_deployer_${suffix}` };
const euCluster = `eu-web-${suffix}`;
const namespaces = ["default", "kube-system", `payments-${suffix}`, `staging-${suffix}`];

type Row = {
  spec: Record<string, string>;
  version: number;
  description: string;
  deploymentType: string;
  allowSimultaneousDeployments: unknown;
};
const row = async () =>
  (
    await queryRows<Row>(
      `SELECT d.spec, d.version, d.description, d."deploymentType", d."allowSimultaneousDeployments"
         FROM "InfrastructureDefinition" d JOIN "Environment" e ON e.id = d."environmentId"
        WHERE d.identifier = $1 AND e.identifier = $2`,
      [infra.identifier, env.identifier],
    )
  )[0];

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

test.describe.serial("EKS infrastructure definitions", () => {
  let api: APIRequestContext;
  const kube = fakeKube.cluster();

  test.beforeAll(async ({ playwright }) => {
    api = await adminApi(playwright);
    // An access-key principal allowed to list and describe clusters; clusters in two regions.
    const user = await aws.addUser({
      name: `eks-deployer-${suffix}`,
      accountId: "123456789012",
      allow: ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster"],
    });
    await aws.addCluster({ region: "eu-west-1", name: euCluster, accountId: "123456789012" });
    // The fake Kubernetes API (the emulator's us-east-1 cluster) lets this identity in.
    await fakeKube.addMapping({ arn: user.arn, username: "deployer", groups: ["system:masters"] });
    await fakeKube.setNamespaces(namespaces);
    const sk = `eks_sk_${suffix}`;
    expect(
      (
        await api.post(`/api/secrets?${scope}`, { data: { identifier: sk, name: sk, value: user.secretAccessKey } })
      ).status(),
    ).toBe(201);
    const created = await api.post(`/api/connectors?${scope}`, {
      data: {
        name: connector.name,
        identifier: connector.identifier,
        spec: {
          credential: {
            type: "ManualConfig",
            spec: { accessKey: user.accessKeyId, secretKeyRef: sk },
            region: "us-east-1",
          },
        },
      },
    });
    expect(created.status()).toBe(201);
  });
  test.afterAll(async () => api.dispose());

  test("infrastructure pages ask for a project at account scope", async ({ page }) => {
    await page.goto("/infrastructures");
    await expect(page.getByRole("heading", { level: 1, name: "Infrastructure definitions" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Pick a project" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Pick a project" })).toBeVisible();
  });

  test("a user creates an environment", async ({ page }) => {
    await page.goto(`/environments?${scope}`);
    await page.getByRole("button", { name: "New environment" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New environment" });
    await dialog.getByRole("textbox", { name: "Name" }).fill(env.name);
    await expect(dialog.getByRole("textbox", { name: "Identifier" })).toHaveValue(env.identifier);
    await expect(dialog.getByRole("radio", { name: "Pre-production" })).toBeChecked();
    await dialog.getByRole("textbox", { name: "Description" }).fill("Where releases are checked before production");
    await dialog.getByRole("button", { name: "Create environment" }).click();
    await expect(page.getByRole("status")).toContainText(`Created environment ${env.name}`);
    const tableRow = page.getByRole("row").filter({ hasText: env.identifier });
    await expect(tableRow).toContainText("Pre-production");
    await expect(tableRow).toContainText("None yet");
    const [stored] = await queryRows<{ type: string; description: string }>(
      `SELECT type, description FROM "Environment" WHERE identifier = $1`,
      [env.identifier],
    );
    expect(stored).toEqual({ type: "PreProduction", description: "Where releases are checked before production" });
    await shot(page, "environments.png");
  });

  test("a user builds a definition from the live lists and saves it", async ({ page }) => {
    await page.goto(`/environments?${scope}`);
    await page.getByRole("link", { name: `Add an infrastructure definition to ${env.name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New infrastructure definition" })).toBeVisible();
    await expect(page.getByLabel("Environment")).toHaveValue(env.identifier);

    await page.getByRole("textbox", { name: "Name", exact: true }).fill(infra.name);
    await expect(page.getByRole("textbox", { name: "Identifier" })).toHaveValue(infra.identifier);
    await expect(page.getByRole("radio", { name: "Kubernetes", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Elastic Kubernetes Service" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Remote (Git)" })).toBeDisabled();

    // Connector: the picker lists it with its scope and last test.
    await page.getByRole("button", { name: "Choose connector" }).click();
    const picker = page.getByRole("dialog", { name: "Choose an AWS connector" });
    await expect(picker.getByText(connector.identifier)).toBeVisible();
    // Picking closes the dialog at once.
    await picker.getByRole("option", { name: connector.name }).click();
    await expect(picker).toBeHidden();
    const section = page.getByRole("region", { name: "Cluster details" });
    await expect(section).toContainText(connector.name);

    // Cluster across all regions: values are region/cluster, from both regions.
    const cluster = section.getByRole("combobox", { name: /^Cluster/ });
    await cluster.click();
    const clusterList = page.getByRole("listbox", { name: "Clusters" });
    await expect(clusterList.getByRole("option", { name: new RegExp(euCluster) })).toBeVisible();
    await expect(clusterList.getByRole("option", { name: new RegExp(kube.name) })).toBeVisible();

    // A region narrows the list to that region's clusters, with bare names.
    await section.getByRole("combobox", { name: /^Region/ }).selectOption("eu-west-1");
    await cluster.click();
    await expect(clusterList.getByRole("option")).toHaveCount(1);
    await expect(clusterList.getByRole("option", { name: euCluster })).toBeVisible();
    await section.getByRole("combobox", { name: /^Region/ }).selectOption("");
    await cluster.click();
    await clusterList.getByRole("option", { name: new RegExp(kube.name) }).click();
    await expect(cluster).toHaveValue(`${kube.region}/${kube.name}`);

    // Namespace suggestions come from the cluster itself.
    const namespace = section.getByRole("combobox", { name: /^Namespace/ });
    await namespace.click();
    const nsList = page.getByRole("listbox", { name: "Namespaces" });
    await expect(nsList.getByRole("option")).toHaveCount(namespaces.length);
    await nsList.getByRole("option", { name: `payments-${suffix}` }).click();
    await expect(namespace).toHaveValue(`payments-${suffix}`);
    await expect(section.getByRole("link", { name: "Download kubeconfig" })).toBeVisible();
    await expect(section.getByRole("textbox", { name: /^Release name/ })).toHaveValue("release-<+INFRA_KEY_SHORT_ID>");
    await shot(page, "infra-form.png");

    await page.getByRole("button", { name: "Save definition" }).click();
    await expect(page.getByRole("heading", { level: 1, name: infra.name, exact: true })).toBeVisible();
    const stored = await row();
    expect(stored?.spec).toEqual({
      connectorRef: connector.identifier,
      cluster: `${kube.region}/${kube.name}`,
      namespace: `payments-${suffix}`,
      releaseName: "release-<+INFRA_KEY_SHORT_ID>",
    });
    expect(stored?.version).toBe(1);
    await shot(page, "infra-details.png");
  });

  test("a fixed namespace that is not a DNS label is refused on the field", async ({ page }) => {
    await page.goto(`/infrastructures/${infra.identifier}/edit?${scope}&environment=${env.identifier}`);
    // A fresh page: the environment list arrives after the form's values, and the select shows the one saved.
    await expect(page.getByRole("combobox", { name: "Environment" })).toHaveValue(env.identifier);
    const namespace = page
      .getByRole("region", { name: "Cluster details" })
      .getByRole("combobox", { name: /^Namespace/ });
    await namespace.fill("Not_A_Label");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/A namespace is a DNS label/)).toBeVisible();
    expect((await row())?.version).toBe(1);

    // Changing the connector clears the cluster picked from its list; the cluster is then free text.
    const section = page.getByRole("region", { name: "Cluster details" });
    await expect(section.getByRole("combobox", { name: /^Cluster/ })).toHaveValue(`${kube.region}/${kube.name}`);
    await section.getByRole("button", { name: "Value type for Connector: Fixed" }).click();
    await page.getByRole("menuitemradio", { name: /^Expression/ }).click();
    await expect(section.getByRole("textbox", { name: "Cluster", exact: true })).toHaveValue("");
    await expect(section).toContainText("The cluster list needs a fixed connector");
  });

  test("the namespace becomes a runtime input with allowed values and is resolved in the dialog", async ({ page }) => {
    await page.goto(`/infrastructures/${infra.identifier}/edit?${scope}&environment=${env.identifier}`);
    const section = page.getByRole("region", { name: "Cluster details" });
    await switchToRuntimeInput(page, section, "Namespace", [`staging-${suffix}`, `payments-${suffix}`]);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: infra.name, exact: true })).toBeVisible();
    const stored = await row();
    expect(stored?.spec.namespace).toBe(`<+input>.allowedValues(staging-${suffix},payments-${suffix})`);
    expect(stored?.version).toBe(2);

    await page.getByRole("button", { name: "Try runtime inputs" }).click();
    const dialog = page.getByRole("dialog", { name: "Try runtime inputs" });
    const ns = dialog.getByRole("combobox", { name: /Namespace/ });
    // Without a value (and no default) the server names the missing input.
    await dialog.getByRole("button", { name: "Resolve" }).click();
    await expect(dialog.getByRole("alert").first()).toBeVisible();
    await expect(ns).toHaveAttribute("aria-invalid", "true");
    await ns.selectOption(`staging-${suffix}`);
    await dialog.getByRole("button", { name: "Resolve" }).click();
    const resolved = dialog.getByRole("region", { name: "Resolved definition YAML" });
    await expect(resolved).toContainText(`namespace: staging-${suffix}`);
    await expect(resolved).toContainText("releaseName: release-<+INFRA_KEY_SHORT_ID>");
    await expect(ns).toHaveAttribute("aria-invalid", "false");
    await shot(page, "infra-resolve.png");
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  test("an edit through the YAML tab is saved as a new version", async ({ page }) => {
    await page.goto(`/infrastructures/${infra.identifier}?${scope}&environment=${env.identifier}`);
    await page.getByRole("tab", { name: "YAML" }).click();
    await page.getByRole("button", { name: "Edit YAML" }).click();
    const editor = page.getByRole("textbox", { name: "Infrastructure definition YAML" });
    const text = await yamlEditorText(editor);
    expect(text).toContain("infrastructureDefinition:");
    await fillYamlEditor(
      editor,
      text
        .replace("deploymentType: Kubernetes", "deploymentType: NativeHelm")
        .replace(/releaseName: .*/, "releaseName: web-helm"),
    );
    await page.getByRole("button", { name: "Save YAML" }).click();
    await expect(page.getByText("Saved as version 3.")).toBeVisible();
    const stored = await row();
    expect(stored?.deploymentType).toBe("NativeHelm");
    expect(stored?.spec.releaseName).toBe("web-helm");
    expect(stored?.version).toBe(3);
    await page.getByRole("tab", { name: "Overview" }).click();
    await expect(page.getByRole("tabpanel")).toContainText("Native Helm");

    // The list shows it under its environment.
    await page.goto(`/infrastructures?${scope}&environment=${env.identifier}`);
    await expect(page.getByRole("row").filter({ hasText: infra.identifier })).toContainText("Runtime input");
    await shot(page, "infra-list.png");
  });
});

/** Turns a field into a runtime input with allowed values through the MultiTypeInput controls. */
async function switchToRuntimeInput(page: Page, section: Locator, label: string, allowed: string[]) {
  await section.getByRole("button", { name: `Value type for ${label}: Fixed` }).click();
  await page.getByRole("menuitemradio", { name: /^Runtime input/ }).click();
  await section.getByRole("button", { name: `Edit runtime input for ${label}` }).click();
  const editor = page.getByRole("dialog", { name: `Runtime input: ${label}` });
  await editor.getByRole("radio", { name: "Allowed values" }).check();
  for (const v of allowed) {
    await editor.getByRole("textbox", { name: "Allowed value" }).fill(v);
    await editor.getByRole("button", { name: "Add", exact: true }).click();
  }
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor).toBeHidden();
  await expect(section.getByRole("textbox", { name: label, exact: true })).toHaveValue(
    `<+input>.allowedValues(${allowed.join(",")})`,
  );
}
