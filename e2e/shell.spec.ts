import { expect, screenshotPath, test } from "./fixtures/test";

const sections = [
  { link: "Connectors", heading: "AWS connectors" },
  { link: "Environments", heading: "Environments" },
  { link: "Infrastructure", heading: "Infrastructure definitions" },
  { link: "GitOps clusters", heading: "GitOps clusters" },
  { link: "Secrets", heading: "Secrets" },
  { link: "Audit log", heading: "Audit log" },
];

test("the shell renders every section from the sidebar", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/connectors$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const s of sections) {
    await nav.getByRole("link", { name: s.link }).click();
    await expect(page.getByRole("heading", { level: 1, name: s.heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: s.link })).toHaveAttribute("aria-current", "page");
  }
});

test("keyboard users can skip to the content and reach the navigation", async ({ page }) => {
  await page.goto("/gitops");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  // Tab order reaches the sidebar links with a visible focus target.
  await page.goto("/gitops");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent ?? "")).includes("Secrets")) break;
  }
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Secrets" })).toBeVisible();
});

test("the theme switches to dark and stays dark after a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/connectors");
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
});

test("the scope switcher moves between account, org and project, and links keep the scope", async ({ page }) => {
  await page.goto("/connectors");
  const org = page.getByLabel("Organization", { exact: true });
  const project = page.getByLabel("Project", { exact: true });
  await expect(project).toBeDisabled();
  await org.selectOption("default");
  await expect(page).toHaveURL(/\/connectors\?org=default$/);
  await expect(project).toBeEnabled();
  await project.selectOption("default_project");
  await expect(page).toHaveURL(/\/connectors\?org=default&project=default_project$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit\?org=default&project=default_project$/);
  await expect(page.getByLabel("Project", { exact: true })).toHaveValue("default_project");
  await page.getByLabel("Organization", { exact: true }).selectOption("");
  await expect(page).toHaveURL(/\/audit$/);
});

test("the layout works at a laptop width", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto("/connectors");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("shell-1024.png"), fullPage: true });
});
