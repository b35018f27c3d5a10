import { expect, screenshotPath, test } from "./fixtures/test";
import { queryRows } from "./fixtures/db";

test("a user creates, renames and deletes an organization and a project, and the audit log shows it", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const orgName = `Payments ${suffix}`;
  const orgId = `Payments_${suffix}`;
  await page.goto("/settings/organizations");

  // Create an organization; the identifier is derived from the name.
  await page.getByRole("button", { name: "New organization" }).click();
  const dialog = page.getByRole("dialog", { name: "New organization" });
  await dialog.getByLabel("Name").fill(orgName);
  await expect(dialog.getByLabel("Identifier")).toHaveValue(orgId);
  await dialog.getByLabel("Description").fill("Card processing teams");
  await dialog.getByRole("button", { name: "Create organization" }).click();
  await expect(dialog).toBeHidden();
  const orgCard = page.getByRole("listitem", { name: `Organization ${orgName}` });
  await expect(orgCard).toBeVisible();
  const [org] = await queryRows<{ name: string; accountId: string }>(
    `SELECT name, "accountId" FROM "Organization" WHERE identifier = $1`,
    [orgId],
  );
  expect(org).toEqual({ name: orgName, accountId: "e2e_account" });

  // A duplicate identifier is refused at the field.
  await page.getByRole("button", { name: "New organization" }).click();
  const dup = page.getByRole("dialog", { name: "New organization" });
  await dup.getByLabel("Name").fill(orgName);
  await dup.getByRole("button", { name: "Create organization" }).click();
  await expect(dup.getByText("Already in use")).toBeVisible();
  await dup.getByRole("button", { name: "Cancel" }).click();

  // Create a project inside it.
  await orgCard.getByRole("button", { name: `New project in ${orgName}` }).click();
  const pDialog = page.getByRole("dialog", { name: `New project in ${orgName}` });
  await pDialog.getByLabel("Name").fill("Checkout API");
  await pDialog.getByRole("button", { name: "Create project" }).click();
  await expect(orgCard.getByRole("link", { name: "Checkout API" })).toBeVisible();

  // The organization cannot go while it has a project; the reason is shown.
  await orgCard.getByRole("button", { name: `Delete organization ${orgName}` }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByRole("button", { name: "Delete organization" }).click();
  await expect(confirm.getByRole("alert")).toContainText("Checkout_API");
  await confirm.getByRole("button", { name: "Cancel" }).click();

  // Rename the organization.
  await orgCard.getByRole("button", { name: `Edit organization ${orgName}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit organization" });
  await expect(edit.getByLabel("Identifier")).toHaveAttribute("readonly", "");
  await edit.getByLabel("Name").fill(`${orgName} EU`);
  await edit.getByRole("button", { name: "Save changes" }).click();
  const renamed = page.getByRole("listitem", { name: `Organization ${orgName} EU` });
  await expect(renamed).toBeVisible();
  expect((await queryRows(`SELECT version FROM "Organization" WHERE identifier = $1`, [orgId]))[0]).toEqual({
    version: 2,
  });

  // The new org and project are offered by the scope switcher.
  await page.getByLabel("Organization", { exact: true }).selectOption(orgId);
  await page.getByLabel("Project", { exact: true }).selectOption("Checkout_API");
  await expect(page).toHaveURL(new RegExp(`org=${orgId}&project=Checkout_API`));
  await page.goto("/settings/organizations");

  // Delete the project, then the organization.
  await renamed.getByRole("button", { name: "Delete project Checkout API" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete project" }).click();
  await expect(renamed.getByText("No projects in this organization yet.")).toBeVisible();
  await renamed.getByRole("button", { name: `Delete organization ${orgName} EU` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete organization" }).click();
  // The open dialog hides the page from the accessibility tree; only once it closes does a
  // hidden card mean the organization is gone.
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(renamed).toBeHidden();
  expect(await queryRows(`SELECT 1 FROM "Organization" WHERE identifier = $1`, [orgId])).toHaveLength(0);

  // The audit log lists each change, newest first, with what changed.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Identifier, scope or actor").fill(suffix);
  const rows = page.getByRole("row").filter({ hasText: suffix });
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText("DELETE");
  await expect(rows.nth(0)).toContainText(`Organization ${orgId}`);
  await expect(rows.nth(2)).toContainText("UPDATE");
  await rows.nth(2).getByText("name", { exact: true }).first().click();
  await expect(rows.nth(2)).toContainText(`"${orgName}" → "${orgName} EU"`);
  await page.getByLabel("Action").selectOption("CREATE");
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Entity type").selectOption("Project");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Checkout_API");
  await page.screenshot({ path: screenshotPath("audit.png"), fullPage: true });
});
