// AWS connectors through the console: the wizard for every credential type, field errors
// (client and server), edits in the wizard and as YAML, a stale edit, delete, and a scan that
// no secret value ever reaches the browser.
import { adminApi } from "./fixtures/auth";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "./fixtures/test";
import { queryRows } from "./fixtures/db";
import { fillYamlEditor, yamlEditorText } from "./fixtures/yaml-editor";

const suffix = Date.now().toString(36);
const secrets = {
  key: {
    identifier: `aws_secret_${suffix}`,
    name: `AWS secret key ${suffix}`,
    value: `wJalrXUtnFEMI/K7MDENG/bPxRfiCY${suffix}KEY`,
  },
  token: {
    identifier: `aws_token_${suffix}`,
    name: `AWS session token ${suffix}`,
    value: `FQoGZXIvYXdzEJr//////////${suffix}TOKEN`,
  },
  doomed: {
    identifier: `aws_doomed_${suffix}`,
    name: `Doomed secret ${suffix}`,
    value: `doomed-${suffix}-VALUE-never-shown`,
  },
};
const ids = {
  manual: `Manual_${suffix}`,
  inherit: `Inherit_${suffix}`,
  irsa: `Irsa_${suffix}`,
  oidc: `Oidc_${suffix}`,
};

// Everything the browser received: API/document/RSC bodies and rendered HTML, scanned at the end.
const seen: Promise<string>[] = [];
function record(context: BrowserContext) {
  context.on("response", (res) => {
    if (!["document", "fetch", "xhr"].includes(res.request().resourceType())) return;
    seen.push(res.text().catch(() => ""));
  });
}
async function snap(page: Page, name: string) {
  seen.push(page.content());
  await page.screenshot({ path: `test-results/screens/connectors-${name}.png`, fullPage: true });
}

// The theme script reads the OS preference at load; toggling the class keeps the page's state.
async function dark(page: Page, on: boolean) {
  await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), on);
  await page.waitForTimeout(300); // let colour transitions finish before a screenshot
}

type Row = {
  credentialType: string;
  region: string;
  spec: Record<string, unknown>;
  version: number;
  description: string;
  usages: unknown[];
};
const row = async (identifier: string) =>
  (
    await queryRows<Row>(
      `SELECT "credentialType", region, spec, version, description, usages FROM "Connector" WHERE identifier = $1`,
      [identifier],
    )
  )[0];

const next = (page: Page) => page.getByRole("button", { name: /^Next/ }).click();
const stepTitle = (page: Page) => page.locator("#wizard-step-title");

async function startWizard(page: Page, name: string) {
  await page.goto("/connectors");
  await page.getByRole("link", { name: "New connector" }).first().click();
  await expect(page).toHaveURL(/\/connectors\/new$/);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await next(page);
  await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");
}

