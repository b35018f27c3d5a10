// Secrets through the UI: create, replace the value, edit, delete (refused while a connector uses
// it), duplicates, and scopes. Throughout, the value never reaches the page, an API answer, the
// audit log or the database in the clear.
import { expect, test, type Page } from "./fixtures/test";
import { queryRows } from "./fixtures/db";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/secrets-${name}.png` });

interface SecretRow extends Record<string, unknown> {
  id: string;
  name: string;
  ciphertext: string;
  iv: string;
  version: number;
}
const secretRow = async (identifier: string, org = "", project = "") =>
  (
    await queryRows<SecretRow>(
      `SELECT id, name, ciphertext, iv, version FROM "Secret" WHERE identifier = $1 AND "orgIdentifier" = $2 AND "projectIdentifier" = $3`,
      [identifier, org, project],
    )
  )[0];

/** Whatever the user typed must not appear in clear or in base64 anywhere we can look. */
function expectNoValue(text: string, value: string) {
  expect(text).not.toContain(value);
  expect(text).not.toContain(Buffer.from(value).toString("base64"));
}

test("a user creates, replaces, edits and deletes a secret, and its value never comes back", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `AWS secret key ${suffix}`;
  const identifier = `AWS_secret_key_${suffix}`;
  const value = `wJalrXUtnFEMI/K7MDENG+bPxRfiCY${suffix}`;
  const newValue = `rotated/${suffix}/Zx81+q`;

  // Every answer from the secrets API during the test, to check none carries a value.
  const answers: Promise<string>[] = [];
  page.on("response", (res) => {
    if (new URL(res.url()).pathname.startsWith("/api/secrets")) answers.push(res.text().catch(() => ""));
  });

  await page.goto("/secrets");
  await expect(page.getByRole("heading", { level: 1, name: "Secrets" })).toBeVisible();

  // Create: the identifier follows the name; the value is a password field with a show/hide toggle.
  await page.getByRole("button", { name: "New secret" }).click();
  const dialog = page.getByRole("dialog", { name: "New secret" });
  await dialog.getByLabel("Name").fill(name);
  await expect(dialog.getByLabel("Identifier")).toHaveValue(identifier);
  const valueInput = dialog.getByRole("textbox", { name: "Value", exact: true });
  await expect(valueInput).toHaveAttribute("type", "password");
  await expect(valueInput).toHaveAttribute("autocomplete", "new-password");
  await valueInput.fill(value);
  await dialog.getByRole("button", { name: "Show value" }).click();
  await expect(valueInput).toHaveAttribute("type", "text");
  await dialog.getByRole("button", { name: "Hide value" }).click();
  await expect(valueInput).toHaveAttribute("type", "password");
  await dialog.getByLabel("Description").fill("Secret access key of the production AWS connector");
  await shot(page, "create-dialog");
  expectNoValue(await page.content(), value);
  await dialog.getByRole("button", { name: "Create secret" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("row", { name: `Secret ${name}`, exact: true });
  await expect(row).toContainText(identifier);
  await expect(row.getByText("Configured")).toBeVisible();
  await expect(row).toContainText(/updated/);
  await expect(row).toContainText("Account");
  await expect(page.getByRole("status")).toContainText(`Created secret ${name}`);

  // Stored encrypted: neither the value nor its base64 is in the row.
  const created = (await secretRow(identifier))!;
  expect(created).toMatchObject({ name, version: 1 });
  expectNoValue(JSON.stringify(created), value);
  expect(created.ciphertext).not.toBe(Buffer.from(value).toString("base64"));

  // Not in the page, not in any API answer, not in the audit log.
  expectNoValue(await page.content(), value);
  const list = await page.request.get("/api/secrets");
  expect(list.ok()).toBe(true);
  const listBody = await list.text();
  expect(listBody).toContain(identifier);
  expectNoValue(listBody, value);
  expectNoValue(await (await page.request.get(`/api/secrets/${identifier}`)).text(), value);

  // Search narrows the list.
  await page.getByLabel("Search secrets").fill(`nothing-like-${suffix}`);
  await expect(page.getByRole("region", { name: "No secrets match" })).toBeVisible();
  await page.getByLabel("Search secrets").fill(suffix);
  await expect(row).toBeVisible();
  await shot(page, "list");

  // Replace the value: a new ciphertext and version, the rest unchanged.
  await row.getByRole("button", { name: `Replace value of ${name}` }).click();
  const replace = page.getByRole("dialog", { name: `Replace value of ${name}` });
  const newValueInput = replace.getByRole("textbox", { name: "New value", exact: true });
  await expect(newValueInput).toHaveAttribute("type", "password");
  await expect(newValueInput).toBeFocused();
  await newValueInput.fill(newValue);
  await shot(page, "replace-dialog");
  await replace.getByRole("button", { name: "Replace value" }).click();
  await expect(replace).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Replaced the value of ${name}`);
  const replaced = (await secretRow(identifier))!;
  expect(replaced.version).toBe(2);
  expect(replaced.name).toBe(name);
  expect(replaced.ciphertext).not.toBe(created.ciphertext);
  expect(replaced.iv).not.toBe(created.iv);
  expectNoValue(JSON.stringify(replaced), newValue);

  // Edit the name and add a tag; the value stays.
  await row.getByRole("button", { name: `Edit secret ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit secret" });
  await expect(edit.getByLabel("Identifier")).toHaveAttribute("readonly", "");
  await edit.getByLabel("Name").fill(`${name} EU`);
  await edit.getByRole("button", { name: "Add tag" }).click();
  await expect(edit.getByLabel("Tag 1 key")).toBeFocused();
  await edit.getByLabel("Tag 1 key").fill("team");
  await edit.getByLabel("Tag 1 value").fill("payments");
  await shot(page, "edit-dialog");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  const renamedRow = page.getByRole("row", { name: `Secret ${name} EU`, exact: true });
  await expect(renamedRow).toContainText("team=payments");
  const edited = (await secretRow(identifier))!;
  expect(edited).toMatchObject({ name: `${name} EU`, version: 3, ciphertext: replaced.ciphertext });

  // A duplicate identifier is refused at the identifier field.
  await page.getByRole("button", { name: "New secret" }).click();
  const dup = page.getByRole("dialog", { name: "New secret" });
  await dup.getByLabel("Name").fill(name);
  await dup.getByRole("textbox", { name: "Value", exact: true }).fill("another value");
  await dup.getByRole("button", { name: "Create secret" }).click();
  const dupIdentifier = dup.getByLabel("Identifier");
  await expect(dupIdentifier).toHaveAttribute("aria-invalid", "true");
  await expect(dupIdentifier).toHaveAccessibleDescription(/Already in use/);
  await expect(dupIdentifier).toBeFocused();
  await dup.getByRole("button", { name: "Cancel" }).click();
  await expect(dup).toBeHidden();

  // While a connector uses the secret, deleting it is refused and the connector is named.
  const connectorId = `conn_${suffix}`;
  await queryRows(
    `INSERT INTO "Connector" (id, "accountId", identifier, name, "credentialType", region, spec, "updatedAt")
     VALUES ($1, 'e2e_account', $2, $3, 'ManualConfig', 'us-east-1', '{}', now())`,
    [connectorId, connectorId, `Prod AWS ${suffix}`],
  );
  await queryRows(
    `INSERT INTO "ConnectorSecretRef" ("connectorId", "secretId", field) VALUES ($1, $2, 'secretKeyRef')`,
    [connectorId, created.id],
  );
  await renamedRow.getByRole("button", { name: `Delete secret ${name} EU` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete secret ${name} EU?` });
  await confirm.getByRole("button", { name: "Delete secret" }).click();
  await expect(confirm.getByRole("alert")).toContainText(connectorId);
  const users = confirm.getByRole("list", { name: "Connectors using this secret" });
  await expect(users.getByRole("listitem")).toHaveCount(1);
  await expect(users).toContainText(`Prod AWS ${suffix}`);
  await expect(users).toContainText(connectorId);
  await shot(page, "delete-in-use");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await queryRows(`DELETE FROM "Connector" WHERE id = $1`, [connectorId]);

  // Once unused, it can go.
  await renamedRow.getByRole("button", { name: `Delete secret ${name} EU` }).click();
  await expect(confirm.getByRole("alert")).toBeHidden();
  await confirm.getByRole("button", { name: "Delete secret" }).click();
  await expect(confirm).toBeHidden();
  await expect(renamedRow).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Deleted secret ${name} EU`);
  expect(await secretRow(identifier)).toBeUndefined();

  // The audit trail records the changes without the values.
  const audit = await queryRows<{ action: string; diff: unknown }>(
    `SELECT action, diff FROM "AuditEvent" WHERE "entityType" = 'Secret' AND "entityId" = $1 ORDER BY at`,
    [identifier],
  );
  expect(audit.map((a) => a.action)).toEqual(["CREATE", "UPDATE", "UPDATE", "DELETE"]);
  for (const v of [value, newValue]) expectNoValue(JSON.stringify(audit), v);

  for (const body of await Promise.all(answers)) {
    expectNoValue(body, value);
    expectNoValue(body, newValue);
  }
});

test("a secret created in a project is listed there and not at account scope", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `Project key ${suffix}`;
  const identifier = `Project_key_${suffix}`;

  await page.goto("/secrets?org=default&project=default_project");
  await page.getByRole("button", { name: "New secret" }).click();
  const dialog = page.getByRole("dialog", { name: "New secret" });
  await expect(dialog).toContainText("project default_project");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("textbox", { name: "Value", exact: true }).fill(`project-value-${suffix}`);
  await dialog.getByRole("button", { name: "Create secret" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: `Secret ${name}`, exact: true });
  await expect(row).toContainText("Project default_project");
  expect((await secretRow(identifier, "default", "default_project"))?.name).toBe(name);
  expect(await secretRow(identifier)).toBeUndefined();

  // The account scope does not list it, through the UI or the API.
  await page.getByLabel("Organization", { exact: true }).selectOption("");
  await expect(page).toHaveURL(/\/secrets$/);
  await page.getByLabel("Search secrets").fill(suffix);
  await expect(page.getByRole("region", { name: "No secrets match" })).toBeVisible();
  await expect(row).toBeHidden();
  expect(await (await page.request.get("/api/secrets")).text()).not.toContain(identifier);
  expect(await (await page.request.get("/api/secrets?org=default&project=default_project")).text()).toContain(
    identifier,
  );

  // Dark theme, for the screenshots.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/secrets?org=default&project=default_project");
  await expect(row).toBeVisible();
  await shot(page, "list-dark");
  await row.getByRole("button", { name: `Replace value of ${name}` }).click();
  await expect(page.getByRole("dialog", { name: `Replace value of ${name}` })).toBeVisible();
  await shot(page, "replace-dialog-dark");
});
