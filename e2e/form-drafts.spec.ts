// Drafts of the infrastructure definition and GitOps cluster forms (kept as typed, restored after
// a reload, leaving asks, discarding offers to delete the secrets created in the form, nothing left
// once saved), and the form details of issue 15: no lookup or kubeconfig for a cluster value the
// field refuses, typed controls in "Try runtime inputs", one GovCloud note, and Import from EKS
// describing the cluster chosen from the list without another click.
import { adminApi } from "./fixtures/auth";
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, screenshotPath, test, type APIRequestContext, type Page } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `drafts_${suffix}`;
const qs = `org=default&project=${PROJECT}`;
const env = `Drafts_env_${suffix}`;
const connector = `drafts_aws_${suffix}`;
const MGMT = `drafts-mgmt-${suffix}`;
const kept = `Kept_token_${suffix}`;

const draftsOf = (page: Page, kind: string) =>
  page.evaluate(
    (prefix) =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .map((k) => localStorage.getItem(k))
        .join("\n"),
    `conduit.draft:${kind}:`,
  );
const restoredNotice = (page: Page) => page.getByRole("status").filter({ hasText: "Draft restored" });

/** Dialogs the page opens: a reload's unload prompt is accepted, an in-app leave is refused. */
function dialogsOf(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (d) => {
    seen.push(d.type());
    void (d.type() === "beforeunload" ? d.accept() : d.dismiss());
  });
  return seen;
}

