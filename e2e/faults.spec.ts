// Faults of the database and of the console's own processes (issue 14): a test lock never leaks
// (the read before it fails; the instance holding it is killed), a frozen database is a 503 within
// seconds and the console recovers when it thaws, a test whose result cannot be stored still ends
// with a result line, and SIGTERM lets running tests finish or end them with a result line before
// the process exits. Second instances run on the same database as the first (startAppInstance).
import pg from "pg";
import { expect, test, type APIRequestContext } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { database, queryRows } from "./fixtures/db";
import { OUTPUT_DIR, startAppInstance, type AppInstance } from "./fixtures/app-server";
import { freePort } from "../scripts/lib/embedded-postgres";
import { readFileSync } from "node:fs";
import path from "node:path";

const suffix = Date.now().toString(36);
const ACCOUNT = "141414141414";

async function connector(request: APIRequestContext, name: string, region = "us-east-1") {
  const user = await aws.addUser({
    name: `${name}-${suffix}`,
    accountId: ACCOUNT,
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  const secretId = `${name}_sk_${suffix}`;
  const secret = await request.post("/api/secrets", {
    data: { identifier: secretId, name: secretId, value: user.secretAccessKey },
  });
  expect(secret.status()).toBe(201);
  const identifier = `${name}_${suffix}`;
  const made = await request.post("/api/connectors", {
    data: {
      name: identifier,
      identifier,
      spec: {
        credential: { type: "ManualConfig", spec: { accessKey: user.accessKeyId, secretKeyRef: secretId }, region },
      },
    },
  });
  expect(made.status()).toBe(201);
  return identifier;
}

/** Sessions holding the account-scope connector's test lock. */
const lockHolders = async (identifier: string) =>
  Number(
    (
      await queryRows<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 71001
           AND objid = hashtext($1)::oid AND granted`,
        [`connector:e2e_account///${identifier}`],
      )
    )[0]!.n,
  );

type Line = { type: string; status?: string; reason?: string; detail?: string; result?: Record<string, unknown> };
const parseLines = (text: string): Line[] =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);

