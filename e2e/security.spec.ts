// The trust boundary, finding by finding (docs/security.md maps each control to its test here):
// 1–3 no secret or EKS token reaches a server someone else runs, masterUrl is no SSRF or port
// scanner (egress policy, tokens bound to their endpoint); 4 a catastrophic regex resolves in
// linear time; 5 a chunked body is cut off at the limit; 6 security headers, a per-request
// nonce, cross-site changes refused, a foreign Host not answered; 7 key rotation is capped;
// 8 the app's database role is not a superuser; 9 control characters are 400s.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { ADMIN_STATE } from "./fixtures/auth";
import { countRows, queryRows } from "./fixtures/db";
import { aws } from "./fixtures/aws";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { SERVER_ACCOUNT } from "./fixtures/global-setup";
import { generateTestCa } from "./fixtures/fake-kubernetes";
import { generateServerCert } from "./fixtures/fake-kubernetes/certs";
import { expect, test, type APIRequestContext, type APIResponse } from "./fixtures/test";

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
    "/delegates",
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

/** An HTTPS server the "attacker" runs, with its own CA: it records every request it gets. */
async function listener(host: string) {
  const ca = await generateTestCa("attacker");
  const seen: { url?: string; authorization?: string }[] = [];
  const server = https.createServer(await generateServerCert(ca), (req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end('{"gitVersion":"v9.9.9-leak","major":"9"}');
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const url = `https://${host}:${(server.address() as AddressInfo).port}`;
  return { url, caData: ca.caData, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function runClusterTest(request: APIRequestContext, qs: string, identifier: string) {
  const res = await request.post(`/api/gitops/clusters/${identifier}/test?${qs}`);
  expect(res.status(), await res.text()).toBe(200);
  const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!) as {
    result: {
      status: string;
      failedStep: string | null;
      message: string;
      steps: { step: string; status: string; detail?: string }[];
    };
  };
  return last.result;
}

async function problem(res: APIResponse, status: number, code: string, field?: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = await res.json();
  expect(body.code).toBe(code);
  if (field) expect(Object.keys(body.fieldErrors ?? {})).toContain(field);
  return body as { detail: string; fieldErrors?: Record<string, string[]> };
}

test("findings 1–3: no secret or EKS token reaches a server someone else runs; masterUrl is no port scanner", async ({
  request,
}) => {
  const suffix = Date.now().toString(36);
  const project = `trust_${suffix}`;
  const qs = `org=default&project=${project}`;
  const target = fakeKube.cluster();
  const local = await listener("127.0.0.1"); // inside the test allowlist (127.0.0.1/32)
  const outside = await listener("127.0.0.2"); // loopback, but outside the allowlist
  try {
    expect(
      (await request.post("/api/orgs/default/projects", { data: { identifier: project, name: project } })).status(),
    ).toBe(201);
    // An AWS secret key in use by a connector, and a separate Kubernetes token.
    for (const [identifier, value] of [
      ["aws_sk", `aws-secret-${suffix}-Zq81`],
      ["kube_token", `kube-token-${suffix}-Xy42`],
    ])
      expect(
        (await request.post(`/api/secrets?${qs}`, { data: { identifier, name: identifier, value } })).status(),
      ).toBe(201);
    const connector = await request.post(`/api/connectors?${qs}`, {
      data: {
        name: "Mgmt",
        identifier: "mgmt",
        spec: {
          credential: {
            type: "ManualConfig",
            spec: { accessKey: "AKIAEXAMPLE00000", secretKeyRef: "aws_sk" },
            region: "us-east-1",
          },
        },
      },
    });
    expect(connector.status(), await connector.text()).toBe(201);
    const inherit = await request.post(`/api/connectors?${qs}`, {
      data: {
        name: "Server",
        identifier: "server",
        spec: { credential: { type: "InheritFromDelegate", region: "us-east-1" } },
      },
    });
    expect(inherit.status()).toBe(201);
    const agent = await request.post(`/api/gitops/agents?${qs}`, {
      data: {
        name: "Agent",
        identifier: "agent",
        namespace: "argocd",
        spec: {
          connectorRef: "server",
          managementCluster: `us-east-1/${target.name}`,
          agentRoleArn: "arn:aws:iam::123456789012:role/ArgoCD",
        },
      },
    });
    expect(agent.status(), await agent.text()).toBe(201);
    const cluster = (identifier: string, masterUrl: string, caData: string, authentication: object) =>
      request.post(`/api/gitops/clusters?${qs}`, {
        data: { name: identifier, identifier, agentIdentifier: "agent", spec: { masterUrl, caData, authentication } },
      });
    const bearer = (tokenRef: string) => ({ type: "BearerToken", spec: { tokenRef } });

    // 1. An AWS key cannot be pointed at a server as a bearer token.
    const stolen = await problem(
      await cluster("steal", local.url, local.caData, bearer("aws_sk")),
      422,
      "VALIDATION_FAILED",
      "spec.authentication.spec.tokenRef",
    );
    expect(stolen.detail).toContain("holds AWS key material");

    // 2. An IRSA cluster's token goes only to the endpoint EKS reports for the cluster.
    await aws.addRole({
      name: `TrustDeployer-${suffix}`,
      accountId: SERVER_ACCOUNT,
      trust: { principals: [`arn:aws:iam::${SERVER_ACCOUNT}:user/conduit-server`] },
    });
    const irsa = {
      type: "IRSA",
      spec: {
        roleArn: `arn:aws:iam::${SERVER_ACCOUNT}:role/TrustDeployer-${suffix}`,
        clusterName: target.name,
        region: "us-east-1",
      },
    };
    expect((await cluster("irsa_elsewhere", local.url, local.caData, irsa)).status()).toBe(201);
    const elsewhere = await runClusterTest(request, qs, "irsa_elsewhere");
    // The agent's chain is not set up here (the first link fails); what matters is the call: it
    // stops at the endpoint check, before any token is made or any connection opened.
    expect(elsewhere.status).toBe("Failed");
    expect(elsewhere.steps.find((s) => s.step === "connect")).toMatchObject({
      status: "failed",
      detail: expect.stringContaining(`is not the endpoint EKS reports for ${target.name}`),
    });
    expect(local.seen).toHaveLength(0);

    // 3. Addresses outside the allowlist are refused before any connection, however they are spelled.
    const port = new URL(outside.url).port;
    const probes = [
      outside.url,
      `https://0x7f000002:${port}`,
      "https://169.254.169.254",
      "https://10.0.0.1",
      `https://[::1]:${port}`,
      `https://[::ffff:127.0.0.2]:${port}`,
    ];
    for (const [i, url] of probes.entries()) {
      expect((await cluster(`ssrf_${i}`, url, outside.caData, bearer("kube_token"))).status()).toBe(201);
      const r = await runClusterTest(request, qs, `ssrf_${i}`);
      expect(r, url).toMatchObject({ status: "Failed", failedStep: "connect" });
      expect(r.message, url).toContain("not allowed by the egress policy");
    }
    // Inside the allowlist, a closed port, a server that is not under the cluster's CA and the
    // real API server with the wrong CA all read the same: no port, service or body text shows.
    const unreachable = [`https://127.0.0.1:1`, local.url, target.endpoint];
    const messages = new Set<string>();
    for (const [i, url] of unreachable.entries()) {
      expect((await cluster(`port_${i}`, url, outside.caData, bearer("kube_token"))).status()).toBe(201);
      const r = await runClusterTest(request, qs, `port_${i}`);
      expect(r, url).toMatchObject({ status: "Failed", failedStep: "connect" });
      expect(r.message).not.toContain("v9.9.9-leak");
      messages.add(r.message.replace(/https:\/\/127\.0\.0\.1:\d+/g, "<endpoint>"));
    }
    expect([...messages]).toHaveLength(1);
    expect([...messages][0]).toContain("unreachable");

    // With its own CA, the allowlisted listener is reached, and gets the token bound to it only.
    expect((await cluster("own", local.url, local.caData, bearer("kube_token"))).status()).toBe(201);
    expect((await runClusterTest(request, qs, "own")).status).toBe("Successful");
    expect(local.seen).toEqual([{ url: "/version", authorization: `Bearer kube-token-${suffix}-Xy42` }]);
    expect(outside.seen).toEqual([]);
    // Moving it elsewhere needs the secret chosen again (the binding is stored with the reference).
    const rows = await queryRows<{ boundTo: string }>(
      `SELECT r."boundTo" FROM "GitopsClusterSecretRef" r JOIN "GitopsCluster" c ON c.id = r."clusterId" WHERE c."projectIdentifier" = $1 AND c.identifier = 'own'`,
      [project],
    );
    expect(rows[0]?.boundTo).toMatch(/^[0-9a-f]{64}$/);
  } finally {
    await local.close();
    await outside.close();
  }
});

test("finding 4: a catastrophic pattern in a runtime input resolves in linear time, other requests are not held up", async ({
  request,
}) => {
  const suffix = Date.now().toString(36);
  const SCOPE = "?org=default&project=default_project";
  const env = `redos_${suffix}`;
  expect(
    (
      await request.post(`/api/connectors`, {
        data: {
          name: `redos_${suffix}`,
          identifier: `redos_${suffix}`,
          spec: { credential: { type: "InheritFromDelegate", region: "us-east-1" } },
        },
      })
    ).status(),
  ).toBe(201);
  expect(
    (
      await request.post(`/api/environments${SCOPE}`, {
        data: { name: "ReDoS", identifier: env, type: "PreProduction" },
      })
    ).status(),
  ).toBe(201);
  const definition = {
    name: "ReDoS",
    identifier: `redos_${suffix}`,
    environmentRef: env,
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    spec: {
      connectorRef: `account.redos_${suffix}`,
      region: "us-east-1",
      cluster: "us-east-1/c",
      namespace: "<+input>.regex((a+)+b)",
    },
  };
  const created = await request.post(`/api/infrastructures${SCOPE}`, { data: definition });
  expect(created.status(), await created.text()).toBe(201);
  const resolve = request.post(`/api/infrastructures/redos_${suffix}/resolve${SCOPE}&environment=${env}`, {
    data: { inputs: { "spec.namespace": `${"a".repeat(30)}!` } },
  });
  const health = request.get("/api/health");
  const [r, h] = await Promise.all([resolve, health]);
  await problem(r, 422, "VALIDATION_FAILED", "spec.namespace");
  expect(h.status()).toBe(200);
  // Syntax a linear-time engine cannot run is refused when saving, with the reason.
  const backref = await request.post(`/api/infrastructures${SCOPE}`, {
    data: {
      ...definition,
      identifier: `redos2_${suffix}`,
      spec: { ...definition.spec, namespace: "<+input>.regex((a)\\1)" },
    },
  });
  await problem(backref, 422, "VALIDATION_FAILED");
});

test("finding 5: a chunked body is cut off at the limit with 413, long before it is all sent", async ({ request }) => {
  const made = await request.post("/api/me/tokens", { data: { name: `chunked ${Date.now()}`, expiresInDays: 1 } });
  const { token, item } = (await made.json()) as { token: string; item: { id: string } };
  const total = 10 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, "a");
  const outcome = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method: "POST",
        path: `/api/secrets?${scope}`,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
      },
      (res) => {
        answered = true;
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, sent, body }));
      },
    );
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.write('{"identifier":"big","name":"big","value":"');
    pump();
  });
  expect(outcome.status).toBe(413);
  expect(JSON.parse(outcome.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  expect(outcome.sent).toBeLessThan(total);
  expect((await request.delete(`/api/me/tokens/${item.id}`)).status()).toBe(200);
});

