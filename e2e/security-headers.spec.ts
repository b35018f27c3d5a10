// The browser-facing trust boundary: every page and API answer carries the security headers, a
// page's scripts run only under its per-request nonce (no CSP violation anywhere in the console),
// a cookie-authenticated change from another site is refused (a token's is not), and a foreign
// Host is not answered (DNS rebinding).
import http from "node:http";
import { ADMIN_STATE } from "./fixtures/auth";
import { expect, test } from "./fixtures/test";

const PORT = Number(process.env.E2E_PORT);
const scope = "org=default&project=default_project";

function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("pages and API answers carry the security headers; a page's policy has a fresh nonce", async ({
  page,
  request,
}) => {
  const first = await page.goto(`/connectors?${scope}`);
  const headers = first!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
  });
  const again = await page.reload();
  expect(again!.headers()["content-security-policy"]).not.toBe(csp);

  const api = await request.get(`/api/connectors?${scope}`);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  const unauthenticated = await (await page.context().request.get("/api/health")).headersArray();
  expect(unauthenticated.find((h) => h.name.toLowerCase() === "x-frame-options")?.value).toBe("DENY");
});

test("the console runs under its policy: no violation on any main page, scripts hydrate", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  for (const path of [
    `/connectors?${scope}`,
    `/connectors/new?${scope}`,
    `/secrets?${scope}`,
    `/infrastructures?${scope}`,
    `/gitops?${scope}`,
    `/audit?${scope}`,
    "/settings/access",
    "/settings/tokens",
  ]) {
    await page.goto(path);
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
  }
  const signedOut = await page
    .context()
    .browser()!
    .newContext({ storageState: { cookies: [], origins: [] } });
  const signIn = await signedOut.newPage();
  signIn.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn.goto("/sign-in");
  await expect(signIn.locator("html[data-hydrated]")).toBeAttached();
  await signedOut.close();
  expect(violations).toEqual([]);
});

test("a change sent with the session cookie from another site is refused; with a token it is not", async ({
  playwright,
  request,
}) => {
  const body = { identifier: `csrf_${Date.now()}`, name: "CSRF probe" };
  const evil = await request.post("/api/orgs", { data: body, headers: { origin: "https://evil.example" } });
  expect(evil.status()).toBe(403);
  expect(await evil.json()).toMatchObject({ code: "FORBIDDEN", extra: { reason: "cross-site" } });

  // No Origin at all, but the browser says the request is cross-site (a body-less POST).
  const bare = await playwright.request.newContext({
    baseURL: `http://127.0.0.1:${PORT}`,
    storageState: ADMIN_STATE,
  });
  const rotate = await bare.post("/api/oidc/keys/rotate", { headers: { "sec-fetch-site": "cross-site" } });
  expect(rotate.status()).toBe(403);
  expect((await bare.get(`/api/connectors?${scope}`)).status()).toBe(200);
  await bare.dispose();

  // A bearer token is never sent by a browser on its own: token requests need no origin.
  const made = await request.post("/api/me/tokens", { data: { name: `csrf-test ${Date.now()}`, expiresInDays: 1 } });
  const { token, item } = (await made.json()) as { token: string; item: { id: string } };
  const tokenCall = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const viaToken = await tokenCall.post("/api/orgs", {
    data: body,
    headers: { authorization: `Bearer ${token}`, origin: "https://evil.example" },
  });
  expect(viaToken.status()).toBe(201);
  await tokenCall.dispose();
  expect((await request.delete(`/api/orgs/${body.identifier}`)).status()).toBe(204);
  expect((await request.delete(`/api/me/tokens/${item.id}`)).status()).toBe(200);
});

test("a request for another host name is not answered (DNS rebinding)", async () => {
  for (const path of ["/api/health", "/connectors", "/sign-in"]) {
    const res = await rawGet(path, "evil.example");
    expect(res.status, path).toBe(421);
    expect(res.body).toContain("MISDIRECTED_REQUEST");
  }
  expect((await rawGet("/api/health", `localhost:${PORT}`)).status).toBe(200);
  expect((await rawGet("/api/health", `127.0.0.1:${PORT}`)).status).toBe(200);
});
