// Identity and access in Chromium and over HTTP: who may call, sign-in (password and single
// sign-on through a real OpenID provider), roles at scopes, API tokens, and sessions that end.
import { randomUUID } from "node:crypto";
import { ADMIN, adminApi, anonymousApi } from "./fixtures/auth";
import type { Browser } from "@playwright/test";
import { expect, ORIGIN_HEADER, screenshotPath, test, type APIRequestContext, type Page } from "./fixtures/test";

const ORG = "default";
const PROJECT = "default_project";
const scoped = `org=${ORG}&project=${PROJECT}`;
const suffix = randomUUID().slice(0, 8);

/** A user invited by the admin, with a password set through the one-time link (over the API). */
async function invite(api: APIRequestContext, who: string, role?: { role: string; scope: string }) {
  const email = `${who}-${suffix}@e2e.test`;
  const password = `${who}-password-${suffix}`;
  const made = await api.post("/api/users", { data: { name: `${who} ${suffix}`, email } });
  expect(made.status()).toBe(201);
  const { user, setPasswordUrl } = (await made.json()) as { user: { id: string }; setPasswordUrl: string };
  const token = new URL(setPasswordUrl).searchParams.get("token");
  expect((await api.post("/api/auth/reset-password", { data: { token, newPassword: password } })).status()).toBe(200);
  if (role) {
    const bound = await api.post(`/api/role-bindings?${role.scope}`, {
      data: { role: role.role, principal: { kind: "user", id: user.id } },
    });
    expect(bound.status()).toBe(201);
  }
  return { id: user.id, email, password };
}

