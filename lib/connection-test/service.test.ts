// Saved and unsaved connection tests (service.ts) against PostgreSQL and the AWS emulator, on
// their failure paths: a read that fails holds no lock; a result that cannot be stored (the
// connector was deleted during its test, the database did not answer) still ends the stream, and
// says so; a client that goes away frees the lock at once; a stopping console ends a running test
// with a result line saying why.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import { createConnector, deleteConnector } from "@/lib/connectors/service";
import { db } from "@/lib/db";
import { resetLifecycle, stopRuns, STOPPING_MESSAGE } from "@/lib/lifecycle";
import { resetEnvCache } from "@/lib/env";
import { toAppError } from "@/lib/http/map-error";
import { readNdjson } from "@/lib/http/stream";
import type { Scope } from "@/lib/scope";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import { createSecret } from "@/lib/secrets/service";
import { STOPPED_NOT_SAVED } from "@/lib/steps/not-saved";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { adminActor } from "@/scripts/lib/test-principals";
import { testSavedConnector, testUnsavedConnector } from "./service";
import type { TestEvent, TestResult } from "./types";

const suffix = Date.now().toString(36);
const ORG = `ct_faults_${suffix}`;
const ACCOUNT = "616161616161";
const by = adminActor({ id: `ct-faults-${suffix}`, name: "Tester", kind: "user", requestId: "req-ct-faults" });
const LIMITS = { CONDUIT_DB_LOCK_TIMEOUT_MS: "3000", CONDUIT_DB_STATEMENT_TIMEOUT_MS: "5000" };
const saved = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, process.env[k]]));
let emu: AwsEmulator;
let user: UserInfo;
let scope: Scope;
let observer: pg.Client;

beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  resetEnvCache();
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  user = emu.addUser({ name: `ct-faults-${suffix}`, accountId: ACCOUNT, allow: ["ec2:DescribeRegions"] });
  await createOrganization({ input: { identifier: ORG, name: "Faults", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "p", name: "p", description: "" }, by });
  scope = await resolveScope({ org: ORG, project: "p" });
  await createSecret({
    scope,
    input: { identifier: "sk", name: "sk", description: "", tags: {}, value: user.secretAccessKey },
    by,
  });
  observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await observer.connect();
});
afterEach(() => {
  emu.faults.clear();
  resetLifecycle();
});
afterAll(async () => {
  await observer.end();
  await emu.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

const input = (identifier: string) =>
  accessKeyConnector(identifier, { accessKey: user.accessKeyId, secretKeyRef: "sk" });

async function connector(identifier: string) {
  await createConnector({ scope, input: input(identifier), by });
  return db.connector.findFirstOrThrow({ where: { identifier, orgIdentifier: ORG } });
}

const lockKey = (identifier: string) => `connector:test_account/${ORG}/p/${identifier}`;

/** Sessions holding the connector's test lock. */
const holders = async (identifier: string) =>
  Number(
    (
      await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 71001 AND objid = hashtext($1)::oid AND granted`,
        [lockKey(identifier)],
      )
    ).rows[0]!.n,
  );

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Reads the stream to its end: every event, and the last line as the result (which must be one). */
async function follow(body: ReadableStream<Uint8Array>): Promise<{ events: TestEvent[]; result: TestResult }> {
  const events: TestEvent[] = [];
  for await (const e of readNdjson<TestEvent>(body)) events.push(e);
  const last = events.at(-1);
  if (last?.type !== "result") throw new Error(`the stream ended without a result: ${JSON.stringify(events)}`);
  return { events, result: last.result };
}

describe("a read that fails", () => {
  it("while another session locks the Connector table: 503, no test lock held, and the next test runs", async () => {
    await connector("locked");
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "Connector" IN ACCESS EXCLUSIVE MODE`);
      // The reproduction: the read waits for the table lock and its backend is terminated.
      const pending = testSavedConnector({ scope, identifier: "locked", by }).catch((e: unknown) => e);
      await until(async () => {
        const { rows } = await observer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"Connector"%' AND pid <> $1`,
          [(await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid],
        );
        for (const r of rows) await observer.query("SELECT pg_terminate_backend($1)", [r.pid]);
        return rows.length > 0;
      });
      const terminated = await pending;
      expect(toAppError(terminated)).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      expect(await holders("locked")).toBe(0);
      // And when nobody terminates it, the lock timeout ends the wait.
      const timedOut = await testSavedConnector({ scope, identifier: "locked", by }).catch((e: unknown) => e);
      expect(toAppError(timedOut)).toMatchObject({ status: 503 });
      expect(await holders("locked")).toBe(0);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    const { result } = await follow(await testSavedConnector({ scope, identifier: "locked", by }));
    expect(result.status).toBe("SUCCESS");
    expect(result.notSaved).toBeUndefined();
    expect(await holders("locked")).toBe(0);
  });
});

