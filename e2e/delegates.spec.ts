// Delegates (issue 18): an admin creates a delegate token on the Delegates page and starts a real
// delegate process with the command it shows; the page lists it as connected with its tags; the
// wizard's delegate step counts the connected delegates its selectors match and warns at none; a
// delegate killed outright shows as disconnected, one stopped gracefully as stopped; a revoked
// token is refused and the process ends; a delegate token opens nothing else in the API.
import { expect, screenshotPath, test, type Page } from "./fixtures/test";
import { anonymousApi } from "./fixtures/auth";
import { startDelegate, type RunningDelegate } from "./fixtures/delegate";
import { queryRows } from "./fixtures/db";

const suffix = Date.now().toString(36);
const running: RunningDelegate[] = [];

test.afterAll(() => {
  for (const d of running) d.signal("SIGKILL");
});

function row(page: Page, name: string) {
  return page.getByRole("table", { name: "Delegates" }).getByRole("row").filter({ hasText: name });
}

async function createToken(page: Page, tokenName: string, delegateName: string, tags: string) {
  await page.getByRole("button", { name: "New delegate token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New delegate token" });
  await dialog.getByLabel("Token name").fill(tokenName);
  await dialog.getByLabel("Delegate name").fill(delegateName);
  await dialog.getByLabel("Delegate tags").fill(tags);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Start a delegate" });
  const token = (await shown.getByLabel("Delegate token", { exact: true }).textContent())!.trim();
  expect(token).toMatch(/^cdd_[\w-]{40,}$/);
  const npm = shown.getByLabel("Start it with npm", { exact: true });
  await expect(npm).toContainText(`export CONDUIT_DELEGATE_TOKEN=${token}`);
  await expect(npm).toContainText(`export DELEGATE_TAGS=${tags}`);
  await expect(shown.getByLabel("Start it in Docker", { exact: true })).toContainText(
    `-e DELEGATE_NAME=${delegateName}`,
  );
  return { token, dialog: shown };
}

test("a delegate started with a token from the page connects, is matched by selectors, and disconnects when killed", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const nameA = `dlg-a-${suffix}`;
  const tagA = `team-a-${suffix}`;

  await page.goto("/delegates");
  await expect(page.getByRole("heading", { level: 1, name: "Delegates" })).toBeVisible();
  // The console's own delegate, while it is on.
  await expect(row(page, "conduit-server")).toContainText("Built in");
  await expect(row(page, "conduit-server")).toContainText("Connected");

  const { token, dialog } = await createToken(page, `token-a-${suffix}`, nameA, `${tagA},shared-${suffix}`);
  await page.screenshot({ path: screenshotPath("delegates-token.png") });
  await dialog.getByRole("button", { name: "Done, I have copied it" }).click();
  expect(
    (await queryRows(`SELECT "tokenHash" FROM "DelegateToken" WHERE name = $1`, [`token-a-${suffix}`]))[0],
  ).not.toEqual({ tokenHash: token });

  // A delegate token opens nothing but the delegate protocol.
  const anon = await anonymousApi(playwright);
  const refused = await anon.get("/api/connectors", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);

  const a = startDelegate({ token, name: nameA, tags: [tagA, `shared-${suffix}`] });
  running.push(a);
  await expect.poll(a.output, { timeout: 30_000 }).toContain("delegate registered");
  await expect(row(page, nameA)).toContainText("Connected", { timeout: 15_000 });
  await expect(row(page, nameA)).toContainText(tagA);
  await expect(row(page, nameA)).toContainText("0.1.0");
  const [stored] = await queryRows<{ tags: string[]; version: string }>(
    `SELECT tags, version FROM "Delegate" WHERE name = $1`,
    [nameA],
  );
  expect(stored).toEqual({ tags: [tagA, `shared-${suffix}`], version: "0.1.0" });
  await page.screenshot({ path: screenshotPath("delegates.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("delegates-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 860 });

  // The wizard counts the connected delegates the selectors match, as they are typed.
  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Delegated ${suffix}`);
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("radio", { name: "Assume IAM role on delegate" }).check();
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("radio", { name: "Only delegates with all of these tags" }).check();
  const selectors = page.getByRole("textbox", { name: "Delegate selectors" });
  await selectors.fill(tagA);
  await selectors.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "1 connected delegate matches" })).toContainText(nameA);
  await selectors.fill(`nobody-${suffix}`);
  await selectors.press("Enter");
  const warning = page.getByText("No connected delegate matches");
  await expect(warning).toBeVisible();
  await page.screenshot({ path: screenshotPath("wizard-delegates-none.png"), fullPage: true });
  await page.getByRole("button", { name: `Remove delegate selector nobody-${suffix}` }).click();
  await expect(warning).toBeHidden();

  // Killed outright (its machine died): three missed heartbeats and it is disconnected.
  a.signal("SIGKILL");
  await a.exited;
  await expect(page.getByText("No connected delegate matches")).toBeVisible({ timeout: 15_000 });
  await page.goto("/delegates");
  await expect(row(page, nameA)).toContainText("Disconnected");
  await anon.dispose();
});

test("a delegate stopped gracefully says goodbye; a revoked token is refused and the process ends", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const nameB = `dlg-b-${suffix}`;
  await page.goto("/delegates");
  const { token, dialog } = await createToken(page, `token-b-${suffix}`, nameB, `team-b-${suffix}`);
  await dialog.getByRole("button", { name: "Done, I have copied it" }).click();

  const b = startDelegate({ token, name: nameB, tags: [`team-b-${suffix}`] });
  running.push(b);
  await expect(row(page, nameB)).toContainText("Connected", { timeout: 30_000 });
  b.signal("SIGTERM");
  await b.exited;
  expect(b.output()).toContain("delegate stopped");
  await expect(row(page, nameB)).toContainText("Stopped", { timeout: 15_000 });

  // Started again, then its token revoked: the next heartbeat is refused and the process exits.
  const again = startDelegate({ token, name: nameB, tags: [`team-b-${suffix}`] });
  running.push(again);
  await expect(row(page, nameB)).toContainText("Connected", { timeout: 30_000 });
  const tokens = page.getByRole("table", { name: "Delegate tokens" });
  await tokens.getByRole("button", { name: `Revoke delegate token token-b-${suffix}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(tokens.getByRole("row").filter({ hasText: `token-b-${suffix}` })).toContainText("Revoked");
  expect(await again.exited).toBe(3);
  expect(again.output()).toContain("refused the delegate token");
  await expect(row(page, nameB)).toContainText("Disconnected", { timeout: 15_000 });
});
