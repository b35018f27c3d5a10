// Accessibility of the console: every page and the states that matter (wizard steps, tabs,
// dialogs, open menus) is checked with axe-core (WCAG 2.0 A/AA and 2.1 AA) in the light and
// the dark theme, and the new flows are driven from the keyboard alone: the MultiTypeInput
// type menu and its runtime-input editor, the connector picker and the cluster combobox.
import { adminApi } from "./fixtures/auth";
import AxeBuilder from "@axe-core/playwright";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { expect, screenshotPath, test, type APIRequestContext, type Page } from "./fixtures/test";

const suffix = Date.now().toString(36);
const PROJECT = `a11y_${suffix}`;
const qs = `org=default&project=${PROJECT}`;
const ENV = "staging";
const INFRA = "eks_web";
const CONNECTOR = { name: "Deploy account", identifier: "deploy_aws" };
const CLUSTER = "target";
const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];

interface Finding {
  state: string;
  theme: Theme;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}
const findings: Finding[] = [];
/** Every audited state with its findings, one line each (kept across workers for the report). */
const REPORT_DIR = path.join(process.env.E2E_OUTPUT_DIR || "test-results", "a11y");

async function setTheme(page: Page, theme: Theme) {
  // Buttons and tabs fade their colours (transition-colors): axe must see the end state, not a
  // frame of the fade, so wait for every transition the switch started. Not for a spinner still
  // turning (an animation that never ends would hold the test until its time runs out).
  await page.evaluate(async (dark) => {
    document.documentElement.classList.toggle("dark", dark);
    void getComputedStyle(document.body).color; // apply the class now, so its transitions start
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    );
  }, theme === "dark");
}

