// Drafts of the connector wizard: the step in the URL (Back/Forward), the draft kept as it is
// typed and restored after a reload, leaving asks first, discarding offers to delete the secrets
// created in the wizard, and after saving the URL is the connector's own.
import { adminApi } from "./fixtures/auth";
import { expect, test, type APIRequestContext, type Page } from "./fixtures/test";

const suffix = Date.now().toString(36);
const keySecret = { identifier: `draft_key_${suffix}`, name: `Draft key ${suffix}`, value: `draft-${suffix}-KEY` };
const created = { identifier: `Wizard_secret_${suffix}`, name: `Wizard secret ${suffix}` };
const createdValue = `typed-in-wizard-${suffix}-VALUE`;

const stepTitle = (page: Page) => page.locator("#wizard-step-title");
const next = (page: Page) => page.getByRole("button", { name: /^Next/ }).click();
const draftText = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("conduit.draft:connector:"))
      .map((k) => localStorage.getItem(k))
      .join("\n"),
  );

test.describe.serial("connector wizard drafts", () => {
  let api: APIRequestContext;
  test.beforeAll(async ({ playwright }) => {
    api = await adminApi(playwright);
    expect((await api.post("/api/secrets", { data: keySecret })).status()).toBe(201);
  });
  test.afterAll(async () => api.dispose());

  test("reload restores the draft, Back/Forward move between steps, leaving asks, discard deletes the wizard's secrets", async ({
    page,
  }) => {
    await page.goto("/connectors/new");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Drafted ${suffix}`);
    await next(page);
    await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");
    await expect(page).toHaveURL(/[?&]step=credentials/);
    await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill("AKIAIOSFODNN7EXAMPLE");

    // A secret created inside the wizard: its reference goes into the draft, never its value.
    await page.getByRole("button", { name: "Create secret for Secret access key" }).click();
    const dialog = page.getByRole("dialog", { name: "New secret" });
    await dialog.getByLabel("Name").fill(created.name);
    await expect(dialog.getByLabel("Identifier")).toHaveValue(created.identifier);
    await dialog.getByRole("textbox", { name: "Value", exact: true }).fill(createdValue);
    await dialog.getByRole("button", { name: "Create secret" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("combobox", { name: "Secret access key" })).toHaveValue(created.identifier);
    await expect.poll(() => draftText(page)).toContain(created.identifier);
    const draft = await draftText(page);
    expect(draft).toContain("AKIAIOSFODNN7EXAMPLE");
    expect(draft).not.toContain(createdValue);

    // Back and Forward move between steps, not out of the wizard.
    await page.goBack();
    await expect(stepTitle(page)).toHaveText("Name the connector");
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(`Drafted ${suffix}`);
    await page.goForward();
    await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");

    // A reload asks first (the page's unload prompt), then the draft comes back on the same step.
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.type());
      void (d.type() === "beforeunload" ? d.accept() : d.dismiss());
    });
    await page.reload();
    expect(dialogs).toContain("beforeunload");
    await expect(page.getByRole("status").filter({ hasText: "Draft restored" })).toBeVisible();
    await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");
    await expect(page.getByRole("textbox", { name: "Access key ID", exact: true })).toHaveValue("AKIAIOSFODNN7EXAMPLE");
    await expect(page.getByRole("combobox", { name: "Secret access key" })).toHaveValue(created.identifier);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/wizard-draft-restored-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({ path: "test-results/screens/wizard-draft-restored-1280.png", fullPage: true });

    // An in-app link asks too; saying no stays in the wizard.
    dialogs.length = 0;
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect.poll(() => dialogs).toContain("confirm");
    await expect(page).toHaveURL(/\/connectors\/new/);
    await expect(stepTitle(page)).toHaveText("How Conduit signs in to AWS");

    // The secret created here is listed when the draft is discarded, and deleted with it.
    await page
      .getByRole("status")
      .filter({ hasText: "Draft restored" })
      .getByRole("button", { name: "Discard" })
      .click();
    const discard = page.getByRole("dialog", { name: "Discard this draft?" });
    await expect(discard).toContainText(created.name);
    await expect(discard.getByRole("checkbox", { name: /Delete this secret too/ })).toBeChecked();
    await discard.getByRole("button", { name: "Discard draft" }).click();
    await expect(discard).toBeHidden();
    await expect(stepTitle(page)).toHaveText("Name the connector");
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
    expect(await draftText(page)).toBe("");
    expect((await api.get(`/api/secrets/${created.identifier}`)).status()).toBe(404);

    // Nothing left to lose: links no longer ask.
    dialogs.length = 0;
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/connectors(\?|$)/);
    expect(dialogs).toEqual([]);
  });

  test("after saving, the URL is the connector's own and a reload shows it", async ({ page }) => {
    const identifier = `Saved_draft_${suffix}`;
    await page.goto("/connectors/new");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Saved draft ${suffix}`);
    await next(page);
    await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill("AKIAIOSFODNN7EXAMPLE");
    await page.getByRole("combobox", { name: "Secret access key" }).selectOption({ label: keySecret.name });
    await next(page);
    await expect(stepTitle(page)).toHaveText("What the connector is for");
    await next(page);
    await expect(stepTitle(page)).toHaveText("How AWS calls are retried");
    await next(page);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(stepTitle(page)).toHaveText("Test the connection");
    await expect(page).toHaveURL(new RegExp(`/connectors/${identifier}/edit\\?(.*&)?step=test`));
    expect(await draftText(page)).toBe("");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `Edit Saved draft ${suffix}` })).toBeVisible();
    await expect(stepTitle(page)).toHaveText("Test the connection");

    // A fresh wizard starts empty: no draft of the saved connector is left behind.
    await page.goto("/connectors/new");
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("");
    await expect(page.getByRole("status").filter({ hasText: "Draft restored" })).toHaveCount(0);
  });
});