async function saveFromCredentials(page: Page) {
  await next(page);
  await expect(stepTitle(page)).toHaveText("What the connector is for");
  await next(page);
  await expect(stepTitle(page)).toHaveText("How AWS calls are retried");
  await next(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(stepTitle(page)).toHaveText("Test the connection");
}

test.describe.serial("AWS connectors", () => {
  let api: APIRequestContext;
  test.beforeAll(async ({ playwright }) => {
    api = await adminApi(playwright);
    for (const s of Object.values(secrets)) expect((await api.post("/api/secrets", { data: s })).status()).toBe(201);
  });
  test.afterAll(async () => api.dispose());
  test.beforeEach(({ context }) => record(context));

  test("a user creates an access-key connector step by step", async ({ page }) => {
    await page.goto("/connectors");
    await expect(page.getByRole("heading", { level: 1, name: "AWS connectors" })).toBeVisible();
    await page.getByRole("link", { name: "New connector" }).first().click();

    // Overview: the identifier follows the name; tags are chips.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Manual ${suffix}`);
    await expect(page.getByLabel("Identifier")).toHaveValue(ids.manual);
    await page.getByLabel("Description").fill("Deploys the payments stack");
    const tags = page.getByRole("textbox", { name: "Tags", exact: true });
    await tags.fill("team:platform");
    await tags.press("Enter");
    await tags.fill("env:dev");
    await tags.press("Enter");
    await tags.press("Backspace");
    await expect(page.getByRole("button", { name: "Remove tag env:dev" })).toHaveCount(0);
    await tags.fill("env:prod");
    await tags.press("Enter");
    await expect(page.getByRole("button", { name: "Remove tag team:platform" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Connector setup steps" }).locator('[aria-current="step"]'),
    ).toContainText("Overview");
    await snap(page, "wizard-1-overview");
    await next(page);

    // Credentials: the step refuses to move on until its own fields are valid.
    await expect(page.getByRole("radio", { name: "AWS access key" })).toBeChecked();
    await next(page);
    await expect(page.getByText("Enter the access key ID")).toBeVisible();
    await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill("AKIAIOSFODNN7EXAMPLE");
    await page.getByRole("combobox", { name: "Secret access key" }).selectOption({ label: secrets.key.name });
    await page.getByRole("combobox", { name: "Session token" }).selectOption({ label: secrets.token.name });
    await page.getByLabel("Test region").selectOption("eu-west-1");
    await expect(page.getByLabel("Test region").locator("optgroup")).toHaveCount(3);
    await snap(page, "wizard-2-credentials");
    await next(page);

    // Permissions: what it is for; the policy follows the choice and the partition of the region.
    await expect(stepTitle(page)).toHaveText("What the connector is for");
    const policyText = () => page.getByLabel("Policy conduit-connector-policy.json").textContent();
    expect(await policyText()).toContain('"ec2:DescribeRegions"');
    await page.getByRole("checkbox", { name: /Pull from ECR/ }).check();
    await page.getByRole("checkbox", { name: /Deploy to EKS/ }).check();
    const repos = page.getByRole("textbox", { name: "ECR repository names" });
    await repos.fill("Not A Repo");
    await repos.press("Enter");
    await expect(page.getByText("A repository name is lowercase letters")).toBeVisible();
    await repos.fill("payments/api");
    await repos.press("Enter");
    await expect.poll(policyText).toContain("arn:aws:ecr:*:*:repository/payments/api");
    expect(await policyText()).toContain('"ecr:BatchGetImage"');
    expect(await policyText()).toContain('"eks:DescribeCluster"');
    await expect(page.getByLabel("Commands that create and attach the policy")).toContainText(
      "aws iam attach-user-policy --user-name <user-name>",
    );
    await snap(page, "wizard-3-permissions");
    await next(page);

    // Backoff: a strategy's fields and the delays it produces.
    await page.getByRole("radio", { name: "Equal jitter" }).check();
    await page.getByLabel("Base delay").fill("200");
    await page.getByLabel("Max backoff time").fill("5000");
    await page.getByLabel("Retry count").fill("4");
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(1 + 4 + 1);
    await expect(table).toContainText("400 ms – 800 ms");
    await snap(page, "wizard-4-backoff");

    // Back keeps what was typed.
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(page.getByRole("checkbox", { name: /Pull from ECR/ })).toBeChecked();
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(page.getByRole("textbox", { name: "Access key ID", exact: true })).toHaveValue("AKIAIOSFODNN7EXAMPLE");
    await next(page);
    await next(page);
    await expect(page.getByLabel("Base delay")).toHaveValue("200");
    await next(page);

    // Delegates: only tagged ones.
    await page.getByRole("radio", { name: "Only delegates with all of these tags" }).check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText("Add at least one delegate tag")).toBeVisible();
    await page.getByRole("textbox", { name: "Delegate selectors", exact: true }).fill("vpc-prod");
    await page.getByRole("textbox", { name: "Delegate selectors", exact: true }).press("Enter");
    await snap(page, "wizard-5-delegates");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(stepTitle(page)).toHaveText("Test the connection");
    // The test runs at once; no delegate carries "vpc-prod", so it stops at the credentials step.
    await expect(page.getByRole("status", { name: "Test verdict" })).toContainText("Failure");
    await expect(page.getByRole("listitem", { name: "Resolve credentials: Failed" })).toContainText("vpc-prod");
    await snap(page, "wizard-6-test");

    const saved = await row(ids.manual);
    expect(saved).toMatchObject({
      credentialType: "ManualConfig",
      region: "eu-west-1",
      version: 1,
      description: "Deploys the payments stack",
    });
    expect(saved!.spec).toEqual({
      credential: {
        type: "ManualConfig",
        spec: {
          accessKey: "AKIAIOSFODNN7EXAMPLE",
          secretKeyRef: secrets.key.identifier,
          sessionTokenRef: secrets.token.identifier,
        },
        region: "eu-west-1",
      },
      awsSdkClientBackOffStrategyOverride: {
        type: "EqualJitterBackoffStrategy",
        spec: { baseDelay: 200, maxBackoffTime: 5000, retryCount: 4 },
      },
      delegateSelectors: ["vpc-prod"],
      executeOnDelegate: true,
    });
    // The chosen uses are stored with the connector, in the catalogue's order.
    expect(saved!.usages).toEqual([
      { id: "ecr-pull", resources: { repository: ["payments/api"] } },
      { id: "eks-deploy" },
    ]);

    await page.getByRole("link", { name: "Finish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Manual ${suffix}` })).toBeVisible();
    await expect(page.getByText(secrets.key.identifier)).toBeVisible();
    await snap(page, "details-overview");
    await page.setViewportSize({ width: 1024, height: 768 });
    await dark(page, true);
    await snap(page, "details-overview-1024-dark");
  });

  test("the other credential types, with role ARN and partition errors at the field", async ({ page }) => {
    await startWizard(page, `Inherit ${suffix}`);
    await page.getByRole("radio", { name: "Assume IAM role on delegate" }).check();
    await expect(page.getByText("default AWS credential chain")).toBeVisible();
    await saveFromCredentials(page);
    expect(await row(ids.inherit)).toMatchObject({
      credentialType: "InheritFromDelegate",
      region: "us-east-1",
      spec: {
        credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
        delegateSelectors: [],
        executeOnDelegate: true,
      },
    });

    // IRSA in GovCloud: a commercial cross-account role is refused, naming the partition.
    await startWizard(page, `Irsa ${suffix}`);
    await page.getByRole("radio", { name: "Use IRSA" }).check();
    await page.getByLabel("Test region").selectOption("us-gov-west-1");
    await expect(page.getByText("GovCloud is a separate partition")).toBeVisible();
    await page.getByLabel("Enable cross-account access (STS role)").check();
    const role = page.getByLabel("Cross-account role ARN");
    await role.fill("arn:aws:iam::123456789012:role/deployer");
    await page.getByLabel("External ID").fill("conduit-ext-1");
    await next(page);
    await expect(role).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "partition" })).toContainText("arn:aws-us-gov:");
    await snap(page, "wizard-2-govcloud-error");
    await page.setViewportSize({ width: 1024, height: 768 });
    await dark(page, true);
    await snap(page, "wizard-2-govcloud-error-1024-dark");
    await dark(page, false);
    await role.fill("arn:aws-us-gov:iam::123456789012:role/deployer");
    await saveFromCredentials(page);
    expect(await row(ids.irsa)).toMatchObject({
      credentialType: "Irsa",
      region: "us-gov-west-1",
      spec: {
        credential: {
          type: "Irsa",
          region: "us-gov-west-1",
          crossAccountAccess: {
            crossAccountRoleArn: "arn:aws-us-gov:iam::123456789012:role/deployer",
            externalId: "conduit-ext-1",
          },
        },
      },
    });

    // OIDC: a malformed role ARN is refused at the field.
    await startWizard(page, `Oidc ${suffix}`);
    await page.getByRole("radio", { name: "Use OIDC" }).check();
    const arn = page.getByLabel("IAM role ARN");
    await arn.fill("arn:aws:iam::12345:role");
    await next(page);
    await expect(page.getByText("Enter an IAM role ARN like")).toBeVisible();
    await expect(arn).toBeFocused();
    await arn.fill("arn:aws:iam::123456789012:role/conduit-oidc");
    await saveFromCredentials(page);
    expect((await row(ids.oidc))!.spec).toMatchObject({
      credential: {
        type: "OidcAuthentication",
        spec: { iamRoleArn: "arn:aws:iam::123456789012:role/conduit-oidc" },
        region: "us-east-1",
      },
    });
  });

  test("the server's field errors land on the field of the step that owns them", async ({ page }) => {
    await startWizard(page, `Orphan ${suffix}`);
    await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill("AKIAIOSFODNN7EXAMPLE");
    await page.getByRole("combobox", { name: "Secret access key" }).selectOption({ label: secrets.doomed.name });
    // The secret disappears before the connector is saved: only the server can tell.
    expect((await api.delete(`/api/secrets/${secrets.doomed.identifier}`)).status()).toBe(204);
    await next(page);
    await next(page);
    await next(page);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");
    await expect(page.getByText(`No secret "${secrets.doomed.identifier}" is visible from this scope`)).toBeVisible();
    expect(await row(`Orphan_${suffix}`)).toBeUndefined();
  });

  test("a user edits a connector in the wizard and as YAML", async ({ page }) => {
    await page.goto(`/connectors/${ids.inherit}/edit`);
    await expect(page.getByLabel("Identifier")).toHaveAttribute("readonly", "");
    await page.getByLabel("Description").fill("Uses the server's instance profile");
    await next(page);
    await page.getByLabel("Test region").selectOption("us-west-2");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(stepTitle(page)).toHaveText("Test the connection");
    expect(await row(ids.inherit)).toMatchObject({
      version: 2,
      region: "us-west-2",
      description: "Uses the server's instance profile",
    });

    // YAML: change the description, save, and the row follows.
    await page.getByRole("link", { name: "Finish" }).click();
    await page.getByRole("tab", { name: "YAML" }).click();
    await expect(page.getByRole("region", { name: "Connector YAML" })).toContainText("us-west-2");
    await snap(page, "details-yaml");
    await page.getByRole("button", { name: "Edit YAML" }).click();
    const editor = page.getByRole("textbox", { name: "Connector YAML" });
    const text = await yamlEditorText(editor);
    await fillYamlEditor(editor, text.replace("Uses the server's instance profile", "Edited as YAML"));
    await page.getByRole("button", { name: "Save YAML" }).click();
    await expect(page.getByText("Saved as version 3.")).toBeVisible();
    expect(await row(ids.inherit)).toMatchObject({ version: 3, description: "Edited as YAML" });

    // A bad ARN in YAML points at its line.
    await page.goto(`/connectors/${ids.oidc}`);
    await page.getByRole("tab", { name: "YAML" }).click();
    await page.getByRole("button", { name: "Edit YAML" }).click();
    const oidcYaml = await yamlEditorText(editor);
    const line = oidcYaml.split("\n").findIndex((l) => l.includes("iamRoleArn:")) + 1;
    await fillYamlEditor(editor, oidcYaml.replace("arn:aws:iam::123456789012:role/conduit-oidc", "arn:aws:iam::bad"));
    await page.getByRole("button", { name: "Save YAML" }).click();
    await expect(page.getByRole("alert").filter({ hasText: `problem on line ${line}` })).toContainText(
      "Enter an IAM role ARN",
    );
    // The editor shows the problem as a diagnostic on that line.
    await expect(editor.locator(".cm-line").nth(line - 1)).toHaveClass(/cm-yaml-error-line/);
    await expect(editor.locator(".cm-yaml-error-line")).toHaveCount(1);
    await snap(page, "details-yaml-error");
    expect((await row(ids.oidc))!.version).toBe(1);
  });

  test("a stale edit is refused with a way to reload the other version", async ({ context }) => {
    const first = await context.newPage();
    const second = await context.newPage();
    // Both editors must hold version 1 before the first one saves.
    for (const p of [first, second]) {
      await p.goto(`/connectors/${ids.irsa}/edit`);
      await expect(p.getByLabel("Description")).toBeVisible();
    }
    await first.getByLabel("Description").fill("Saved first");
    await first.getByRole("button", { name: "Save changes" }).click();
    await expect(stepTitle(first)).toHaveText("Test the connection");
    await second.getByLabel("Description").fill("Saved second");
    await second.getByRole("button", { name: "Save changes" }).click();
    await expect(second.getByText("Someone else saved this connector while you were editing")).toBeVisible();
    await snap(second, "wizard-conflict");
    expect(await row(ids.irsa)).toMatchObject({ version: 2, description: "Saved first" });
    await second.getByRole("button", { name: "Reload their version" }).click();
    await second.getByRole("alertdialog").getByRole("button", { name: "Discard my changes and reload" }).click();
    await expect(second.getByLabel("Description")).toHaveValue("Saved first");
    await second.getByLabel("Description").fill("Saved second, after reloading");
    await second.getByRole("button", { name: "Save changes" }).click();
    await expect(stepTitle(second)).toHaveText("Test the connection");
    expect(await row(ids.irsa)).toMatchObject({ version: 3, description: "Saved second, after reloading" });
  });

  test("a user finds and deletes a connector from the list", async ({ page }) => {
    await page.goto("/connectors");
    await page.getByLabel("Search by name or identifier").fill(suffix);
    await expect(page.getByRole("link", { name: `Oidc ${suffix}` })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(1 + 4);
    await page.getByLabel("Credential type").selectOption("Irsa");
    await expect(page.getByRole("row")).toHaveCount(1 + 1);
    await expect(page.getByRole("row").nth(1)).toContainText("GovCloud");
    await page.getByLabel("Credential type").selectOption("");
    await snap(page, "list");
    await page.setViewportSize({ width: 1024, height: 768 });
    await snap(page, "list-1024");
    await dark(page, true);
    await snap(page, "list-1024-dark");
    await dark(page, false);

    await page.getByRole("button", { name: `Delete connector Oidc ${suffix}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Delete connector Oidc ${suffix}?` });
    await dialog.getByRole("button", { name: "Delete connector" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: `Oidc ${suffix}` })).toHaveCount(0);
    expect(await row(ids.oidc)).toBeUndefined();
  });

  test("no secret value ever reached the browser", async () => {
    const bodies = await Promise.all(seen);
    expect(bodies.length).toBeGreaterThan(20);
    for (const s of Object.values(secrets)) {
      expect(
        bodies.filter((b) => b.includes(s.value)),
        `secret ${s.identifier} leaked`,
      ).toHaveLength(0);
    }
  });
});
