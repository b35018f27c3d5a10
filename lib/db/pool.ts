// The time limits every PostgreSQL connection of the console runs with (Prisma's pool, the test
// locks, the request and sign-in limits), so a slow, locked or frozen database is an error (503
// problem+json, lib/http/map-error.ts) within seconds instead of a hang:
// - statement_timeout and lock_timeout, enforced by the server (57014, 55P03);
// - query_timeout, 500 ms longer, enforced here: a database that does not answer at all (frozen,
//   a dead network path) still ends the query, and the pool drops that connection;
// - connectionTimeoutMillis: the wait for a pooled connection, or for a new one to open;
// - idle_in_transaction_session_timeout: a transaction left open cannot keep its row locks;
// - TCP keepalive on every socket.
// Idle-connection errors are logged, never thrown, and each pool is closed when the console stops.
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { onClose } from "@/lib/lifecycle";

/** Every connection's settings; `application_name` says which pool a backend belongs to. */
export function connectionConfig(name: string): pg.ClientConfig {
  const e = env();
  if (!e.DATABASE_URL) throw new Error("DATABASE_URL is not set: start Conduit with `npm start`, which provides one");
  const statement = e.CONDUIT_DB_STATEMENT_TIMEOUT_MS;
  return {
    connectionString: e.DATABASE_URL,
    application_name: name,
    connectionTimeoutMillis: e.CONDUIT_DB_CONNECT_TIMEOUT_MS,
    statement_timeout: statement,
    lock_timeout: Math.min(e.CONDUIT_DB_LOCK_TIMEOUT_MS, statement),
    query_timeout: statement + 500,
    idle_in_transaction_session_timeout: Math.max(10_000, statement * 2),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

export function poolConfig(name: string, max: number): pg.PoolConfig {
  return { ...connectionConfig(name), max, idleTimeoutMillis: 10_000 };
}

const logIdleError = (pool: string) => (err: Error) =>
  logger.warn({ err: { message: err.message }, pool }, "an idle database connection failed; the pool drops it");

/** A pool with those limits, closed when the console stops. */
export function createPool(name: string, max: number): pg.Pool {
  const pool = new pg.Pool(poolConfig(name, max));
  pool.on("error", logIdleError(name));
  onClose(`pool:${name}`, () => pool.end());
  return pool;
}

/** For pools made elsewhere (Prisma's adapter): the same handler for idle-connection errors. */
export const onIdleConnectionError = logIdleError;
