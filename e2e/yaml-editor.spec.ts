// The YAML tab's editor: CodeMirror 6, downloaded only when a YAML tab opens, with highlighting,
// line numbers, folding, search, both themes, a keyboard that is never trapped, and a refused
// save shown as a lint diagnostic on the line the server named.
import { adminApi } from "./fixtures/auth";
import type { Response } from "@playwright/test";
import { expect, screenshotPath, test, type Page } from "./fixtures/test";

const suffix = Date.now().toString(36);
const CONNECTOR = { identifier: `yaml_cm_${suffix}`, name: `YAML editor ${suffix}` };
const ARN = "arn:aws:iam::123456789012:role/conduit-yaml";

test.beforeAll(async ({ playwright }) => {
  const api = await adminApi(playwright);
  const res = await api.post("/api/connectors", {
    data: {
      ...CONNECTOR,
      description: "Edited through the YAML tab",
      tags: { team: "platform" },
      spec: { credential: { type: "OidcAuthentication", spec: { iamRoleArn: ARN }, region: "us-east-1" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

const region = (page: Page) => page.getByRole("region", { name: "Connector YAML" });
const editor = (page: Page) => page.getByRole("textbox", { name: "Connector YAML" });
const lines = (page: Page) => region(page).locator(".cm-line");

async function openYamlTab(page: Page) {
  await page.goto(`/connectors/${CONNECTOR.identifier}`);
  await expect(page.getByRole("heading", { level: 1, name: CONNECTOR.name })).toBeVisible();
  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(region(page).locator(".cm-editor")).toBeVisible();
}

async function theme(page: Page, dark: boolean) {
  await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
  await page.waitForTimeout(300); // colour transitions
}

test("CodeMirror is downloaded only when the YAML tab opens", async ({ page }) => {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on("response", (res: Response) => {
    if (res.request().resourceType() === "script") scripts.push({ url: res.url(), body: res.text().catch(() => "") });
  });
  await page.goto(`/connectors/${CONNECTOR.identifier}`);
  await expect(page.getByRole("heading", { level: 1, name: CONNECTOR.name })).toBeVisible();
  await page.waitForLoadState("load");
  // Lint's class names live only in CodeMirror's code.
  const hasCodeMirror = async (from: number) =>
    (await Promise.all(scripts.slice(from).map((s) => s.body))).some((b) => b.includes("cm-lintRange"));
  const before = scripts.length;
  expect(await hasCodeMirror(0)).toBe(false);
  await expect(page.locator(".cm-editor")).toHaveCount(0);

  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(region(page).locator(".cm-editor")).toBeVisible();
  expect(scripts.length).toBeGreaterThan(before);
  expect(await hasCodeMirror(before)).toBe(true);

  // Read-only, highlighted, numbered, foldable.
  await expect(editor(page)).toHaveAttribute("aria-readonly", "true");
  await expect(lines(page).first()).toHaveText("connector:");
  await expect(region(page).locator(".cm-lineNumbers .cm-gutterElement").filter({ hasText: /^1$/ })).toBeVisible();
  const key = lines(page).nth(1).locator("span").first();
  await expect(key).toHaveText("name");
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent"));
  expect(await key.evaluate((el) => getComputedStyle(el).color)).toBe(
    await page.evaluate((c) => {
      const probe = document.createElement("span");
      probe.style.color = c;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    }, accent),
  );
  // The first line's fold marker (the gutter also holds an invisible spacer marker).
  await region(page).getByTitle("Fold line", { exact: true }).filter({ visible: true }).first().click();
  await expect(region(page).locator(".cm-foldPlaceholder")).toBeVisible();
  // Everything under `connector:` folded: that line and the empty one after the final newline.
  await expect(lines(page)).toHaveCount(2);
  await region(page).locator(".cm-foldPlaceholder").click();
  await expect(region(page).locator(".cm-foldPlaceholder")).toHaveCount(0);

  // Search (Mod-f) from the keyboard, in the read-only document too.
  await editor(page).focus();
  await page.keyboard.press("ControlOrMeta+f");
  const find = region(page).getByRole("textbox", { name: "Find" });
  await expect(find).toBeFocused();
  await find.fill("iamRoleArn");
  await find.press("Enter");
  await expect(region(page).locator(".cm-searchMatch")).toHaveCount(1);
  await find.press("Escape");
  await expect(find).toHaveCount(0);
});

test("a bad edit is refused and the diagnostic sits on the line the server named", async ({ page, playwright }) => {
  await openYamlTab(page);
  await page.getByRole("button", { name: "Edit YAML" }).click();
  await expect(editor(page)).not.toHaveAttribute("aria-readonly");

  // Edit like a person: click the ARN's line, select it, type a broken one.
  const arnLine = lines(page).filter({ hasText: "iamRoleArn:" });
  const lineNo = (await lines(page).allTextContents()).findIndex((l) => l.includes("iamRoleArn:")) + 1;
  expect(lineNo).toBeGreaterThan(1);
  await arnLine.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.type("iamRoleArn: arn:aws:iam::bad");
  await expect(arnLine).toHaveText(/^\s+iamRoleArn: arn:aws:iam::bad$/);

  await page.getByRole("button", { name: "Save YAML" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `problem on line ${lineNo}` })).toContainText(
    "Enter an IAM role ARN",
  );
  const errorLine = region(page).locator(".cm-line.cm-yaml-error-line");
  await expect(errorLine).toHaveCount(1);
  await expect(errorLine).toContainText("iamRoleArn: arn:aws:iam::bad");
  expect(await errorLine.evaluate((el) => [...el.parentElement!.children].indexOf(el) + 1)).toBe(lineNo);
  await expect(errorLine.locator(".cm-lintRange-error")).toHaveText("iamRoleArn: arn:aws:iam::bad");
  await expect(region(page).locator(".cm-lint-marker-error")).toHaveCount(1);
  await expect(editor(page)).toHaveAttribute("aria-invalid", "true");
  // The message is there on hover too.
  await errorLine.locator(".cm-lintRange-error").hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("Enter an IAM role ARN");
  await page.mouse.move(0, 0);

  // Keyboard: Tab indents inside the editor; Escape, then Tab, leaves it.
  await arnLine.click();
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  await expect(editor(page)).toBeFocused();
  await expect(arnLine).toHaveText(/^ {10}iamRoleArn/);
  await page.keyboard.press("Shift+Tab");
  await expect(arnLine).toHaveText(/^ {8}iamRoleArn/);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(editor(page)).not.toBeFocused();

  // Nothing was stored; Cancel drops the edit and its diagnostic.
  const api = await adminApi(playwright);
  const stored = await (await api.get(`/api/connectors/${CONNECTOR.identifier}`)).json();
  expect(stored).toMatchObject({ version: 1 });
  await api.dispose();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(errorLine).toHaveCount(0);
  await expect(arnLine).toContainText(ARN);
});

test("screenshots of the YAML tab with a diagnostic, light and dark, at 1280 and 390 px", async ({ page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await openYamlTab(page);
    await page.getByRole("button", { name: "Edit YAML" }).click();
    const arnLine = lines(page).filter({ hasText: "iamRoleArn:" });
    await arnLine.click();
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.type("iamRoleArn: arn:aws:iam::bad");
    await page.getByRole("button", { name: "Save YAML" }).click();
    await expect(region(page).locator(".cm-yaml-error-line")).toHaveCount(1);
    for (const dark of [false, true]) {
      await theme(page, dark);
      const gutter = await region(page)
        .locator(".cm-gutters")
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      // The editor follows the page's theme: surface-2 of each palette.
      expect(gutter).toBe(dark ? "rgb(31, 36, 44)" : "rgb(240, 242, 245)");
      // From the top: the sticky header of a scrolled page lands mid-page in a full-page capture.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: screenshotPath(`yaml-editor-${width}-${dark ? "dark" : "light"}.png`),
        fullPage: true,
      });
    }
    await theme(page, false);
  }
});