/** A fresh browser with nobody signed in. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("identity and access", () => {
  let admin: APIRequestContext;
  let anon: APIRequestContext;
  test.beforeAll(async ({ playwright }) => {
    admin = await adminApi(playwright);
    anon = await anonymousApi(playwright);
  });
  test.afterAll(async () => {
    await admin.dispose();
    await anon.dispose();
  });

  test("without credentials only the public endpoints answer", async () => {
    for (const path of ["/api/connectors", `/api/connectors?${scoped}`, "/api/orgs", "/api/audit", "/api/oidc/keys"]) {
      const res = await anon.get(path);
      expect(res.status(), path).toBe(401);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect((await res.json()).code).toBe("UNAUTHENTICATED");
    }
    expect((await anon.post("/api/oidc/keys/rotate")).status()).toBe(401);
    expect((await anon.get("/api/health")).status()).toBe(200);
    expect((await anon.get("/api/ready")).status()).toBe(200);
    const bogus = await anon.get("/api/connectors", { headers: { authorization: "Bearer cdt_not-a-real-token" } });
    expect(bogus.status()).toBe(401);
    expect((await bogus.json()).detail).toMatch(/token is not valid/);
  });

  test("password sign-in returns to the page asked for; a wrong password says nothing about the email", async ({
    browser,
  }) => {
    const page = await freshPage(browser);
    await page.goto("/secrets");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsecrets/);
    await signIn(page, ADMIN.email, "not-the-password-1");
    await expect(page.getByText("Email or password is not right")).toBeVisible();
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/secrets/);

    // Unknown email and wrong password: the same answer.
    const a = await anon.post("/api/auth/sign-in/email", {
      data: { email: `nobody-${suffix}@e2e.test`, password: "x".repeat(12) },
    });
    const b = await anon.post("/api/auth/sign-in/email", { data: { email: ADMIN.email, password: "y".repeat(12) } });
    expect([a.status(), b.status()]).toEqual([401, 401]);
    expect((await a.json()).detail).toBe((await b.json()).detail);
    await page.context().close();
  });

  test("repeated failed sign-ins block the account for a while, with Retry-After", async () => {
    const victim = await invite(admin, "locked");
    // Each from a "different" address the client claims: with no trusted proxy that header is
    // dropped and the socket's address counts.
    for (let i = 0; i < 5; i++)
      expect(
        (
          await anon.post("/api/auth/sign-in/email", {
            data: { email: victim.email, password: `wrong-${i}-password` },
            headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
          })
        ).status(),
      ).toBe(401);
    // Even the right password is refused now, and the answer says when to come back.
    const blocked = await anon.post("/api/auth/sign-in/email", {
      data: { email: victim.email, password: victim.password },
    });
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(60);
    // The audit trail names the failures with the client's address.
    const events = await (
      await admin.get(`/api/audit?action=SIGN_IN_FAILED&q=${encodeURIComponent(victim.email)}`)
    ).json();
    expect(events.items.length).toBeGreaterThanOrEqual(5);
    expect(events.items[0].clientAddress).toMatch(/127\.0\.0\.1$/);
  });

  test("single sign-on through the OpenID provider: groups become roles, other domains are refused", async ({
    browser,
  }) => {
    const page = await freshPage(browser);
    await page.goto("/connectors");
    await page.getByRole("button", { name: "Sign in with E2E Identity" }).click();
    // The provider's own pages: any password for a known login, then consent.
    await page.locator('input[name="login"]').fill("sso-dev@sso.e2e.test");
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    // Roles only inside a project: the console opens that project rather than the account.
    await expect(page).toHaveURL(new RegExp(`/connectors\\?org=${ORG}&project=${PROJECT}`));
    await expect(page.getByRole("link", { name: "New connector" }).first()).toBeVisible();
    // Delegates are the account's: a project's Editor is not offered the page (the API would say 403).
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Access control" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Delegates" })).toHaveCount(0);
    expect((await page.request.get("/api/delegates")).status()).toBe(403);
    const me = await (await page.request.get(`/api/me?${scoped}`)).json();
    expect(me.email).toBe("sso-dev@sso.e2e.test");
    expect(me.grants).toEqual([{ role: "editor", orgIdentifier: ORG, projectIdentifier: PROJECT }]);
    expect(me.permissions).toContain("connector:edit");
    expect((await page.request.get("/api/oidc/keys")).status()).toBe(403);

    // An Editor may not save a connector that runs as Conduit's own AWS identity, nor pick it in the wizard.
    const serverIdentity = await page.request.post(`/api/connectors?${scoped}`, {
      headers: ORIGIN_HEADER(),
      data: {
        name: "Server identity",
        identifier: `server_identity_${suffix}`,
        spec: { credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" }, delegateSelectors: [] },
      },
    });
    expect(serverIdentity.status()).toBe(403);
    expect((await serverIdentity.json()).detail).toMatch(/only by an Account Admin/);
    await page.goto(`/connectors/new?${scoped}`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Editor connector ${suffix}`);
    await page.getByRole("button", { name: /^Next/ }).click();
    await expect(page.getByRole("radio", { name: "Assume IAM role on delegate" })).toBeDisabled();
    await expect(page.getByRole("radio", { name: "Use IRSA" })).toBeDisabled();
    await expect(page.getByRole("radio", { name: "AWS access key" })).toBeEnabled();
    await expect(page.getByText(/Only an Account Admin can choose this/).first()).toBeVisible();
    await page.context().close();

    const outsider = await freshPage(browser);
    await outsider.goto("/sign-in");
    await outsider.getByRole("button", { name: "Sign in with E2E Identity" }).click();
    await outsider.locator('input[name="login"]').fill("sso-outsider@elsewhere.test");
    await outsider.locator('input[name="password"]').fill("anything");
    await outsider.getByRole("button", { name: "Sign-in" }).click();
    await outsider.getByRole("button", { name: "Continue" }).click();
    await expect(outsider).toHaveURL(/\/sign-in\?error=/);
    await expect(
      outsider.getByText("Single sign-on did not complete: Your email domain may not sign in to this Conduit."),
    ).toBeVisible();
    expect((await outsider.request.get("/api/me")).status()).toBe(401);
    await outsider.context().close();
  });

  test("a Viewer sees no New connector, a direct POST is 403, another project is 404", async ({ browser }) => {
    const viewer = await invite(admin, "viewer", { role: "viewer", scope: scoped });
    const other = `other_${suffix}`;
    expect(
      (
        await admin.post(`/api/orgs/${ORG}/projects`, { data: { identifier: other, name: `Other ${suffix}` } })
      ).status(),
    ).toBe(201);

    const page = await freshPage(browser);
    await page.goto(`/connectors?org=${ORG}&project=${PROJECT}`);
    await signIn(page, viewer.email, viewer.password);
    await expect(page).toHaveURL(/\/connectors/);
    await expect(page.getByRole("heading", { level: 1, name: "AWS connectors" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New connector" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New connector" })).toHaveCount(0);
    // Following a link to a form they may not save shows why instead of the form (and no draft).
    await page.goto(`/connectors/new?${scoped}`);
    await expect(page.getByRole("region", { name: "You cannot create connectors here" })).toContainText(
      "You need connector:edit here; the Editor role has it.",
    );
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveCount(0);
    await page.goto(`/infrastructures/new?${scoped}`);
    await expect(page.getByRole("region", { name: "You cannot create infrastructure definitions here" })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath("viewer-new-infrastructure-390.png"), fullPage: true });

    const post = await page.request.post(`/api/connectors?${scoped}`, {
      headers: ORIGIN_HEADER(),
      data: { name: "x", identifier: "x", spec: {} },
    });
    expect(post.status()).toBe(403);
    expect((await post.json()).detail).toContain('"connector:edit"');
    const elsewhere = await page.request.get(`/api/connectors?org=${ORG}&project=${other}`);
    expect(elsewhere.status()).toBe(404);
    expect((await elsewhere.json()).detail).toBe(`Project "${other}" does not exist in organization "${ORG}"`);
    await page.context().close();
  });

  test("a token made in the UI works over the API and stops after it is revoked", async ({ page }) => {
    await page.goto("/settings/tokens");
    await page.getByRole("button", { name: "New token" }).click();
    const dialog = page.getByRole("dialog", { name: "New API token" });
    await dialog.getByLabel(/^Name/).fill(`ci ${suffix}`);
    await dialog.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByRole("dialog", { name: "Copy your new token" });
    await expect(shown.getByText("Copy the token now: it is shown only this once")).toBeVisible();
    const token = (await shown.getByRole("textbox", { name: "Your new token" }).inputValue()).trim();
    expect(token).toMatch(/^cdt_/);
    await shown.getByRole("button", { name: "Done, I have copied it" }).click();
    await expect(shown).toBeHidden();

    const auth = { authorization: `Bearer ${token}` };
    expect((await anon.get(`/api/connectors?${scoped}`, { headers: auth })).status()).toBe(200);

    await page.getByRole("button", { name: `Revoke token ci ${suffix}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByRole("row", { name: new RegExp(`ci ${suffix}`) })).toContainText(/revoked/i);
    expect((await anon.get(`/api/connectors?${scoped}`, { headers: auth })).status()).toBe(401);
  });

  test("a password change ends the user's other sessions", async ({ browser }) => {
    const user = await invite(admin, "mover", { role: "viewer", scope: scoped });
    const first = await freshPage(browser);
    await first.goto("/sign-in");
    await signIn(first, user.email, user.password);
    await expect(first).toHaveURL(/\/connectors/);
    const second = await freshPage(browser);
    await second.goto("/sign-in");
    await signIn(second, user.email, user.password);
    await expect(second).toHaveURL(/\/connectors/);
    expect((await second.request.get("/api/me")).status()).toBe(200);

    const next = `${user.password}-changed`;
    await first.goto("/settings/profile");
    await first.getByLabel(/^Current password/).fill(user.password);
    await first.getByLabel(/^New password/).fill(next);
    await first.getByLabel(/^Confirm new password/).fill(next);
    await first.getByRole("button", { name: "Change password" }).click();
    await expect(first.getByText(/^Password changed\. Your other sessions were signed out/)).toBeVisible();

    expect((await second.request.get("/api/me")).status()).toBe(401);
    expect((await first.request.get("/api/me")).status()).toBe(200);
    await first.context().close();
    await second.context().close();
  });
});