/** Milliseconds `f` took, and what it returned. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = Date.now();
  const value = await f();
  return { ms: Date.now() - t0, value };
}

test("the issue's lock leak: a read the database fails (a locked table, its backend terminated) leaves no lock, and the connector tests again", async ({
  request,
}) => {
  const id = await connector(request, "leak");
  const holder = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await holder.connect();
  try {
    const me = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await holder.query(`BEGIN; LOCK TABLE "Connector" IN ACCESS EXCLUSIVE MODE`);
    let answered = false;
    const pending = request.post(`/api/connectors/${id}/test`).finally(() => (answered = true));
    // The read waits for the table; terminate it, as the fault run did (or its lock timeout ends it first).
    let terminated = 0;
    await expect
      .poll(
        async () => {
          const waiting = await queryRows<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"Connector"%' AND pid <> $1`,
            [me],
          );
          for (const w of waiting) await queryRows("SELECT pg_terminate_backend($1)", [w.pid]);
          terminated += waiting.length;
          return terminated > 0 || answered;
        },
        { timeout: 10_000, intervals: [50] },
      )
      .toBe(true);
    const res = await pending;
    console.log(
      `[faults] lock leak: ${terminated ? "the waiting read was terminated" : "the lock timeout ended the read"}`,
    );
    expect(res.status()).toBe(503);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect(await lockHolders(id)).toBe(0);
  } finally {
    await holder.query("ROLLBACK").catch(() => {});
    await holder.end();
  }
  const again = await request.post(`/api/connectors/${id}/test`);
  expect(again.status()).toBe(200);
  const last = parseLines(await again.text()).at(-1)!;
  expect(last).toMatchObject({ type: "result", result: { status: "SUCCESS" } });
  expect(last.result!.notSaved).toBeUndefined();
  expect(await lockHolders(id)).toBe(0);
});

test("a frozen database (SIGSTOP): 503 problem+json within 5 s on reads, lists and creates, readiness within 2 s; recovery on SIGCONT without a restart", async ({
  request,
}) => {
  test.setTimeout(120_000);
  expect((await request.get("/api/orgs")).status()).toBe(200);
  const org = { identifier: `frozen_${suffix}`, name: `Frozen ${suffix}`, description: "" };
  const measured: Record<string, number> = {};
  await database("freeze");
  try {
    // Liveness does not touch the database.
    expect((await request.get("/api/health")).status()).toBe(200);
    const ready = await timed(() => request.get("/api/ready"));
    measured.ready = ready.ms;
    expect(ready.value.status()).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);
    for (const [name, call] of [
      ["list orgs", () => request.get("/api/orgs")],
      ["list connectors", () => request.get("/api/connectors")],
      ["create org", () => request.post("/api/orgs", { data: org })],
      ["list again", () => request.get("/api/orgs")],
    ] as const) {
      const r = await timed(call);
      measured[name] = r.ms;
      expect(r.value.status(), name).toBe(503);
      expect(r.value.headers()["content-type"]).toContain("application/problem+json");
      expect(r.value.headers()["retry-after"]).toBeTruthy();
      const body = await r.value.json();
      expect(body).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      expect(JSON.stringify(body)).not.toMatch(/timeout|127\.0\.0\.1|postgres/i);
      expect(r.ms, name).toBeLessThan(5_000);
    }
  } finally {
    await database("thaw");
  }
  console.log(`[faults] frozen database, ms to answer: ${JSON.stringify(measured)}`);
  const t0 = Date.now();
  await expect.poll(async () => (await request.get("/api/ready")).status(), { timeout: 20_000 }).toBe(200);
  console.log(`[faults] ready again ${Date.now() - t0} ms after the thaw`);
  expect((await request.get("/api/orgs")).status()).toBe(200);
  expect((await request.post("/api/orgs", { data: org })).status()).toBe(201);
  expect((await request.delete(`/api/orgs/${org.identifier}`)).status()).toBe(204);
});

test("a connector deleted during its test: the stream ends with a result line saying it was not saved", async ({
  request,
}) => {
  const id = await connector(request, "deleted");
  await aws.latency(1_500, { action: "GetCallerIdentity" });
  try {
    const pending = request.post(`/api/connectors/${id}/test`);
    await expect.poll(() => lockHolders(id)).toBe(1);
    const del = await request.delete(`/api/connectors/${id}`);
    expect([200, 204]).toContain(del.status());
    const res = await pending;
    expect(res.status()).toBe(200);
    const lines = parseLines(await res.text());
    expect(lines.filter((l) => l.type === "result")).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({
      type: "result",
      result: { notSaved: "The result was not saved: the connector was deleted during its test." },
    });
  } finally {
    await aws.clearFaults();
  }
  expect(await lockHolders(id)).toBe(0);
});

test.describe("more than one console on the database", () => {
  const instances: AppInstance[] = [];
  test.afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
  });

  /** An API token (the second console's origin is not the suite's: a bearer token needs none); revoked after `f`. */
  async function withToken(request: APIRequestContext, f: (token: string) => Promise<void>) {
    const made = await request.post("/api/me/tokens", { data: { name: `faults ${Date.now()}`, expiresInDays: 1 } });
    expect(made.status()).toBe(201);
    const { token, item } = (await made.json()) as { token: string; item: { id: string } };
    try {
      await f(token);
    } finally {
      await request.delete(`/api/me/tokens/${item.id}`);
    }
  }

  /** Another console on the same database, settings and secret key as the suite's. */
  async function another(env: Record<string, string> = {}): Promise<AppInstance> {
    const instance = await startAppInstance({
      port: await freePort(),
      databaseUrl: process.env.E2E_DATABASE_URL!,
      env: { ...(JSON.parse(process.env.E2E_APP_ENV!) as Record<string, string>), ...env },
    });
    instances.push(instance);
    return instance;
  }

  const startTest = (base: string, id: string, token: string) =>
    fetch(`${base}/api/connectors/${id}/test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });

  test("an instance killed (SIGKILL) mid-test leaves no lock behind: the other one tests the same connector at once", async ({
    request,
  }) => {
    test.setTimeout(180_000);
    const id = await connector(request, "killed");
    const second = await another();
    await aws.hang({ action: "GetCallerIdentity", n: 1 });
    await withToken(request, async (token) => {
      const pending = startTest(second.baseUrl, id, token)
        .then((r) => r.text())
        .catch((e: unknown) => e);
      await expect.poll(() => lockHolders(id)).toBe(1);
      // The instances share the lock: the first one may not test the connector now.
      expect((await request.post(`/api/connectors/${id}/test`)).status()).toBe(429);
      second.child.kill("SIGKILL");
      expect(await second.exited).toMatchObject({ signal: "SIGKILL" });
      await pending; // its client sees the connection go
      const t0 = Date.now();
      await expect.poll(() => lockHolders(id), { timeout: 10_000, intervals: [50] }).toBe(0);
      console.log(`[faults] the killed instance's lock was gone ${Date.now() - t0} ms after its exit`);
    }).finally(() => aws.clearFaults());
    const res = await request.post(`/api/connectors/${id}/test`);
    expect(res.status()).toBe(200);
    expect(parseLines(await res.text()).at(-1)).toMatchObject({ type: "result", result: { status: "SUCCESS" } });
  });

  test("SIGTERM: no new connections, a test that finishes in time finishes, a stuck one ends with a result line saying the console is stopping, no lock is left and the process exits within 20 s", async ({
    request,
  }) => {
    test.setTimeout(180_000);
    const quick = await connector(request, "drained");
    const stuck = await connector(request, "stuck", "us-west-2");
    // Long AWS limits: the stuck test would run for minutes unless the console ends it.
    const third = await another({ CONDUIT_AWS_CALL_TIMEOUT_MS: "120000", CONDUIT_TEST_TIMEOUT_MS: "120000" });
    await aws.hang({ action: "GetCallerIdentity", region: "us-west-2", n: 1 });
    await aws.latency(3_000, { action: "GetCallerIdentity", region: "us-east-1" });
    await withToken(request, async (token) => {
      const [stuckRes, quickRes] = await Promise.all([
        startTest(third.baseUrl, stuck, token),
        startTest(third.baseUrl, quick, token),
      ]);
      expect([stuckRes.status, quickRes.status]).toEqual([200, 200]);
      const bodies = Promise.all([stuckRes.text(), quickRes.text()]);
      await expect.poll(async () => (await lockHolders(stuck)) + (await lockHolders(quick))).toBe(2);

      const t0 = Date.now();
      third.child.kill("SIGTERM");
      // It stops accepting at once.
      await expect
        .poll(
          () =>
            fetch(`${third.baseUrl}/api/health`).then(
              () => "accepted",
              () => "refused",
            ),
          { timeout: 5_000 },
        )
        .toBe("refused");
      const [stuckText, quickText] = await bodies;
      const exit = await third.exited;
      const ms = Date.now() - t0;
      console.log(`[faults] SIGTERM → exit in ${ms} ms (${JSON.stringify(exit)})`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(20_000);

      const quickLast = parseLines(quickText).at(-1)!;
      expect(quickLast).toMatchObject({ type: "result", result: { status: "SUCCESS" } });
      expect(quickLast.result!.notSaved).toBeUndefined();
      const stuckLines = parseLines(stuckText);
      expect(stuckLines.at(-1)).toMatchObject({
        type: "result",
        result: {
          status: "FAILURE",
          notSaved: "The result was not saved: the console stopped the test before it finished.",
        },
      });
      expect(stuckLines.find((l) => l.type === "step" && l.status === "failed")).toMatchObject({
        reason: "stopped",
        detail: "The console is stopping: this test was ended before it finished. Run it again.",
      });
      expect(await lockHolders(stuck)).toBe(0);
      expect(await lockHolders(quick)).toBe(0);
      // The quick test's result was stored; the ended one's was not.
      const stored = await queryRows<{ identifier: string; n: number }>(
        `SELECT c.identifier, count(t.id)::int AS n FROM "Connector" c LEFT JOIN "ConnectorTest" t ON t."connectorId" = c.id
          WHERE c.identifier = ANY($1) GROUP BY c.identifier ORDER BY c.identifier`,
        [[quick, stuck]],
      );
      expect(stored).toEqual([
        { identifier: quick, n: 1 },
        { identifier: stuck, n: 0 },
      ]);
      const log = readFileSync(path.join(OUTPUT_DIR, `app-${new URL(third.baseUrl).port}.log`), "utf8");
      expect(log).toContain("tests: 1 finished, 1 ended");
      expect(log).toContain("test locks let go, database pools closed");
    }).finally(() => aws.clearFaults());
  });
});