test.describe.serial("form drafts and details", () => {
  let api: APIRequestContext;
  test.beforeAll(async ({ playwright }) => {
    api = await adminApi(playwright);
    const request = api;
    expect(
      (
        await request.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: `Drafts ${suffix}` } })
      ).status(),
    ).toBe(201);
    expect(
      (
        await request.post(`/api/connectors?${qs}`, {
          data: {
            name: "Drafts AWS",
            identifier: connector,
            spec: { credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" } },
          },
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await request.post(`/api/environments?${qs}`, {
          data: { name: "Drafts", identifier: env, type: "PreProduction" },
        })
      ).status(),
    ).toBe(201);
    await aws.addCluster({ region: "us-east-1", name: MGMT });
    const secret = await request.post(`/api/secrets?${qs}`, {
      data: { identifier: kept, name: kept, value: `kept-${suffix}` },
    });
    expect(secret.status()).toBe(201);
    const agent = await request.post(`/api/gitops/agents?${qs}`, {
      data: {
        name: "Drafts agent",
        identifier: "drafts_agent",
        namespace: "argocd",
        spec: {
          connectorRef: connector,
          managementCluster: `us-east-1/${MGMT}`,
          agentRoleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/ArgoCD`,
        },
      },
    });
    expect(agent.status(), await agent.text()).toBe(201);
  });
  test.afterAll(async () => api.dispose());

  test("the infrastructure form keeps a draft, asks before leaving, and starts no lookup for a refused cluster", async ({
    page,
  }) => {
    const dialogs = dialogsOf(page);
    const namespaceCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/aws/eks/namespaces")) namespaceCalls.push(r.url());
    });
    await page.goto(`/infrastructures/new?${qs}&environment=${env}`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Web ${suffix}`);
    const identifier = page.getByRole("textbox", { name: "Identifier", exact: true });
    await identifier.fill(`web_custom_${suffix}`);

    // A cluster value the field refuses: no namespace lookup, no kubeconfig link.
    await page.getByRole("button", { name: "Choose connector" }).click();
    await page
      .getByRole("dialog", { name: "Choose an AWS connector" })
      .getByRole("option", { name: "Drafts AWS" })
      .click();
    const cluster = page.getByRole("combobox", { name: "Cluster", exact: true });
    await cluster.fill("us-east-9/prod");
    await page.getByRole("textbox", { name: "Release name" }).click();
    await expect(page.getByRole("link", { name: "Download kubeconfig" })).toHaveCount(0);
    await cluster.fill(`us-east-1/${MGMT}`);
    await expect(page.getByRole("link", { name: "Download kubeconfig" })).toBeVisible();
    expect(namespaceCalls.every((u) => !u.includes("us-east-9"))).toBe(true);
    expect(namespaceCalls.length).toBeGreaterThan(0);

    await expect.poll(() => draftsOf(page, "infrastructure")).toContain(`us-east-1/${MGMT}`);
    await page.reload();
    expect(dialogs).toContain("beforeunload");
    await expect(restoredNotice(page)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(`Web ${suffix}`);
    await expect(identifier).toHaveValue(`web_custom_${suffix}`);
    await expect(page.getByRole("combobox", { name: "Cluster", exact: true })).toHaveValue(`us-east-1/${MGMT}`);
    // The identifier was typed in before the reload: a new name does not overwrite it.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Web renamed ${suffix}`);
    await expect(identifier).toHaveValue(`web_custom_${suffix}`);
    await page.screenshot({ path: screenshotPath("infra-draft-restored.png") });

    // An in-app link asks; saying no stays on the form.
    dialogs.length = 0;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" }).click();
    await expect.poll(() => dialogs).toContain("confirm");
    await expect(page).toHaveURL(/\/infrastructures\/new/);

    await restoredNotice(page).getByRole("button", { name: "Discard" }).click();
    const discard = page.getByRole("dialog", { name: "Discard this draft?" });
    await expect(discard).toContainText("infrastructure definition");
    await discard.getByRole("button", { name: "Discard draft" }).click();
    await expect(discard).toBeHidden();
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
    expect(await draftsOf(page, "infrastructure")).toBe("");
  });

  test("the GitOps cluster form keeps its draft and created secrets; discarding deletes them, saving leaves no draft", async ({
    page,
  }) => {
    const dialogs = dialogsOf(page);
    const target = fakeKube.cluster();
    const secret = { identifier: `Cluster_token_${suffix}`, name: `Cluster token ${suffix}` };
    const tokenValue = `token-typed-in-form-${suffix}`;
    await page.goto(`/gitops/clusters/new?${qs}&agent=drafts_agent`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Target ${suffix}`);
    await page.getByRole("textbox", { name: "Master URL" }).fill(target.endpoint);
    await page.getByRole("textbox", { name: "Certificate authority data" }).fill(target.caData);
    await page.getByRole("radio", { name: /Bearer token/ }).check();
    await page.getByRole("button", { name: "Create secret for Bearer token" }).click();
    const create = page.getByRole("dialog", { name: "New secret" });
    await create.getByLabel("Name").fill(secret.name);
    await create.getByRole("textbox", { name: "Value", exact: true }).fill(tokenValue);
    await create.getByRole("button", { name: "Create secret" }).click();
    await expect(create).toBeHidden();
    await expect.poll(() => draftsOf(page, "gitops-cluster")).toContain(secret.identifier);
    expect(await draftsOf(page, "gitops-cluster")).not.toContain(tokenValue);

    await page.reload();
    expect(dialogs).toContain("beforeunload");
    await expect(restoredNotice(page)).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Master URL" })).toHaveValue(target.endpoint);
    await expect(page.getByRole("region", { name: "Secrets created in this form" })).toContainText(secret.name);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("gitops-cluster-draft-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

    await restoredNotice(page).getByRole("button", { name: "Discard" }).click();
    const discard = page.getByRole("dialog", { name: "Discard this draft?" });
    await expect(discard).toContainText(secret.name);
    await expect(discard.getByRole("checkbox", { name: /Delete this secret too/ })).toBeChecked();
    await discard.getByRole("button", { name: "Discard draft" }).click();
    await expect(discard).toBeHidden();
    await expect(page.getByRole("textbox", { name: "Master URL" })).toHaveValue("");
    expect((await api.get(`/api/secrets/${secret.identifier}?${qs}`)).status()).toBe(404);

    // Filled again with an existing secret and saved: the URL is the cluster's own, no draft is left.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Saved ${suffix}`);
    await page.getByRole("textbox", { name: "Master URL" }).fill(target.endpoint);
    await page.getByRole("textbox", { name: "Certificate authority data" }).fill(target.caData);
    await page.getByRole("radio", { name: /Bearer token/ }).check();
    await page.getByRole("combobox", { name: "Bearer token" }).selectOption({ label: kept });
    await page.getByRole("button", { name: "Create cluster" }).click();
    await expect(page).toHaveURL(new RegExp(`/gitops/clusters/Saved_${suffix}`));
    await expect(page.getByRole("heading", { level: 1, name: `Saved ${suffix}` })).toBeVisible();
    expect(await draftsOf(page, "gitops-cluster")).toBe("");
    await page.goto(`/gitops/clusters/new?${qs}`);
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
    await expect(restoredNotice(page)).toHaveCount(0);
  });

  test("Import from EKS describes the cluster chosen from the list", async ({ page }) => {
    await page.goto(`/gitops/clusters/new?${qs}&agent=drafts_agent`);
    await page.getByRole("button", { name: "Import from EKS" }).click();
    const dialog = page.getByRole("dialog", { name: "Import from EKS" });
    // The agent's connector is chosen for the user, even when the agents arrive after the dialog opened.
    await expect(dialog.getByText(connector).first()).toBeVisible();
    await dialog.getByRole("combobox", { name: "Region" }).selectOption("us-east-1");
    const cluster = dialog.getByRole("combobox", { name: "Cluster", exact: true });
    await cluster.click();
    await dialog.getByRole("option", { name: new RegExp(MGMT) }).click();
    await expect(dialog.getByText("Endpoint", { exact: true })).toBeVisible();
    await dialog.getByRole("button", { name: "Use this cluster" }).click();
    await expect(page.getByRole("textbox", { name: "EKS cluster name" })).toHaveValue(MGMT);
  });

  test("Try runtime inputs offers a switch for booleans and the region list", async ({ page }) => {
    const id = `Runtime_${suffix}`;
    const created = await api.post(`/api/infrastructures?${qs}`, {
      data: {
        name: `Runtime ${suffix}`,
        identifier: id,
        environmentRef: env,
        deploymentType: "Kubernetes",
        type: "KubernetesAws",
        allowSimultaneousDeployments: "<+input>",
        spec: {
          connectorRef: connector,
          region: "<+input>",
          cluster: "prod",
          namespace: "web",
        },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto(`/infrastructures/${id}?${qs}&environment=${env}`);
    await page.getByRole("button", { name: "Try runtime inputs" }).click();
    const dialog = page.getByRole("dialog", { name: "Try runtime inputs" });
    const toggle = dialog.getByRole("switch");
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    const region = dialog.getByRole("combobox", { name: /Region/ });
    await expect(region.locator('option[value="us-gov-west-1"]')).toHaveCount(1);
    await region.selectOption("eu-west-1");
    await dialog.getByRole("button", { name: "Resolve" }).click();
    const resolved = dialog.getByRole("region", { name: "Resolved definition YAML" });
    await expect(resolved).toContainText("region: eu-west-1");
    await expect(resolved).toContainText("allowSimultaneousDeployments: true");
  });

  test("the GovCloud note appears once", async ({ page }) => {
    await page.goto(`/connectors/new?${qs}`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Gov ${suffix}`);
    await page.getByRole("button", { name: /^Next/ }).click();
    await page.getByRole("combobox", { name: "Test region" }).selectOption("us-gov-west-1");
    await expect(page.getByText("GovCloud is a separate partition")).toHaveCount(1);
  });
});