test("finding 7: OIDC key rotation is capped per hour; finding 8: the app's database role is not a superuser", async ({
  request,
}) => {
  // The first call may only create the first key; every later one retires the key before it.
  let refused: APIResponse | undefined;
  let rotations = 0;
  for (let i = 0; i < 10 && !refused; i++) {
    const res = await request.post("/api/oidc/keys/rotate");
    if (res.status() === 429) refused = res;
    else {
      expect(res.status(), await res.text()).toBe(201);
      if ((await res.json()).previousKid) rotations += 1;
    }
  }
  expect(rotations, "eight rotations within the hour are allowed, the ninth is refused").toBe(8);
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused!.json()).code).toBe("RATE_LIMITED");

  const [role] = await queryRows<{ rolsuper: boolean; owner: string; me: string }>(
    `SELECT r.rolsuper, pg_get_userbyid(d.datdba) AS owner, current_user AS me
       FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
  );
  expect(role).toMatchObject({ rolsuper: false });
  expect(role!.owner).toBe(role!.me);
});

test("finding 9: a control character anywhere (query, path, body) is 400 naming the field, and writes nothing", async ({
  request,
}) => {
  await problem(await request.get(`/api/connectors?${scope}&q=a%00b`), 400, "BAD_REQUEST", "q");
  await problem(await request.get(`/api/connectors/web%00x?${scope}`), 400, "BAD_REQUEST", "identifier");
  const before = await countRows("Secret");
  await problem(
    await request.post(`/api/secrets?${scope}`, {
      data: { identifier: "nul_secret", name: "Has \u0000 inside", value: "value-with-nothing-odd" },
    }),
    400,
    "BAD_REQUEST",
    "name",
  );
  expect(await countRows("Secret")).toBe(before);
});
