// Failed sign-in limits, counted in PostgreSQL ("SignInLimit"): 5 failures block an account
// (from any address), 30 block an address (for any account), a success clears only the account.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { sha256 } from "./config";
import {
  checkSignInAllowed,
  PER_ACCOUNT,
  PER_ADDRESS,
  recordFailedSignIn,
  recordSuccessfulSignIn,
} from "./sign-in-limits";

const unique = () => randomBytes(4).toString("hex");
const email = () => `limit-${unique()}@example.com`;
const address = () => `198.51.${Math.floor(Math.random() * 256)}.${unique()}`;

afterAll(async () => {
  const g = globalThis as unknown as { conduitSignInLimits?: { pool: { end(): Promise<void> } } };
  await g.conduitSignInLimits?.pool.end();
  delete g.conduitSignInLimits;
});

async function fail(n: number, who: string, from: string | undefined) {
  for (let i = 0; i < n; i++) await recordFailedSignIn(who, from);
}

async function blocked(who: string, from: string | undefined): Promise<AppError | null> {
  return checkSignInAllowed(who, from).then(
    () => null,
    (e: unknown) => {
      if (e instanceof AppError) return e;
      throw e;
    },
  );
}

describe("per account", () => {
  it("allows 4 failures and blocks at the 5th, from any address, with a retry-after", async () => {
    expect(PER_ACCOUNT.points).toBe(5);
    const who = email();
    await fail(4, who, address());
    expect(await blocked(who, address())).toBeNull();
    await recordFailedSignIn(who, address());
    for (const from of [address(), address(), undefined]) {
      const err = await blocked(who, from);
      expect(err).toMatchObject({ code: "RATE_LIMITED", status: 429 });
      const retry = Number(err!.options.headers?.["retry-after"]);
      expect(retry).toBeGreaterThan(PER_ACCOUNT.blockDuration - 60);
      expect(retry).toBeLessThanOrEqual(PER_ACCOUNT.blockDuration);
      expect(err!.detail).toBe("Too many failed sign-ins; try again in 15 minutes");
    }
    // Another account from the same addresses is not affected.
    expect(await blocked(email(), undefined)).toBeNull();
  });

  it("counts an email the same whatever its case and surrounding spaces", async () => {
    const who = email();
    await fail(3, ` ${who.toUpperCase()} `, undefined);
    await fail(2, who, undefined);
    expect((await blocked(who, undefined))?.code).toBe("RATE_LIMITED");
  });

  it("starts again after a successful sign-in", async () => {
    const who = email();
    await fail(4, who, undefined);
    await recordSuccessfulSignIn(who);
    await fail(4, who, undefined);
    expect(await blocked(who, undefined)).toBeNull();
    await recordFailedSignIn(who, undefined);
    expect((await blocked(who, undefined))?.code).toBe("RATE_LIMITED");
  });

  it("stores the email only as a hash", async () => {
    const who = email();
    await recordFailedSignIn(who, undefined);
    const rows = await db.signInLimit.findMany();
    expect(rows.some((r) => r.key.includes(sha256(who)))).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.key))).not.toContain(who);
  });
});

describe("per address", () => {
  it("blocks an address after 30 failures over any accounts, separately from the accounts' own counts", async () => {
    expect(PER_ADDRESS.points).toBe(30);
    const from = address();
    const tried: string[] = [];
    for (let i = 0; i < 29; i++) {
      const who = email();
      tried.push(who);
      await recordFailedSignIn(who, from);
    }
    expect(await blocked(email(), from)).toBeNull();
    await recordFailedSignIn(email(), from);
    const err = await blocked(email(), from);
    expect(err).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(Number(err!.options.headers?.["retry-after"])).toBeGreaterThan(0);
    // The accounts it tried are not blocked elsewhere (one failure each), and a success clears
    // an account, not the address.
    expect(await blocked(tried[0]!, address())).toBeNull();
    await recordSuccessfulSignIn(tried[0]!);
    expect((await blocked(tried[0]!, from))?.code).toBe("RATE_LIMITED");
  });
});