describe("a result that cannot be stored", () => {
  it("of a connector deleted during its test: the stream still ends with the result, which says so", async () => {
    const row = await connector("deleted");
    emu.faults.latency(1_000, { action: "GetCallerIdentity" });
    const body = await testSavedConnector({ scope, identifier: "deleted", by });
    await until(async () => (await holders("deleted")) === 1);
    await deleteConnector({ scope, identifier: "deleted", by });
    const { events, result } = await follow(body);
    expect(events.filter((e) => e.type === "result")).toHaveLength(1);
    expect(result.status).toBe("SUCCESS");
    expect(result.notSaved).toBe("The result was not saved: the connector was deleted during its test.");
    expect(await db.connectorTest.count({ where: { connectorId: row.id } })).toBe(0);
    expect(await holders("deleted")).toBe(0);
  });

  it("when the database does not answer in time: the result says so and the lock is let go", async () => {
    const row = await connector("unstored");
    emu.faults.latency(500, { action: "GetCallerIdentity" });
    const body = await testSavedConnector({ scope, identifier: "unstored", by });
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "ConnectorTest" IN ACCESS EXCLUSIVE MODE`);
      const { result } = await follow(body);
      expect(result.notSaved).toBe(
        "The result was not saved: the database did not answer. Test again once it is back.",
      );
      expect(await holders("unstored")).toBe(0);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect(await db.connectorTest.count({ where: { connectorId: row.id } })).toBe(0);
  });
});

describe("the lock goes with the request", () => {
  it("when the client goes away: at once, while the run goes on and its result is stored", async () => {
    const row = await connector("gone");
    emu.faults.latency(1_000, { action: "GetCallerIdentity" });
    const ctrl = new AbortController();
    const body = await testSavedConnector({ scope, identifier: "gone", by, signal: ctrl.signal });
    const reader = body.getReader();
    await reader.read();
    expect(await holders("gone")).toBe(1);
    ctrl.abort();
    await reader.cancel();
    await until(async () => (await holders("gone")) === 0, 2_000);
    await until(async () => (await db.connectorTest.count({ where: { connectorId: row.id } })) === 1);
  });
});

describe("a stopping console", () => {
  it("ends a running test with a result line saying why, stores nothing, lets the lock go, and starts no new one", async () => {
    const row = await connector("stopping");
    emu.faults.hang({ action: "GetCallerIdentity", n: 2 });
    const body = await testSavedConnector({ scope, identifier: "stopping", by });
    const unsaved = await testUnsavedConnector({ scope, input: input(`unsaved_${suffix}`), by });
    await until(async () => (await holders("stopping")) === 1);
    const stopped = await stopRuns({ drainMs: 200, endMs: 5_000 });
    expect(stopped).toEqual({ finished: 0, ended: 2 });
    for (const stream of [body, unsaved]) {
      const { result } = await follow(stream);
      expect(result.status).toBe("FAILURE");
      expect(result.notSaved).toBe(STOPPED_NOT_SAVED);
      expect(result.steps.find((s) => s.status === "failed")).toMatchObject({
        reason: "stopped",
        detail: STOPPING_MESSAGE,
      });
    }
    expect(await holders("stopping")).toBe(0);
    expect(await db.connectorTest.count({ where: { connectorId: row.id } })).toBe(0);
    const refused = await testSavedConnector({ scope, identifier: "stopping", by }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 503, code: "NOT_READY" });
  });
});
