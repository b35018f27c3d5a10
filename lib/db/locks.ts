// Test-run locks held in PostgreSQL (advisory locks on a dedicated connection), so several
// Conduit instances on one database agree: one running test per connector, and a global
// bound on concurrent tests. A crashed process drops its connection and with it its locks.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

const NS_CONNECTOR = 71001;
const NS_SLOT = 71002;

const g = globalThis as unknown as { conduitLockPool?: pg.Pool };
function pool(): pg.Pool {
  g.conduitLockPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().CONDUIT_MAX_CONCURRENT_TESTS + 2,
    connectionTimeoutMillis: 3_000,
  });
  return g.conduitLockPool;
}

export type LockRefusal = "connector-busy" | "capacity";

/** Takes a global slot and, when `key` is given, the per-key lock; returns a release function. */
export async function acquireTestLock(
  key: string | null,
): Promise<{ release: () => Promise<void> } | { refused: LockRefusal }> {
  const client = await pool().connect();
  try {
    // One round trip: the connector lock first, and a global slot only when that succeeded.
    // LIMIT 1 stops at the first slot we could take; the failed tries before it hold nothing.
    const r = await client.query<{ mine: boolean; slot: number | null }>(
      `WITH c AS (SELECT CASE WHEN $2::text IS NULL THEN true ELSE pg_try_advisory_lock($1, hashtext($2::text)) END AS mine)
       SELECT mine, CASE WHEN mine THEN (SELECT s FROM generate_series(0, $4::int - 1) AS s WHERE pg_try_advisory_lock($3, s) LIMIT 1) END AS slot FROM c`,
      [NS_CONNECTOR, key, NS_SLOT, env().CONDUIT_MAX_CONCURRENT_TESTS],
    );
    const row = r.rows[0]!;
    if (!row.mine || row.slot === null) {
      if (row.mine && key) await client.query("SELECT pg_advisory_unlock_all()");
      client.release();
      return { refused: row.mine ? "capacity" : "connector-busy" };
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
