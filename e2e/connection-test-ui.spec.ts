// A user creates a connector in the wizard, watches the test run step by step, sees SUCCESS
// with the account id; then breaks the secret and sees FAILURE with the hint to fix it.
import { aws } from "./fixtures/aws";
import { createAccessKeyConnector } from "./fixtures/connectors";
import { queryRows } from "./fixtures/db";
import { expect, screenshotPath, test } from "./fixtures/test";

const suffix = Date.now().toString(36);
const ACCOUNT = "343434343434";

test("the wizard's last step tests the connector live; a broken secret shows the hint", async ({ page, request }) => {
  const user = await aws.addUser({
    name: `ui-${suffix}`,
    accountId: ACCOUNT,
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  const secret = { identifier: `ui_sk_${suffix}`, name: `UI secret key ${suffix}`, value: user.secretAccessKey };
  expect((await request.post("/api/secrets", { data: secret })).status()).toBe(201);
  // Slow AWS down a little so the steps are seen running before they pass.
  await aws.latency(2500, { action: "DescribeRegions" });

  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Live ${suffix}`);
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("textbox", { name: "Access key ID", exact: true }).fill(user.accessKeyId);
  await page.getByRole("combobox", { name: "Secret access key" }).selectOption({ label: secret.name });
  await page.getByRole("button", { name: /^Next/ }).click(); // permissions
  await page.getByRole("button", { name: /^Next/ }).click(); // backoff
  await page.getByRole("button", { name: /^Next/ }).click(); // delegates
  await page.getByRole("button", { name: "Save and continue" }).click();

  const steps = page.getByRole("list", { name: "Connection test steps" });
  await expect(steps.getByRole("listitem", { name: "List regions (ec2:DescribeRegions): Running" })).toBeVisible();
  await expect(steps.getByRole("listitem", { name: "Verify identity (sts:GetCallerIdentity): Passed" })).toBeVisible();
  const verdict = page.getByRole("status", { name: "Test verdict" });
  await expect(verdict).toContainText("Success");
  await expect(verdict).toContainText(`Account ${ACCOUNT}`);
  await expect(steps.getByRole("listitem", { name: "List regions (ec2:DescribeRegions): Passed" })).toContainText(
    "regions are enabled",
  );
  await expect(
    steps.getByRole("listitem", { name: "Assume cross-account role (sts:AssumeRole): Skipped" }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath("connection-test-success.png"), fullPage: true });
  const identifier = `Live_${suffix}`;
  expect((await queryRows(`SELECT "lastTestStatus" FROM "Connector" WHERE identifier = $1`, [identifier]))[0]).toEqual({
    lastTestStatus: "SUCCESS",
  });
  await aws.clearFaults();

  // Break the secret on the Secrets page, then test again from the connector's page.
  await page.goto("/secrets");
  await page.getByRole("button", { name: `Replace value of ${secret.name}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^New value/).fill("definitely-not-the-right-secret-key-000000");
  await dialog.getByRole("button", { name: "Replace value", exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`/connectors/${identifier}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(verdict).toContainText("Failure");
  const identity = steps.getByRole("listitem", { name: "Verify identity (sts:GetCallerIdentity): Failed" });
  await expect(identity).toContainText("SignatureDoesNotMatch");
  await expect(identity.getByRole("note", { name: "How to fix" })).toContainText("secret access key is wrong");
  // The history lists both runs, newest first, and the header shows the new status.
  const history = page.getByRole("table").filter({ has: page.getByText("Connection tests, newest first") });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText("Failure");
  await expect(history.getByRole("row").nth(2)).toContainText("Success");
  await history.getByRole("row").nth(2).getByRole("button", { name: "Steps" }).click();
  await expect(
    history.getByRole("listitem", { name: "Verify identity (sts:GetCallerIdentity): Passed" }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath("connection-test-failure.png"), fullPage: true });
});

test("a denied DescribeRegions shows the policy to attach, with a copy button", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const user = await aws.addUser({
    name: `deny-${suffix}`,
    accountId: ACCOUNT,
    allow: ["iam:SimulatePrincipalPolicy"],
  });
  const identifier = `deny_${suffix}`;
  await createAccessKeyConnector(request, { identifier, user });
  await page.goto(`/connectors/${identifier}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  const regions = page.getByRole("listitem", { name: "List regions (ec2:DescribeRegions): Failed" });
  await expect(regions).toContainText("UnauthorizedOperation");
  await regions.getByRole("button", { name: /Copy the policy/ }).click();
  await expect(regions.getByRole("button", { name: /Copy the policy/ })).toContainText("Copied");
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.Statement[0]).toMatchObject({ Effect: "Allow", Action: "ec2:DescribeRegions", Resource: "*" });
});
