// The console on a phone (390 × 844, touch, and a small one, 360 × 740): every console page fits
// the screen's width (no sideways scroll) and is saved as a screenshot to look at; tables become
// stacked rows; checkboxes are 44 px targets; the navigation is a drawer and the scope dialog
// closes after a choice; the connector wizard can be completed by tapping, with a one-row footer;
// and Escape in a combobox inside a dialog closes only the list.
import { adminApi } from "./fixtures/auth";
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, screenshotPath, test, type Page } from "./fixtures/test";
import type { Locator } from "@playwright/test";

const suffix = Date.now().toString(36);
const PROJECT = `mobile_${suffix}`;
const qs = `org=default&project=${PROJECT}`;
const ENV = "dev";
const INFRA = "eks_web";
const CONNECTOR = "phone_aws";
const MGMT = `phone-mgmt-${suffix}`;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/**
 * The wizard's footer is one row holding every action (Back, Cancel, Discard draft, Next) as
 * 44 px targets: at most 66 px tall (44 + padding + border), where it took three rows (~90 px).
 */
async function expectOneRowFooter(next: Locator) {
  const footer = next.locator("xpath=../..");
  for (const action of [
    footer.getByRole("button", { name: "Back", exact: true }),
    footer.getByRole("link", { name: "Cancel" }),
    footer.getByRole("button", { name: "Discard draft" }),
    next,
  ]) {
    await expect(action).toBeVisible();
    expect((await action.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  expect((await footer.boundingBox())!.height).toBeLessThanOrEqual(66);
}

/** Waits for the page to settle, checks it does not scroll sideways, and saves a screenshot. */
async function check(page: Page, name: string, { dialog = false, fullPage = true } = {}) {
  // An open modal hides the page (and its heading) from the accessibility tree.
  if (!dialog) await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  // The phone's premise: a touch screen (44 px targets follow from it).
  expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
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
  await page.screenshot({ path, fullPage });
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
    ["delegates", `/delegates`],
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

  // A small phone, in a context of its own (resizing a touch page can drop the touch emulation).
  test.describe("360 × 740", () => {
    test.use({ viewport: { width: 360, height: 740 } });
    for (const [name, url] of pages) {
      test(`${name} fits 360 px (screenshot mobile-360-${name}.png)`, async ({ page }) => {
        await page.goto(url);
        await check(page, `360-${name}`);
      });
    }

    test("the wizard footer is one row of 44 px buttons", async ({ page }) => {
      await page.goto(`/connectors/new?${qs}`);
      await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Small ${suffix}`);
      const next = page.getByRole("button", { name: /^Next/ });
      await next.tap();
      await expect(page.locator("#wizard-step-title")).toHaveText("How Conduit signs in to AWS");
      await expectOneRowFooter(next);
      await page.screenshot({ path: screenshotPath("mobile-360-wizard-footer.png") });
    });
  });

  /** The stacked rows of a list: nothing scrolls inside the table's box, and each line names its column. */
  async function expectStackedRows(page: Page, caption: string, label: string) {
    const table = page.getByRole("table", { name: caption });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    const box = await table.evaluate((t) => {
      const scroller = t.parentElement!;
      const labelled = [...t.querySelectorAll("td[data-label]")].filter((td) => td.getClientRects().length > 0);
      return {
        display: getComputedStyle(t).display,
        scroll: scroller.scrollWidth,
        client: scroller.clientWidth,
        labels: labelled.map((td) => getComputedStyle(td, "::before").content),
        // Every visible cell stays inside the box.
        outside: [...t.querySelectorAll("td")].filter(
          (td) =>
            td.getClientRects().length > 0 &&
            td.getBoundingClientRect().right > scroller.getBoundingClientRect().right + 1,
        ).length,
      };
    });
    expect(box.display).toBe("block");
    expect(box.scroll, `${caption} scrolls inside its box`).toBeLessThanOrEqual(box.client);
    expect(box.outside).toBe(0);
    expect(box.labels.join(" ")).toContain(label);
    return table;
  }

  test("tables are stacked rows on a phone and tables on a desktop (screenshots at 390 and 1280 px)", async ({
    page,
  }) => {
    await page.goto(`/connectors?${qs}`);
    const connectors = await expectStackedRows(page, "AWS connectors", "Credentials");
    const row = connectors.getByRole("row").filter({ hasText: CONNECTOR });
    // The name heads the card; the rest are lines; Delete is a 44 px target in the card.
    await expect(row.getByRole("link", { name: "Phone account" })).toBeVisible();
    await expect(row.getByRole("cell").filter({ hasText: "Assume IAM role on delegate" })).toBeVisible();
    const del = await row.getByRole("button", { name: "Delete connector Phone account" }).boundingBox();
    expect(del!.height).toBeGreaterThanOrEqual(44);
    // Sorting stays reachable: the sortable headers are a bar above the rows.
    await expect(page.getByRole("button", { name: /^Sort by name/ })).toBeVisible();
    await check(page, "table-connectors", { fullPage: false });

    await page.goto("/audit");
    await expectStackedRows(page, "Audit events, newest first", "Actor");
    await check(page, "table-audit", { fullPage: false });

    // A desktop keeps the table (the same markup): a header row, cells side by side.
    await page.setViewportSize({ width: 1280, height: 860 });
    const audit = page.getByRole("table", { name: "Audit events, newest first" });
    expect(await audit.evaluate((t) => getComputedStyle(t).display)).toBe("table");
    await expect(audit.getByRole("columnheader", { name: "Entity" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("desktop-table-audit.png") });
    await page.goto(`/connectors?${qs}`);
    const table = page.getByRole("table", { name: "AWS connectors" });
    await expect(table.getByRole("columnheader", { name: /Credentials/ })).toBeVisible();
    const [name, credentials] = await Promise.all(
      ["Phone account", "Assume IAM role on delegate"].map((t) =>
        table.getByRole("cell").filter({ hasText: t }).first().boundingBox(),
      ),
    );
    expect(Math.abs(name!.y - credentials!.y)).toBeLessThan(2);
    await page.screenshot({ path: screenshotPath("desktop-table-connectors.png") });
  });

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
    // The scope is one compact control that opens both pickers; a choice closes the dialog and
    // gives focus back to the control.
    const scopeButton = page.getByRole("button", { name: /^Scope: / });
    await scopeButton.tap();
    const scope = page.getByRole("dialog", { name: "Scope" });
    await expect(scope.getByLabel("Organization")).toHaveValue("default");
    await expect(scope.getByLabel("Project")).toHaveValue(PROJECT);
    await check(page, "scope-dialog", { dialog: true });
    await scope.getByLabel("Project").selectOption("");
    await expect(scope).toBeHidden();
    await expect(page).not.toHaveURL(/project=/);
    await expect(scopeButton).toBeFocused();
    await expect(scopeButton).toHaveAccessibleName(/^Scope: [^/]+\. Change scope$/);
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
    await expectOneRowFooter(next);
    await page.screenshot({ path: screenshotPath("mobile-wizard-footer.png") });
    // A checkbox's target is its row, at least 44 px tall: a label around the box (OIDC's
    // session tags; 22 px before)...
    await page.getByRole("radio", { name: "Use OIDC" }).tap();
    const tag = page.getByRole("checkbox", { name: "project_id" });
    await tag.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const tagLabel = (await tag.locator("xpath=..").boundingBox())!;
    expect(tagLabel.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: screenshotPath("mobile-checkboxes.png") });
    await page.getByRole("radio", { name: "Assume IAM role on delegate" }).tap();
    // ...or a label beside it: a tap on the row, away from the box (on its hint), toggles it.
    const cross = page.getByRole("checkbox", { name: "Enable cross-account access (STS role)" });
    await cross.evaluate((el) => el.scrollIntoView({ block: "center" }));
    const row = await page
      .getByText("Enable cross-account access (STS role)")
      .evaluate((label) => label.parentElement!.parentElement!.getBoundingClientRect().toJSON() as DOMRect);
    expect(row.height).toBeGreaterThanOrEqual(44);
    await page.touchscreen.tap(row.right - 8, row.bottom - 4);
    await expect(cross).toBeChecked();
    await cross.tap();
    await expect(cross).not.toBeChecked();
    await next.tap();
    await expect(title).toHaveText("What the connector is for");
    await page.getByRole("checkbox", { name: /Pull from ECR/ }).tap();
    await expect(page.getByRole("checkbox", { name: /Pull from ECR/ })).toBeChecked();
    await check(page, "wizard-permissions");
    await next.tap();
    await expect(title).toHaveText("How AWS calls are retried");
    await check(page, "wizard-backoff");
    await next.tap();
    await check(page, "wizard-delegates");
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({ path: screenshotPath("desktop-wizard-footer.png") });
    await page.setViewportSize({ width: 390, height: 844 });
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
