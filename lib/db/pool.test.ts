// The database time limits (lib/db/pool.ts) against PostgreSQL: every pooled connection carries
// them; a slow statement, a waited-for lock and a frozen server (a proxy that holds every byte, as
// SIGSTOP would) each end in an error the API answers 503, within the limits; the same client
// answers again once the database is back, with no restart.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { toAppError } from "@/lib/http/map-error";
import { startPausableProxy, type PausableProxy } from "@/scripts/lib/pausable-proxy";

const LIMITS = {
  CONDUIT_DB_STATEMENT_TIMEOUT_MS: "1000",
  CONDUIT_DB_LOCK_TIMEOUT_MS: "500",
  CONDUIT_DB_CONNECT_TIMEOUT_MS: "1000",
};
const saved = Object.fromEntries(["DATABASE_URL", ...Object.keys(LIMITS)].map((k) => [k, process.env[k]]));
const directUrl = process.env.DATABASE_URL!;
let proxy: PausableProxy;

beforeAll(async () => {
  const u = new URL(directUrl);
  proxy = await startPausableProxy({ host: u.hostname, port: Number(u.port) });
  Object.assign(process.env, LIMITS, { DATABASE_URL: proxy.urlFor(directUrl) });
  resetEnvCache();
});
afterAll(async () => {
  proxy.thaw();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await proxy.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

/** How long `p` took to settle, and its error if it failed. */
async function timed(p: Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const t0 = performance.now();
  try {
    await p;
    return { ms: performance.now() - t0 };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

describe("every pool's connections", () => {
  it("carry the statement, lock and idle-transaction limits and say which pool they belong to", async () => {
    const { createPool } = await import("./pool");
    const pool = createPool("conduit-pool-test", 2);
    try {
      const { rows } = await pool.query<Record<string, string>>(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('application_name') AS app`,
      );
      expect(rows[0]).toEqual({ statement: "1s", lock: "500ms", idle: "10s", app: "conduit-pool-test" });
      // A statement that runs too long is cancelled by the server (57014): a 503.
      const slow = await timed(pool.query("SELECT pg_sleep(5)"));
      expect((slow.error as { code?: string }).code).toBe("57014");
      expect(slow.ms).toBeLessThan(3_000);
      expect(toAppError(slow.error)).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      // So is a wait for a lock someone else holds (55P03).
      const holder = new pg.Client({ connectionString: directUrl });
      await holder.connect();
      try {
        await holder.query(`BEGIN; LOCK TABLE "Organization" IN ACCESS EXCLUSIVE MODE`);
        const locked = await timed(pool.query(`SELECT count(*) FROM "Organization"`));
        expect((locked.error as { code?: string }).code).toBe("55P03");
        expect(toAppError(locked.error)).toMatchObject({ status: 503 });
      } finally {
        await holder.query("ROLLBACK");
        await holder.end();
      }
      // The pool is still usable afterwards.
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe("a frozen database", () => {
  it("Prisma's queries fail within a couple of seconds as 503s, and the same client answers once it thaws", async () => {
    const { db } = await import("@/lib/db");
    expect(await db.organization.count()).toBeGreaterThanOrEqual(0); // a pooled connection exists
    proxy.freeze();
    try {
      // On the pooled connection: the client-side limit (statement + 500 ms).
      const pooled = await timed(db.organization.count());
      expect(pooled.error).toBeDefined();
      expect(toAppError(pooled.error)).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      expect(pooled.ms).toBeLessThan(4_000);
      // On a new connection: the connect limit. Several at once, more than the pool holds.
      const many = await Promise.all(Array.from({ length: 12 }, () => timed(db.organization.count())));
      for (const r of many) {
        expect(toAppError(r.error)).toMatchObject({ status: 503 });
        expect(r.ms).toBeLessThan(5_000);
      }
      // A write in a transaction too.
      const tx = await timed(db.$transaction(async (t) => t.organization.count()));
      expect(tx.error).toBeDefined();
      expect(tx.ms).toBeLessThan(5_000);
    } finally {
      proxy.thaw();
    }
    expect(await db.organization.count()).toBeGreaterThanOrEqual(0);
    expect(await db.$transaction(async (t) => t.organization.count())).toBeGreaterThanOrEqual(0);
  });
});
