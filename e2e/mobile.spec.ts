// The console on a phone (390 × 844, touch): every console page fits the screen's width (no
// sideways scroll) and is saved as a screenshot to look at; the navigation is a drawer; the
// connector wizard can be completed by tapping; and Escape in a combobox inside a dialog closes
// only the list.
import { adminApi } from "./fixtures/auth";
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, screenshotPath, test, type Page } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `mobile_${suffix}`;
const qs = `org=default&project=${PROJECT}`;
const ENV = "dev";
const INFRA = "eks_web";
const CONNECTOR = "phone_aws";
const MGMT = `phone-mgmt-${suffix}`;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Waits for the page to settle, checks it does not scroll sideways, and saves a screenshot. */
async function check(page: Page, name: string, { dialog = false } = {}) {
  // An open modal hides the page (and its heading) from the accessibility tree.
  if (!dialog) await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  // Lists and forms load after the heading; let them arrive (a page may hold a stream open, so
  // not "networkidle").
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(400);
  const width = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    // What sticks out, to say which element to fix when the check fails.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`),
  }));
  expect(width.scroll, `${name} scrolls sideways: ${width.wide.join(", ")}`).toBeLessThanOrEqual(width.inner);
  // A mobile browser widens its layout viewport to fit content that sticks out: also hold the
  // page to the device's own width.
  expect(width.scroll, `${name} is wider than the phone`).toBeLessThanOrEqual(page.viewportSize()!.width);
  const path = screenshotPath(`mobile-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(`mobile-${name}`, { path, contentType: "image/png" });
}

// Not serial: one page's failure should not hide the others'. After a failure the worker starts
// again and the data is already there (409).
test.describe("phone", () => {
  test.beforeAll(async ({ playwright }) => {
    // The data every page needs, in a project of its own, through the API (an admin token).
    const api = await adminApi(playwright);
    const ok = async (res: Promise<import("@playwright/test").APIResponse>) => {
      const r = await res;
      expect([200, 201, 409], await r.text()).toContain(r.status());
    };
    const target = fakeKube.cluster();
    await aws.addCluster({
      region: "us-east-1",
      name: MGMT,
      oidcIssuer: `https://oidc.eks.us-east-1.amazonaws.com/id/${suffix.toUpperCase()}00000000000000000`,
    });
    await ok(api.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: `Phone ${suffix}` } }));
    await ok(
      api.post(`/api/connectors?${qs}`, {
        data: {
          name: "Phone account",
          identifier: CONNECTOR,
          description: "A connector with a rather long description to see how it wraps on a narrow screen",
          tags: { team: "platform", env: "dev" },
          spec: { credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" }, delegateSelectors: [] },
        },
      }),
    );
    await ok(api.post(`/api/environments?${qs}`, { data: { name: "Dev", identifier: ENV, type: "PreProduction" } }));
    await ok(
      api.post(`/api/infrastructures?${qs}`, {
        data: {
          name: "EKS web",
          identifier: INFRA,
          environmentRef: ENV,
          deploymentType: "Kubernetes",
          type: "KubernetesAws",
          spec: { connectorRef: CONNECTOR, region: "us-east-1", cluster: "us-east-1/Cluster-test", namespace: "web" },
        },
      }),
    );
    await ok(
      api.post(`/api/gitops/agents?${qs}`, {
        headers: { "content-type": "application/yaml" },
        data: `gitopsAgent:\n  name: Agent\n  identifier: agent\n  namespace: argocd\n  spec:\n    connectorRef: ${CONNECTOR}\n    managementCluster: us-east-1/${MGMT}\n    agentRoleArn: arn:aws:iam::${SERVER_ACCOUNT}:role/ArgoCD\n`,
      }),
    );
    await ok(
      api.post(`/api/gitops/clusters?${qs}`, {
        data: {
          name: "Target",
          identifier: "target",
          agentIdentifier: "agent",
          spec: {
            masterUrl: target.endpoint,
            authentication: {
              type: "IRSA",
              spec: {
                roleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/Deployer`,
                clusterName: target.name,
                region: "us-east-1",
              },
            },
            caData: target.caData,
          },
        },
      }),
    );
    await api.dispose();
  });

  const pages: [string, string][] = [
    ["connectors", `/connectors?${qs}`],
    ["connector-new", `/connectors/new?${qs}`],
    ["connector-details", `/connectors/${CONNECTOR}?${qs}`],
    ["connector-edit", `/connectors/${CONNECTOR}/edit?${qs}`],
    ["environments", `/environments?${qs}`],
    ["infrastructures", `/infrastructures?${qs}`],
    ["infrastructure-new", `/infrastructures/new?${qs}&environment=${ENV}`],
    ["infrastructure-details", `/infrastructures/${INFRA}?${qs}&environment=${ENV}`],
    ["infrastructure-edit", `/infrastructures/${INFRA}/edit?${qs}&environment=${ENV}`],
    ["gitops", `/gitops?${qs}`],
    ["gitops-cluster-new", `/gitops/clusters/new?${qs}`],
    ["gitops-cluster-details", `/gitops/clusters/target?${qs}`],
    ["gitops-cluster-edit", `/gitops/clusters/target/edit?${qs}`],
    ["secrets", `/secrets?${qs}`],
    ["audit", `/audit`],
    ["settings-profile", `/settings/profile`],
    ["settings-tokens", `/settings/tokens`],
    ["settings-organizations", `/settings/organizations`],
    ["settings-access", `/settings/access`],
  ];
  for (const [name, url] of pages) {
    test(`${name} fits 390 px (screenshot mobile-${name}.png)`, async ({ page }) => {
      await page.goto(url);
      await check(page, name);
    });
  }

  test("the navigation is a drawer: focus stays inside, a link or Escape closes it", async ({ page }) => {
    await page.goto(`/connectors?${qs}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).tap();
    const drawer = page.getByRole("dialog", { name: "Conduit" });
    await expect(drawer).toBeVisible();
    await check(page, "drawer", { dialog: true });
    // Focus is trapped: tabbing past the last link comes back into the drawer.
    for (let i = 0; i < 12; i++) await page.keyboard.press("Tab");
    expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).tap();
    await drawer.getByRole("link", { name: "Secrets" }).tap();
    await expect(page.getByRole("heading", { level: 1, name: "Secrets" })).toBeVisible();
    await expect(drawer).toBeHidden();
    // The scope is one compact control that opens both pickers.
    await page.getByRole("button", { name: /^Scope: / }).tap();
    const scope = page.getByRole("dialog", { name: "Scope" });
    await expect(scope.getByLabel("Organization")).toHaveValue("default");
    await expect(scope.getByLabel("Project")).toHaveValue(PROJECT);
    await check(page, "scope-dialog", { dialog: true });
    await page.keyboard.press("Escape");
    // The user menu stays reachable.
    await page.getByRole("button", { name: /^Account menu/ }).tap();
    await expect(page.getByRole("menuitem", { name: /Sign out/ }).first()).toBeVisible();
  });

  test("the connector wizard can be completed by tapping", async ({ page }) => {
    const name = `Tapped ${suffix}`;
    await page.goto(`/connectors?${qs}`);
    await page.getByRole("link", { name: "New connector" }).first().tap();
    await expect(page).toHaveURL(/\/connectors\/new/);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    const title = page.locator("#wizard-step-title");
    const next = page.getByRole("button", { name: /^Next/ });
    await next.tap();
    await expect(title).toHaveText("How Conduit signs in to AWS");
    await page.getByRole("radio", { name: "Assume IAM role on delegate" }).tap();
    await check(page, "wizard-credentials");
    // The main action is on screen without scrolling (the footer sticks to the bottom).
    const box = await next.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);
    await next.tap();
    await expect(title).toHaveText("How AWS calls are retried");
    await check(page, "wizard-backoff");
    await next.tap();
    await check(page, "wizard-delegates");
    await page.getByRole("button", { name: "Save and continue" }).tap();
    await expect(title).toHaveText("Test the connection");
    await expect(page.getByRole("status", { name: "Test verdict" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("link", { name: "Finish" })).toBeVisible();
    await check(page, "wizard-test");
    await page.getByRole("link", { name: "Finish" }).tap();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });

  test("Escape in the management-cluster combobox closes only the list, then the dialog", async ({ page }) => {
    await page.goto(`/gitops?${qs}`);
    await page.getByRole("button", { name: "New agent" }).first().tap();
    const dialog = page.getByRole("dialog", { name: "New GitOps agent" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Second agent");
    await dialog.getByRole("button", { name: "Choose connector" }).tap();
    await page
      .getByRole("dialog", { name: "Choose an AWS connector" })
      .getByRole("option", { name: /Phone account/ })
      .tap();
    const cluster = dialog.getByRole("combobox", { name: "Management cluster" });
    await cluster.tap();
    await expect(cluster).toHaveAttribute("aria-expanded", "true");
    await check(page, "agent-dialog-list-open", { dialog: true });
    await page.keyboard.press("Escape");
    await expect(cluster).toHaveAttribute("aria-expanded", "false");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Second agent");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("the sign-in page fits a phone too", async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await check(page, "sign-in");
    await context.close();
  });
});
