// Test locks (lib/db/locks.ts) against PostgreSQL, through a proxy that can freeze: a lock is let
// go on every path (release, the request's signal, its maximum lifetime, its connection dying, the
// console stopping) and a refused or failed attempt holds nothing.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { resetEnvCache } from "@/lib/env";
import { startPausableProxy, type PausableProxy } from "@/scripts/lib/pausable-proxy";
import { acquireTestLock, type TestLock } from "./locks";
import { closeResources, resetLifecycle, stopRuns } from "@/lib/lifecycle";

const LIMITS = { CONDUIT_DB_CONNECT_TIMEOUT_MS: "1000", CONDUIT_DB_STATEMENT_TIMEOUT_MS: "1000" };
const saved = Object.fromEntries(["DATABASE_URL", ...Object.keys(LIMITS)].map((k) => [k, process.env[k]]));
const directUrl = process.env.DATABASE_URL!;
const suffix = Date.now().toString(36);
let proxy: PausableProxy;
let observer: pg.Client;

beforeAll(async () => {
  const u = new URL(directUrl);
  proxy = await startPausableProxy({ host: u.hostname, port: Number(u.port) });
  Object.assign(process.env, LIMITS, { DATABASE_URL: proxy.urlFor(directUrl) });
  resetEnvCache();
  observer = new pg.Client({ connectionString: directUrl });
  await observer.connect();
});
afterEach(() => {
  proxy.thaw();
  resetLifecycle();
});
afterAll(async () => {
  await observer.end();
  await proxy.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

/** Sessions holding this key's lock (the per-connector or per-cluster one), seen from another session. */
const holders = async (key: string) =>
  Number(
    (
      await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 71001 AND objid = hashtext($1)::oid AND granted`,
        [key],
      )
    ).rows[0]!.n,
  );

/** Slots the principal holds (namespace 71003). */
const principalSlots = async (principal: string) =>
  Number(
    (
      await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks l WHERE locktype = 'advisory' AND classid = 71003
           AND objid IN (SELECT hashtext($1 || '/' || s)::oid FROM generate_series(0, 255) s)`,
        [principal],
      )
    ).rows[0]!.n,
  );

const eventually = async (check: () => Promise<number>, want: number, ms = 5_000) => {
  const deadline = Date.now() + ms;
  let got = await check();
  while (got !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    got = await check();
  }
  expect(got).toBe(want);
};

async function take(key: string, by: { kind: string; id: string } | null = null, opts = {}): Promise<TestLock> {
  const lock = await acquireTestLock(key, by, opts);
  if ("refused" in lock) throw new Error(`refused: ${lock.refused}`);
  return lock;
}

describe("a test lock", () => {
  it("is held until released; a second attempt on the key is refused and holds nothing", async () => {
    const key = `connector:${suffix}/release`;
    const by = { kind: "user", id: `u-release-${suffix}` };
    const lock = await take(key, by);
    expect(await holders(key)).toBe(1);
    expect(await principalSlots(`user:${by.id}`)).toBe(1);
    expect(await acquireTestLock(key, { kind: "user", id: `other-${suffix}` })).toEqual({
      refused: "connector-busy",
      max: 1,
    });
    // The refused attempt's session is closed, so the other principal holds no slot.
    expect(await principalSlots(`user:other-${suffix}`)).toBe(0);
    await lock.release();
    // Let go by the time release() resolves, so the next test may start at once.
    expect(await holders(key)).toBe(0);
    expect(await principalSlots(`user:${by.id}`)).toBe(0);
    await lock.release(); // twice is fine
    await (await take(key, by)).release();
  });

  it("goes when the request's signal aborts (the client went away)", async () => {
    const key = `connector:${suffix}/abort`;
    const ctrl = new AbortController();
    const lock = await take(key, null, { signal: ctrl.signal });
    expect(await holders(key)).toBe(1);
    ctrl.abort();
    await eventually(() => holders(key), 0);
    await lock.release();
  });

  it("goes when its maximum lifetime is over, whatever the run does", async () => {
    const key = `connector:${suffix}/lifetime`;
    await take(key, null, { maxLifetimeMs: 300 });
    expect(await holders(key)).toBe(1);
    await eventually(() => holders(key), 0);
  });

  it("dies with its connection: a terminated session neither crashes the process nor leaves the lock held", async () => {
    const key = `connector:${suffix}/terminated`;
    const lock = await take(key);
    const { rows } = await observer.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 71001 AND objid = hashtext($1)::oid`,
      [key],
    );
    await observer.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await eventually(() => holders(key), 0);
    await lock.release();
    await (await take(key)).release();
  });

  it("is on a connection of its own, not one any pool could hand to someone else", async () => {
    const key = `connector:${suffix}/own`;
    const [a, b] = [await take(key), await take(`${key}-2`)];
    const { rows } = await observer.query<{ pid: number; app: string }>(
      `SELECT l.pid, a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a USING (pid)
        WHERE l.locktype = 'advisory' AND l.classid = 71001 AND l.objid IN (hashtext($1)::oid, hashtext($2)::oid)`,
      [key, `${key}-2`],
    );
    expect(rows.map((r) => r.app)).toEqual(["conduit-test-lock", "conduit-test-lock"]);
    expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
    await Promise.all([a.release(), b.release()]);
    // Its session ends with the release.
    await eventually(
      async () =>
        (await observer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [rows.map((r) => r.pid)]))
          .rowCount ?? 0,
      0,
    );
  });

  it("is let go when the console stops, and no new one is taken while it stops (503)", async () => {
    const key = `connector:${suffix}/stopping`;
    await take(key);
    await stopRuns({ drainMs: 0, endMs: 0 });
    const err = await acquireTestLock(`${key}-new`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "NOT_READY", status: 503 });
    expect(await closeResources(5_000)).toEqual([]);
    expect(await holders(key)).toBe(0);
  });
});

describe("a frozen database", () => {
  it("an attempt fails within the connect limit and holds nothing", async () => {
    const key = `connector:${suffix}/frozen-acquire`;
    proxy.freeze();
    const t0 = performance.now();
    const err = await acquireTestLock(key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(performance.now() - t0).toBeLessThan(4_000);
    proxy.thaw();
    await eventually(() => holders(key), 0);
    await (await take(key)).release();
  });

  it("a release returns within seconds, and the lock is gone once the database answers again", async () => {
    const key = `connector:${suffix}/frozen-release`;
    const lock = await take(key);
    proxy.freeze();
    const t0 = performance.now();
    await lock.release();
    expect(performance.now() - t0).toBeLessThan(4_000);
    proxy.thaw();
    await eventually(() => holders(key), 0);
    await (await take(key)).release();
  });
});
