// Failed sign-ins, counted in PostgreSQL (rate-limiter-flexible's store) so every instance shares
// them: per account (the email, hashed) and per client address. A blocked attempt is refused
// before the password is checked, with the same answer whether or not the email exists.
import "server-only";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { createPool } from "@/lib/db/pool";
import { AppError } from "@/lib/http/errors";
import { sha256 } from "./config";

export const PER_ACCOUNT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 };
export const PER_ADDRESS = { points: 30, duration: 15 * 60, blockDuration: 15 * 60 };

const g = globalThis as unknown as {
  conduitSignInLimits?: { pool: pg.Pool; account: RateLimiterPostgres; address: RateLimiterPostgres };
};

function limiters() {
  if (!g.conduitSignInLimits) {
    const pool = createPool("conduit-sign-in-limits", 2);
    const common = { storeClient: pool, storeType: "pool", tableName: "SignInLimit", tableCreated: true };
    g.conduitSignInLimits = {
      pool,
      account: new RateLimiterPostgres({ ...common, keyPrefix: "acct", ...PER_ACCOUNT }),
      address: new RateLimiterPostgres({ ...common, keyPrefix: "addr", ...PER_ADDRESS }),
    };
  }
  return g.conduitSignInLimits;
}

const accountKey = (email: string) => sha256(email.trim().toLowerCase());

function tooMany(res: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError(
    "RATE_LIMITED",
    `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}`,
    { headers: { "retry-after": String(seconds) } },
  );
}

/** Refuses (429) while the account or the address is blocked. */
export async function checkSignInAllowed(email: string, address: string | undefined): Promise<void> {
  const l = limiters();
  const [acct, addr] = await Promise.all([
    l.account.get(accountKey(email)),
    address ? l.address.get(address) : Promise.resolve(null),
  ]);
  for (const [res, limit] of [
    [acct, PER_ACCOUNT],
    [addr, PER_ADDRESS],
  ] as const)
    if (res && res.consumedPoints >= limit.points) throw tooMany(res);
}

export async function recordFailedSignIn(email: string, address: string | undefined): Promise<void> {
  const l = limiters();
  await Promise.all([
    l.account
      .consume(accountKey(email))
      .catch((e: unknown) => (e instanceof RateLimiterRes ? null : Promise.reject(e))),
    address
      ? l.address.consume(address).catch((e: unknown) => (e instanceof RateLimiterRes ? null : Promise.reject(e)))
      : null,
  ]);
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function recordSuccessfulSignIn(email: string): Promise<void> {
  await limiters().account.delete(accountKey(email));
}
