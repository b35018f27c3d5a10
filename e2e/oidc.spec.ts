// OIDC federation through the console: the wizard shows what AWS must trust, the user copies
// the trust policy, and the connection test assumes the role with a token Conduit issued.
import { aws } from "./fixtures/aws";
import { E2E_ACCOUNT_ID } from "./fixtures/app-server";
import { queryRows } from "./fixtures/db";
import { expect, screenshotPath, test } from "./fixtures/test";

const suffix = Date.now().toString(36);
const ROLE_ACCOUNT = "565656565656";

test("a user sets up an OIDC connector from the wizard's trust policy and the test succeeds", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const issuer = `${baseURL}/api/oidc/account/${E2E_ACCOUNT_ID}`;
  const subject = `account/${E2E_ACCOUNT_ID}:org/:project/`;

  // Discovery and JWKS are public.
  const discovery = await (await page.request.get(`${issuer}/.well-known/openid-configuration`)).json();
  expect(discovery).toMatchObject({
    issuer,
    jwks_uri: `${issuer}/jwks`,
    id_token_signing_alg_values_supported: ["RS256"],
  });

  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Federated ${suffix}`);
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("radio", { name: "Use OIDC" }).check();
  const roleArn = `arn:aws:iam::${ROLE_ACCOUNT}:role/conduit-oidc-${suffix}`;
  await page.getByRole("textbox", { name: "IAM role ARN" }).fill(roleArn);

  const panel = page.getByRole("region", { name: "Identity provider setup" });
  await expect(panel.getByLabel("Provider URL", { exact: true })).toHaveText(issuer);
  await expect(panel.getByLabel("Audience", { exact: true })).toHaveText("sts.amazonaws.com");
  await expect(panel.getByLabel("Subject (sub)", { exact: true })).toHaveText(subject);
  await expect(panel.getByRole("alert").or(panel.getByRole("status")).first()).toContainText(
    "AWS cannot reach this issuer",
  );
  const copyPolicy = async () => {
    await panel.getByRole("button", { name: "Copy the trust policy" }).click();
    return JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  };
  const hostPath = issuer.replace(/^https?:\/\//, "");
  expect((await copyPolicy()).Statement[0]).toMatchObject({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${ROLE_ACCOUNT}:oidc-provider/${hostPath}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${hostPath}:aud`]: "sts.amazonaws.com", [`${hostPath}:sub`]: subject } },
  });

  // Passing the connector id as a session tag: the policy must then also allow sts:TagSession.
  await page
    .getByRole("group", { name: "Session tags (optional)" })
    .getByRole("checkbox", { name: "connector_id" })
    .check();
  await expect(panel.getByLabel("Trust policy", { exact: true })).toContainText("sts:TagSession");
  const policy = await copyPolicy();
  expect(policy.Statement[0].Action).toEqual(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
  await panel.getByText("Preview the token this connector sends").click();
  await expect(panel).toContainText('"context": "CONNECTOR_VALIDATION"');
  await expect(panel).toContainText(
    new RegExp(`"principal_tags": \\{\\s*"connector_id": \\[\\s*"Federated_${suffix}"`),
  );
  await page.screenshot({ path: screenshotPath("oidc-wizard.png"), fullPage: true });

  // The user does on the AWS side what the policy says (here: in the emulator).
  await aws.addOidcProvider({ url: issuer, clientIds: ["sts.amazonaws.com"], accountId: ROLE_ACCOUNT });
  await aws.addRole({
    name: `conduit-oidc-${suffix}`,
    accountId: ROLE_ACCOUNT,
    trust: {
      webIdentity: {
        issuer,
        audience: policy.Statement[0].Condition.StringEquals[`${hostPath}:aud`],
        subject: policy.Statement[0].Condition.StringEquals[`${hostPath}:sub`],
        tagSession: policy.Statement[0].Action.includes("sts:TagSession"),
      },
    },
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });

  await page.getByRole("button", { name: /^Next/ }).click(); // permissions
  await page.getByRole("button", { name: /^Next/ }).click(); // backoff
  await page.getByRole("button", { name: /^Next/ }).click(); // delegates
  await page.getByRole("button", { name: "Save and continue" }).click();
  const verdict = page.getByRole("status", { name: "Test verdict" });
  await expect(verdict).toContainText("Success");
  await expect(verdict).toContainText(`Account ${ROLE_ACCOUNT}`);
  await expect(page.getByRole("listitem", { name: "Verify identity (sts:GetCallerIdentity): Passed" })).toContainText(
    `assumed-role/conduit-oidc-${suffix}/`,
  );
  const [row] = await queryRows<{ lastTestStatus: string; credentialType: string; tags: unknown }>(
    `SELECT "lastTestStatus", "credentialType", spec->'credential'->'spec'->'oidcSessionTagKeys' AS tags FROM "Connector" WHERE identifier = $1`,
    [`Federated_${suffix}`],
  );
  expect(row).toEqual({ lastTestStatus: "SUCCESS", credentialType: "OidcAuthentication", tags: ["connector_id"] });
});
