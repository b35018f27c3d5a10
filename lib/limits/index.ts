// Request limits per principal and per scope, counted in PostgreSQL (rate-limiter-flexible's
// store, table RequestLimit) so every instance shares them. A route names its limit (withRoute's
// `limit`), applied after authorization and before the body is read; a refusal is a 429 that
// says what was limited and when to retry (Retry-After). The running-test bounds are advisory
// locks (lib/db/locks.ts); their refusals are worded here too.
import "server-only";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { LockRefusal } from "@/lib/db/locks";
import { createPool } from "@/lib/db/pool";
import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { scopeKey, scopeLabel, type Actor, type Scope } from "@/lib/scope";

/** The limits a route can name. */
export type LimitName = "test" | "lookup";

/** A search of every region (up to 20 ListClusters calls at once) counts as this many lookups. */
export const ALL_REGIONS_LOOKUP_COST = 10;

interface Rate {
  points: number;
  duration: number;
}

interface Counter {
  /** Stored keys are `<prefix>:<key>`. */
  prefix: string;
  /** Also what `extra.limit` of the problem says. */
  id: string;
  rate: (e: Env) => Rate;
  key: (actor: Actor, scope: Scope) => string;
  /** The refusal, before "; try again in …". */
  says: (rate: Rate, scope: Scope) => string;
}

/** Who is counted: a user and a service account never share a counter. */
const principalKey = (actor: Pick<Actor, "kind" | "id">) => `${actor.kind}:${actor.id}`;

const scopeCounterKey = (scope: Scope) => {
  const k = scopeKey(scope);
  return `${k.accountId}/${k.orgIdentifier}/${k.projectIdentifier}`;
};

const COUNTERS: Record<LimitName, Counter[]> = {
  test: [
    {
      prefix: "test-principal",
      id: "tests-per-principal",
      rate: (e) => e.CONDUIT_LIMIT_TESTS_PER_PRINCIPAL,
      key: principalKey,
      says: (r) => `Too many connection tests: you may start ${r.points} ${per(r.duration)}`,
    },
    {
      prefix: "test-scope",
      id: "tests-per-scope",
      rate: (e) => e.CONDUIT_LIMIT_TESTS_PER_SCOPE,
      key: (_actor, scope) => scopeCounterKey(scope),
      says: (r, scope) =>
        `Too many connection tests in ${scopeLabel(scopeKey(scope))}: everyone together may start ${r.points} ${per(r.duration)}`,
    },
  ],
  lookup: [
    {
      prefix: "lookup-principal",
      id: "lookups-per-principal",
      rate: (e) => e.CONDUIT_LIMIT_LOOKUPS_PER_PRINCIPAL,
      key: principalKey,
      says: (r) =>
        `Too many AWS lookups: you may make ${r.points} ${per(r.duration)} (a search of every region counts as ${ALL_REGIONS_LOOKUP_COST})`,
    },
  ],
};

function per(seconds: number): string {
  if (seconds === 60) return "a minute";
  if (seconds === 3600) return "an hour";
  return seconds % 60 === 0 ? `every ${seconds / 60} minutes` : `every ${seconds} seconds`;
}

function inTime(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

const g = globalThis as unknown as {
  conduitRequestLimits?: { pool: pg.Pool; limiters: Map<string, RateLimiterPostgres> };
};

/** One limiter per counter and rate (a test that changes the rate gets a new one). */
function limiter(prefix: string, rate: Rate): RateLimiterPostgres {
  g.conduitRequestLimits ??= {
    pool: createPool("conduit-limits", 4),
    limiters: new Map(),
  };
  const { pool, limiters } = g.conduitRequestLimits;
  const id = `${prefix}:${rate.points}/${rate.duration}`;
  let l = limiters.get(id);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "RequestLimit",
      tableCreated: true,
      keyPrefix: prefix,
      points: rate.points,
      duration: rate.duration,
    });
    limiters.set(id, l);
  }
  return l;
}

/**
 * Counts one request (or `cost` points) against the limit's counters in order, the principal's
 * first: 429 at the first one that is spent. A request the principal's own counter refuses is
 * not counted for its scope, so one caller hammering cannot use up everyone's share.
 */
export async function enforceLimit(name: LimitName, actor: Actor, scope: Scope, cost = 1): Promise<void> {
  const e = env();
  for (const counter of COUNTERS[name]) {
    const rate = counter.rate(e);
    try {
      await limiter(counter.prefix, rate).consume(counter.key(actor, scope), Math.min(Math.max(cost, 1), rate.points));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError("RATE_LIMITED", `${counter.says(rate, scope)}; try again in ${inTime(seconds)}.`, {
        headers: { "retry-after": String(seconds) },
        extra: { limit: counter.id, points: rate.points, duration: rate.duration },
      });
    }
  }
}

/**
 * A test the running-test bounds refused (lib/db/locks.ts): `busy` says that this very connector
 * or cluster is being tested; the others name the bound.
 */
export function testLockRefused(lock: { refused: LockRefusal; max: number }, busy: string): AppError {
  const detail =
    lock.refused === "connector-busy"
      ? busy
      : lock.refused === "principal-busy"
        ? `You already have ${lock.max} test${lock.max === 1 ? "" : "s"} running; wait for one to finish.`
        : "Too many connection tests are running right now; try again in a few seconds.";
  return new AppError("RATE_LIMITED", detail, {
    headers: { "retry-after": "5" },
    extra: { limit: lock.refused },
  });
}
