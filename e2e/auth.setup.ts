// First run, as a person would do it: the one-time setup link the server printed creates the
// first Account Admin, who is then signed in. The signed-in state is what every spec starts from.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ADMIN, ADMIN_STATE } from "./fixtures/auth";
import { expect, noteSessionCookies, test as setup } from "./fixtures/test";

setup("the one-time setup link creates the first Account Admin, once", async ({ page, request }) => {
  const link = process.env.E2E_SETUP_URL!;
  expect(link).toMatch(/\/setup\?token=/);
  // Before setup nothing is open: the API asks for credentials, pages send you to sign in.
  expect((await request.get("/api/connectors")).status()).toBe(401);
  await page.goto("/connectors");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fconnectors/);

  await page.goto(link);
  await page.getByLabel(/^Your name/).fill(ADMIN.name);
  await page.getByLabel(/^Email/).fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel(/^Confirm password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/connectors/);
  await expect(page.getByRole("button", { name: `Account menu, signed in as ${ADMIN.name}` })).toBeVisible();

  // The link is spent: a second visit offers no form.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Conduit is already set up" })).toBeVisible();
  const again = await request.post("/api/setup", {
    data: {
      token: new URL(link).searchParams.get("token"),
      name: "x",
      email: "x@e2e.test",
      password: "another-password-1",
    },
  });
  expect(again.status()).toBe(409);

  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
  noteSessionCookies(await page.context().cookies());
});