/** Runs axe on what the page shows now, in both themes, and notes every violation. */
async function audit(page: Page, state: string) {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    for (const v of result.violations) {
      findings.push({
        state,
        theme,
        rule: v.id,
        impact: v.impact ?? "unknown",
        help: v.help,
        targets: v.nodes.map(
          (n) =>
            `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1).join("; ").trim()})` : ""}`,
        ),
      });
    }
  }
  await setTheme(page, "light");
  mkdirSync(REPORT_DIR, { recursive: true });
  appendFileSync(
    path.join(REPORT_DIR, "violations.ndjson"),
    `${JSON.stringify({ state, findings: findings.filter((f) => f.state === state) })}\n`,
  );
}

function summary(list: Finding[]): string {
  if (list.length === 0) return "no violations";
  return list
    .map(
      (f) =>
        `[${f.theme}] ${f.state}: ${f.rule} (${f.impact}): ${f.help}\n${f.targets.map((t) => `    - ${t}`).join("\n")}`,
    )
    .join("\n");
}

/** Opens a dialog with its button, audits it, then (unless `keepOpen`) closes it with Escape. */
async function auditDialog(page: Page, opener: string, dialog: string, state: string, keepOpen = false) {
  await page.getByRole("button", { name: opener }).first().click();
  const shown = page.getByRole("dialog", { name: dialog });
  await expect(shown).toBeVisible();
  await audit(page, state);
  if (keepOpen) return;
  await page.keyboard.press("Escape");
  await expect(shown).toBeHidden();
}

async function tab(page: Page, name: string) {
  await page.getByRole("tab", { name }).click();
  await expect(page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
}

async function seed(api: APIRequestContext) {
  // 409: a retry after a failed test runs this again in a fresh worker; the data is already there.
  const ok = async (p: Promise<{ status(): number; text(): Promise<string> }>) => {
    const res = await p;
    expect([201, 409], await res.text()).toContain(res.status());
  };
  await ok(api.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: `A11y ${suffix}` } }));
  await ok(
    api.post(`/api/secrets?${qs}`, {
      data: {
        identifier: "kube_token",
        name: "Kube token",
        value: `a11y-token-${suffix}-${Math.random().toString(36).slice(2)}`,
      },
    }),
  );
  await ok(
    api.post(`/api/connectors?${qs}`, {
      data: {
        name: CONNECTOR.name,
        identifier: CONNECTOR.identifier,
        spec: {
          credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
          delegateSelectors: [],
          executeOnDelegate: true,
        },
      },
    }),
  );
  await ok(api.post(`/api/environments?${qs}`, { data: { name: "Staging", identifier: ENV, type: "PreProduction" } }));
  const kube = fakeKube.cluster();
  await ok(
    api.post(`/api/infrastructures?${qs}`, {
      data: {
        name: "EKS web",
        identifier: INFRA,
        environmentRef: ENV,
        deploymentType: "Kubernetes",
        type: "KubernetesAws",
        spec: {
          connectorRef: CONNECTOR.identifier,
          region: kube.region,
          cluster: `${kube.region}/${kube.name}`,
          namespace: "<+input>.allowedValues(dev,qa)",
        },
      },
    }),
  );
  await ok(
    api.post(`/api/gitops/agents?${qs}`, {
      data: {
        name: "Agent",
        identifier: "agent",
        namespace: "argocd",
        spec: {
          connectorRef: CONNECTOR.identifier,
          managementCluster: `us-east-1/${kube.name}`,
          agentRoleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/ArgoCD`,
        },
      },
    }),
  );
  await ok(
    api.post(`/api/gitops/clusters?${qs}`, {
      data: {
        name: "Target",
        identifier: CLUSTER,
        agentIdentifier: "agent",
        spec: {
          masterUrl: kube.endpoint,
          authentication: {
            type: "IRSA",
            spec: {
              roleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/Deployer`,
              clusterName: kube.name,
              region: "us-east-1",
            },
          },
          caData: kube.caData,
        },
      },
    }),
  );
}

test.describe("accessibility", () => {
  let api: APIRequestContext;
  test.beforeAll(async ({ playwright }) => {
    api = await adminApi(playwright);
    await seed(api);
  });
  test.afterAll(async () => api.dispose());

  test("connectors: list, every wizard step, every details tab", async ({ page }) => {
    test.setTimeout(180_000);
    const before = findings.length;
    await page.goto(`/connectors?${qs}`);
    await expect(page.getByRole("link", { name: CONNECTOR.name })).toBeVisible();
    await audit(page, "connectors list");

    await page.goto(`/connectors/new?${qs}`);
    const title = page.locator("#wizard-step-title");
    await audit(page, "connector wizard: overview");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Wizard ${suffix}`);
    await page.getByRole("button", { name: /^Next/ }).click();
    await expect(title).toHaveText("How Conduit signs in to AWS");
    await audit(page, "connector wizard: credentials (access key)");
    await page.getByRole("radio", { name: "Assume IAM role on delegate" }).check();
    await page.getByRole("button", { name: /^Next/ }).click();
    await expect(title).toHaveText("What the connector is for");
    await page.getByRole("checkbox", { name: /Pull from ECR/ }).check();
    await expect(page.getByRole("textbox", { name: "ECR repository names" })).toBeVisible();
    await audit(page, "connector wizard: permissions");
    await page.getByRole("button", { name: /^Next/ }).click();
    await expect(title).toHaveText("How AWS calls are retried");
    await audit(page, "connector wizard: backoff");
    await page.getByRole("button", { name: /^Next/ }).click();
    await expect(page.getByRole("button", { name: "Save and continue" })).toBeVisible();
    await audit(page, "connector wizard: delegates");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(title).toHaveText("Test the connection");
    await expect(page.getByRole("status", { name: "Test verdict" })).toBeVisible({ timeout: 30_000 });
    await audit(page, "connector wizard: test");

    await page.goto(`/connectors/${CONNECTOR.identifier}?${qs}`);
    await expect(page.getByRole("heading", { level: 1, name: CONNECTOR.name })).toBeVisible();
    await audit(page, "connector details: overview");
    await tab(page, "YAML");
    await audit(page, "connector details: YAML");
    await tab(page, "Connection tests");
    await audit(page, "connector details: connection tests");
    expect(findings.slice(before), summary(findings.slice(before))).toEqual([]);
  });

  test("environments, infrastructure definitions and their dialogs", async ({ page }) => {
    test.setTimeout(180_000);
    const before = findings.length;
    await page.goto(`/environments?${qs}`);
    await expect(page.getByRole("row").filter({ hasText: ENV })).toBeVisible();
    await audit(page, "environments");
    await auditDialog(page, "New environment", "New environment", "environments: new environment dialog", true);

    await page.goto(`/infrastructures?${qs}&environment=${ENV}`);
    await expect(page.getByRole("link", { name: "EKS web" })).toBeVisible();
    await audit(page, "infrastructures list");

    await page.goto(`/infrastructures/new?${qs}&environment=${ENV}`);
    await expect(page.getByRole("heading", { level: 1, name: "New infrastructure definition" })).toBeVisible();
    await audit(page, "infrastructure new");
    await auditDialog(page, "Choose connector", "Choose an AWS connector", "infrastructure new: connector picker");

    await page.goto(`/infrastructures/${INFRA}?${qs}&environment=${ENV}`);
    await expect(page.getByRole("heading", { level: 1, name: "EKS web" })).toBeVisible();
    await audit(page, "infrastructure details: overview");
    await auditDialog(
      page,
      "Try runtime inputs",
      "Try runtime inputs",
      "infrastructure details: try runtime inputs dialog",
    );
    await tab(page, "YAML");
    await audit(page, "infrastructure details: YAML");

    await page.goto(`/infrastructures/${INFRA}/edit?${qs}&environment=${ENV}`);
    await auditDialog(
      page,
      "Edit runtime input for Namespace",
      "Runtime input: Namespace",
      "infrastructure edit: runtime input editor",
    );
    await page.getByRole("button", { name: /^Value type for Release name/ }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await audit(page, "infrastructure edit: value type menu");
    await setTheme(page, "dark");
    await page.screenshot({ path: screenshotPath("a11y-dark-type-menu.png") });
    await page.keyboard.press("Escape");
    expect(findings.slice(before), summary(findings.slice(before))).toEqual([]);
  });

  test("gitops, secrets, audit log and organizations", async ({ page }) => {
    test.setTimeout(180_000);
    const before = findings.length;
    await page.goto(`/gitops?${qs}`);
    await expect(page.getByRole("row", { name: /Target/ })).toBeVisible();
    await audit(page, "gitops list");
    await auditDialog(page, "New agent", "New GitOps agent", "gitops: new agent dialog");

    await page.goto(`/gitops/clusters/new?${qs}`);
    await expect(page.getByRole("heading", { level: 1, name: "New GitOps cluster" })).toBeVisible();
    await audit(page, "gitops cluster new");

    await page.goto(`/gitops/clusters/${CLUSTER}?${qs}`);
    await expect(page.getByRole("heading", { level: 1, name: "Target" })).toBeVisible();
    await audit(page, "gitops cluster details: overview");
    await tab(page, "Setup guide");
    await expect(page.getByRole("button", { name: "Copy agent role trust policy" })).toBeVisible();
    await audit(page, "gitops cluster details: setup guide");
    await setTheme(page, "dark");
    await page.screenshot({ path: screenshotPath("a11y-dark-setup-guide.png"), fullPage: true });
    await tab(page, "YAML");
    await audit(page, "gitops cluster details: YAML");

    await page.goto(`/gitops/agents/agent?${qs}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page, "gitops agent details: overview");
    await tab(page, "Setup guide");
    await expect(page.getByRole("heading", { level: 3 }).first()).toBeVisible();
    await audit(page, "gitops agent details: setup guide");

    await page.goto(`/secrets?${qs}`);
    await expect(page.getByRole("row").filter({ hasText: "kube_token" })).toBeVisible();
    await audit(page, "secrets");
    await setTheme(page, "dark");
    await page.screenshot({ path: screenshotPath("a11y-dark-secrets.png"), fullPage: true });
    await auditDialog(page, "New secret", "New secret", "secrets: new secret dialog");

    await page.goto(`/audit?${qs}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    await audit(page, "audit log");

    await page.goto("/delegates");
    await expect(page.getByRole("table", { name: "Delegates" })).toBeVisible();
    await audit(page, "delegates");
    await auditDialog(page, "New delegate token", "New delegate token", "delegates: new delegate token dialog");

    await page.goto("/settings/organizations");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page, "organizations");
    await auditDialog(page, "New organization", "New organization", "organizations: new organization dialog", true);
    await setTheme(page, "dark");
    await page.screenshot({ path: screenshotPath("a11y-dark-org-dialog.png") });
    expect(findings.slice(before), summary(findings.slice(before))).toEqual([]);
  });

  test("sign-in, profile, tokens and access control", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const before = findings.length;
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signIn = await anonymous.newPage();
    await signIn.goto("/sign-in");
    await expect(signIn.getByRole("heading", { name: "Sign in to Conduit" })).toBeVisible();
    await audit(signIn, "sign-in");
    await anonymous.close();

    await page.goto("/settings/profile");
    await expect(page.getByRole("heading", { level: 1, name: "Profile & password" })).toBeVisible();
    await audit(page, "profile");
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await expect(page.getByRole("menuitem", { name: "Sign out everywhere" })).toBeVisible();
    await audit(page, "user menu open");
    await page.keyboard.press("Escape");

    await page.goto("/settings/tokens");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page, "tokens");
    await auditDialog(page, "New token", "New API token", "tokens: new token dialog");

    await page.goto("/settings/access");
    await expect(page.getByRole("tab", { name: "Role bindings" })).toBeVisible();
    await audit(page, "access control: role bindings");
    await auditDialog(page, "Grant role", "Grant role", "access control: grant role dialog");
    await tab(page, "Service accounts");
    await audit(page, "access control: service accounts");
    await tab(page, "Users");
    await audit(page, "access control: users");
    expect(findings.slice(before), summary(findings.slice(before))).toEqual([]);
  });

  test("keyboard: value type menu, runtime input editor focus trap and return", async ({ page }) => {
    await page.goto(`/infrastructures/new?${qs}&environment=${ENV}`);
    const trigger = page.getByRole("button", { name: "Value type for Namespace: Fixed" });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "Value type for Namespace" });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("menuitemradio", { name: /^Fixed/ })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(trigger).toBeFocused();

    await page.keyboard.press("ArrowDown");
    await expect(menu).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitemradio", { name: /^Runtime input/ })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(menu).toBeHidden();
    const edit = page.getByRole("button", { name: "Edit runtime input for Namespace" });
    await expect(edit).toBeFocused();
    await expect(page.getByRole("button", { name: "Value type for Namespace: Runtime input" })).toBeVisible();

    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Runtime input: Namespace" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("textbox", { name: /Default value/ })).toBeFocused();
    // Tab and Shift+Tab never leave the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(edit).toBeFocused();
  });

  test("keyboard: connector picker and cluster combobox", async ({ page }) => {
    const kube = fakeKube.cluster();
    await page.goto(`/infrastructures/new?${qs}&environment=${ENV}`);
    const choose = page.getByRole("button", { name: "Choose connector" });
    await choose.focus();
    await page.keyboard.press("Enter");
    const picker = page.getByRole("dialog", { name: "Choose an AWS connector" });
    const search = picker.getByRole("combobox", { name: "Search connectors" });
    await expect(search).toBeFocused();
    await search.fill(CONNECTOR.identifier);
    const list = picker.getByRole("listbox", { name: "Connectors" });
    await expect(list.getByRole("option")).toHaveCount(1);
    await page.keyboard.press("ArrowDown");
    const option = list.getByRole("option", { name: CONNECTOR.name });
    const optionId = await option.getAttribute("id");
    expect(optionId).toBeTruthy();
    await expect(search).toHaveAttribute("aria-activedescendant", optionId!);
    await page.keyboard.press("Enter");
    await expect(picker).toBeHidden();
    const section = page.getByRole("region", { name: "Cluster details" });
    await expect(section).toContainText(CONNECTOR.name);
    await expect(page.getByRole("button", { name: "Change connector" })).toBeFocused();

    const cluster = section.getByRole("combobox", { name: /^Cluster/ });
    await cluster.focus();
    await cluster.fill(kube.name);
    const clusters = page.getByRole("listbox", { name: "Clusters" });
    await expect(clusters.getByRole("option", { name: new RegExp(kube.name) }).first()).toBeVisible({
      timeout: 20_000,
    });
    await page.keyboard.press("ArrowDown");
    const first = clusters.getByRole("option").first();
    await expect(cluster).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
    await page.keyboard.press("Enter");
    await expect(clusters).toBeHidden();
    await expect(cluster).toHaveValue(new RegExp(`${kube.name}$`));
    await setTheme(page, "dark");
    await page.screenshot({ path: screenshotPath("a11y-dark-infra-form.png"), fullPage: true });
  });
});
