// Test-run locks held in PostgreSQL (session advisory locks), so several Conduit instances on one
// database agree: one running test per connector, a share of the slots per principal, and a
// global bound on concurrent tests.
//
// Each held lock has a connection of its own, opened for it and closed to let it go: never
// pooled, never shared, so the locks live exactly as long as that session. It goes when:
// - release() is called (the run ended: lib/steps/stream.ts lets it go in any case);
// - the request's signal aborts (the client went away);
// - its maximum lifetime passes (the longest a test may run, plus time to store its result);
// - the console stops (lib/lifecycle.ts);
// - the process dies (the kernel closes the socket and the server ends the session);
// - the server sees the session idle longer than that lifetime (idle_session_timeout), or its
//   peer silent (TCP keepalives): a wedged or vanished process cannot keep a lock either.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { logger } from "@/lib/logger";
import { isStopping, onClose } from "@/lib/lifecycle";
import { connectionConfig } from "./pool";

const NS_CONNECTOR = 71001;
const NS_SLOT = 71002;
/** Keyed by hashtext(`<principal>/<slot>`): a principal's own slots, so one caller cannot take every global one. */
const NS_PRINCIPAL = 71003;

/** Which bound refused: this connector's one run, the principal's share, or every slot. */
export type LockRefusal = "connector-busy" | "principal-busy" | "capacity";

export interface TestLock {
  /** Lets the lock go (closes its connection); safe to call more than once. */
  release: () => Promise<void>;
}

export interface LockOptions {
  /** The request's signal: when it aborts (the client went away), the lock goes. */
  signal?: AbortSignal;
  /** Default: the longest a test may run (CONDUIT_TEST_TIMEOUT_MS, at least 30 s) plus 30 s. */
  maxLifetimeMs?: number;
}

/** How many tests one principal may run at once (never more than the global bound). */
const principalSlots = () =>
  Math.min(env().CONDUIT_MAX_CONCURRENT_TESTS_PER_PRINCIPAL, env().CONDUIT_MAX_CONCURRENT_TESTS);

export const defaultLockLifetimeMs = () => Math.max(env().CONDUIT_TEST_TIMEOUT_MS, 30_000) + 30_000;

/** How long closing a lock's connection may take before its socket is simply destroyed. */
const CLOSE_TIMEOUT_MS = 2_000;

// Held locks, on globalThis like the pools (one set per process however the module is loaded).
const g = globalThis as unknown as { conduitHeldTestLocks?: Set<TestLock> };
const held = () => (g.conduitHeldTestLocks ??= new Set());
const releaseAll = () => Promise.all([...held()].map((l) => l.release()));

function lockConnection(lifetimeMs: number): pg.Client {
  const base = connectionConfig("conduit-test-lock");
  // Server-side bounds for this session alone: idle longer than the lock may live, or a peer that
  // stopped answering TCP keepalives (about 25 s), and the server ends it (and its locks).
  const idle = lifetimeMs + 15_000;
  return new pg.Client({
    ...base,
    options: `-c idle_session_timeout=${idle} -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3`,
  });
}

/**
 * Unlocks (answered by the server, so the next test may start as soon as this resolves), then ends
 * the session, which drops its locks in any case; a silent server gets its socket destroyed.
 */
async function close(client: pg.Client, unlock: boolean): Promise<void> {
  if (unlock) await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    client.end().then(
      () => true,
      () => true,
    ),
    new Promise<false>((r) => (timer = setTimeout(() => r(false), CLOSE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!ended) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * Takes the per-key lock when `key` is given, one of the principal's slots when `by` (the Actor)
 * is given, and a global slot; returns the lock, or which bound refused. While the console stops
 * no test starts (503).
 */
export async function acquireTestLock(
  key: string | null,
  by: { kind: string; id: string } | null = null,
  opts: LockOptions = {},
): Promise<TestLock | { refused: LockRefusal; max: number }> {
  if (isStopping())
    throw new AppError("NOT_READY", "The console is stopping; start the test again in a few seconds.", {
      headers: { "retry-after": "5" },
    });
  const principal = by ? `${by.kind}:${by.id}` : null;
  const mySlots = principalSlots();
  const lifetimeMs = opts.maxLifetimeMs ?? defaultLockLifetimeMs();
  const client = lockConnection(lifetimeMs);
  // A pg client with no error listener would crash the process when its connection fails.
  const conn: { lost?: Error; onLost: () => void } = { onLost: () => {} };
  client.on("error", (err) => {
    conn.lost = err;
    conn.onLost();
  });
  let row: { mine: boolean; own: number | null; slot: number | null };
  try {
    await client.connect();
    // One round trip, each lock only when the one before it was taken (a CTE with volatile calls
    // runs once, in order; CASE skips the sub-selects). LIMIT 1 stops at the first slot we could
    // take; the failed tries before it hold nothing.
    const r = await client.query<typeof row>(
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
    row = r.rows[0]!;
  } catch (err) {
    // An error the server sent (the connection works): let go of whatever the query took.
    await close(client, err instanceof pg.DatabaseError);
    throw err;
  }
  if (!row.mine || row.own === null || row.slot === null) {
    // Whatever was taken before the refusing bound goes with the session.
    await close(client, true);
    if (!row.mine) return { refused: "connector-busy", max: 1 };
    if (row.own === null) return { refused: "principal-busy", max: mySlots };
    return { refused: "capacity", max: env().CONDUIT_MAX_CONCURRENT_TESTS };
  }

  let released: Promise<void> | undefined;
  const lock: TestLock = {
    release: () =>
      (released ??= (async () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
        held().delete(lock);
        await close(client, !conn.lost);
      })()),
  };
  const onAbort = () => void lock.release();
  const timer = setTimeout(() => {
    logger.warn({ key, lifetimeMs }, "a test lock reached its maximum lifetime and was let go");
    void lock.release();
  }, lifetimeMs);
  timer.unref();
  conn.onLost = () => {
    logger.warn(
      { key, err: { message: conn.lost?.message } },
      "a test lock's connection failed; the lock went with it",
    );
    void lock.release();
  };
  if (conn.lost) conn.onLost();
  held().add(lock);
  onClose("test-locks", releaseAll);
  if (opts.signal?.aborted) void lock.release();
  else opts.signal?.addEventListener("abort", onAbort, { once: true });
  return lock;
}
