// Test-run locks held in PostgreSQL (advisory locks on a dedicated connection), so several
// Conduit instances on one database agree: one running test per connector, a share of the slots
// per principal, and a global bound on concurrent tests. A crashed process drops its connection
// and with it its locks.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

const NS_CONNECTOR = 71001;
const NS_SLOT = 71002;
/** Keyed by hashtext(`<principal>/<slot>`): a principal's own slots, so one caller cannot take every global one. */
const NS_PRINCIPAL = 71003;

const g = globalThis as unknown as { conduitLockPool?: pg.Pool };
function pool(): pg.Pool {
  g.conduitLockPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().CONDUIT_MAX_CONCURRENT_TESTS + 2,
    connectionTimeoutMillis: 3_000,
  });
  return g.conduitLockPool;
}

/** Which bound refused: this connector's one run, the principal's share, or every slot. */
export type LockRefusal = "connector-busy" | "principal-busy" | "capacity";

/** How many tests one principal may run at once (never more than the global bound). */
const principalSlots = () =>
  Math.min(env().CONDUIT_MAX_CONCURRENT_TESTS_PER_PRINCIPAL, env().CONDUIT_MAX_CONCURRENT_TESTS);

/**
 * Takes the per-key lock when `key` is given, one of the principal's slots when `by` (the Actor)
 * is given, and a global slot; returns a release function, or which bound refused.
 */
export async function acquireTestLock(
  key: string | null,
  by: { kind: string; id: string } | null = null,
): Promise<{ release: () => Promise<void> } | { refused: LockRefusal; max: number }> {
  const principal = by ? `${by.kind}:${by.id}` : null;
  const client = await pool().connect();
  const mySlots = principalSlots();
  try {
    // One round trip, each lock only when the one before it was taken (a CTE with volatile calls
    // runs once, in order; CASE skips the sub-selects). LIMIT 1 stops at the first slot we could
    // take; the failed tries before it hold nothing.
    const r = await client.query<{ mine: boolean; own: number | null; slot: number | null }>(
      `WITH c AS (
         SELECT CASE WHEN $2::text IS NULL THEN true ELSE pg_try_advisory_lock($1, hashtext($2::text)) END AS mine
       ), p AS (
         SELECT mine, CASE WHEN NOT mine THEN NULL WHEN $5::text IS NULL THEN -1
           ELSE (SELECT s FROM generate_series(0, $6::int - 1) AS s WHERE pg_try_advisory_lock($7, hashtext($5::text || '/' || s)) LIMIT 1)
         END AS own FROM c
       )
       SELECT mine, own, CASE WHEN own IS NOT NULL THEN (SELECT s FROM generate_series(0, $4::int - 1) AS s WHERE pg_try_advisory_lock($3, s) LIMIT 1) END AS slot FROM p`,
      [NS_CONNECTOR, key, NS_SLOT, env().CONDUIT_MAX_CONCURRENT_TESTS, principal, mySlots, NS_PRINCIPAL],
    );
    const row = r.rows[0]!;
    if (!row.mine || row.own === null || row.slot === null) {
      // Whatever was taken before the refusing bound is let go at once.
      if (key !== null || principal !== null) await client.query("SELECT pg_advisory_unlock_all()");
      client.release();
      if (!row.mine) return { refused: "connector-busy", max: 1 };
      if (row.own === null) return { refused: "principal-busy", max: mySlots };
      return { refused: "capacity", max: env().CONDUIT_MAX_CONCURRENT_TESTS };
    }
  } catch (err) {
    client.release(true);
    throw err;
  }
  return {
    release: async () => {
      try {
        await client.query("SELECT pg_advisory_unlock_all()");
        client.release();
      } catch {
        client.release(true);
      }
    },
  };
}
