// The first Account Admin, on a database of this file's own (the shared test database has users
// from other files, and "no user yet" is the whole point here): one admin even when two starts
// race, one-time setup links (once, not after use, not after expiry), and a 409 once set up.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrate } from "@/lib/db/migrations";
import { env, resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { Actor } from "@/lib/scope";
import { createTestDatabase, dropTestDatabase } from "@/scripts/lib/test-database";
import {
  bootstrapIdentity,
  completeSetup,
  createFirstAdmin,
  createSetupLink,
  hasUsers,
  setupLinkState,
} from "./bootstrap";
import { consoleOrigin, sha256 } from "./config";

const dbName = `bootstrap_${Date.now()}_${randomBytes(3).toString("hex")}`;
const visitor: Actor = { id: "anonymous", name: "anonymous", kind: "user", grants: [], requestId: "req-setup" };
const form = (token: string, email = "first@example.com") => ({
  token,
  name: "First Admin",
  email,
  password: "correct horse battery staple",
});
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const shared = process.env.DATABASE_URL!;
/** lib/db keeps its client on globalThis: drop it so the next use connects to the database in the env. */
async function dropDbClient() {
  const g = globalThis as unknown as { conduitPrisma?: { $disconnect(): Promise<void> } };
  await g.conduitPrisma?.$disconnect();
  delete g.conduitPrisma;
}

beforeAll(async () => {
  const url = await createTestDatabase(dbName);
  await migrate(url);
  // From here on lib/db talks to this file's own database.
  await dropDbClient();
  process.env.DATABASE_URL = url;
  resetEnvCache();
});
afterAll(async () => {
  await dropDbClient();
  process.env.DATABASE_URL = shared;
  delete process.env.CONDUIT_ADMIN_EMAIL;
  delete process.env.CONDUIT_ADMIN_PASSWORD;
  resetEnvCache();
  await dropTestDatabase(dbName);
});
beforeEach(async () => {
  await db.user.deleteMany();
  await db.roleBinding.deleteMany();
  await db.setupToken.deleteMany();
  await db.auditEvent.deleteMany();
});

describe("createFirstAdmin", () => {
  it("creates one Account Admin even when two starts race, and none after that", async () => {
    expect(await hasUsers()).toBe(false);
    const results = await Promise.all([
      createFirstAdmin({ name: "A", email: "A@example.com", password: "password-number-one" }),
      createFirstAdmin({ name: "B", email: "b@example.com", password: "password-number-two" }),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => !r.created)).toHaveLength(1);
    const users = await db.user.findMany({ include: { accounts: true } });
    expect(users).toHaveLength(1);
    const [user] = users;
    const winner = results.find((r): r is { created: true; userId: string } => r.created);
    expect(user!.id).toBe(winner?.userId);
    // Emails are stored lower-case; the password only as a hash.
    expect(["a@example.com", "b@example.com"]).toContain(user!.email);
    expect(user!.accounts).toHaveLength(1);
    expect(user!.accounts[0]!.providerId).toBe("credential");
    expect(user!.accounts[0]!.password).not.toMatch(/password-number/);
    expect(
      await db.roleBinding.findMany({
        select: { role: true, principalId: true, accountId: true, orgIdentifier: true },
      }),
    ).toEqual([
      { role: "account_admin", principalId: user!.id, accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "" },
    ]);
    expect(await db.auditEvent.findMany({ where: { entityType: "User" } })).toMatchObject([
      { action: "CREATE", actorKind: "system", entityId: user!.email },
    ]);

    expect(await createFirstAdmin({ name: "C", email: "c@example.com", password: "password-number-3" })).toEqual({
      created: false,
    });
    expect(await db.user.count()).toBe(1);
  });
});

describe("setup links", () => {
  it("work once: the form creates the admin, then the link is spent", async () => {
    const link = await createSetupLink();
    expect(link.startsWith(`${consoleOrigin()}/setup?token=`)).toBe(true);
    const token = tokenOf(link);
    expect(token.length).toBeGreaterThanOrEqual(32);
    // Only the hash is stored.
    const row = await db.setupToken.findFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const expiresIn = row.expiresAt.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(55 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(3_600_000);

    expect(await setupLinkState(token)).toBe("valid");
    expect(await setupLinkState(`${token}x`)).toBe("invalid");
    expect(await completeSetup(form(token), visitor)).toEqual({ email: "first@example.com" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "first@example.com" } });
    expect(await db.roleBinding.findFirst({ where: { principalId: user.id, role: "account_admin" } })).not.toBeNull();
    expect(await db.auditEvent.findFirst({ where: { entityType: "User" } })).toMatchObject({
      actorId: "anonymous",
      requestId: "req-setup",
    });
    expect(await setupLinkState(token)).toBe("done");
    expect((await db.setupToken.findFirstOrThrow()).usedAt).toBeInstanceOf(Date);

    // Spent for good: even with no user left, the link does not open the form again.
    await db.user.deleteMany();
    await db.roleBinding.deleteMany();
    expect(await setupLinkState(token)).toBe("invalid");
    const again = await appError(completeSetup(form(token, "second@example.com"), visitor));
    expect(again).toMatchObject({ code: "NOT_FOUND", options: { extra: { reason: "setup-link-invalid" } } });
    expect(await hasUsers()).toBe(false);
  });

  it("make one admin when two visitors submit the same link at once", async () => {
    const token = tokenOf(await createSetupLink());
    const results = await Promise.allSettled([
      completeSetup(form(token, "one@example.com"), visitor),
      completeSetup(form(token, "two@example.com"), visitor),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["NOT_FOUND", "CONFLICT"]).toContain((loser.reason as AppError).code);
    expect(await db.user.count()).toBe(1);
  });

  it("do not work after they expire", async () => {
    const token = tokenOf(await createSetupLink());
    await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await setupLinkState(token)).toBe("invalid");
    const err = await appError(completeSetup(form(token), visitor));
    expect(err).toMatchObject({ code: "NOT_FOUND", options: { extra: { reason: "setup-link-invalid" } } });
    expect(await hasUsers()).toBe(false);
  });

  it("answer 409 once someone is set up, without spending the link", async () => {
    await createFirstAdmin({ name: "Boot", email: "boot@example.com", password: "password-for-boot" });
    const token = tokenOf(await createSetupLink());
    expect(await setupLinkState(token)).toBe("done");
    const err = await appError(completeSetup(form(token), visitor));
    expect(err).toMatchObject({ code: "CONFLICT", status: 409 });
    expect((await db.setupToken.findFirstOrThrow()).usedAt).toBeNull();
    expect(await db.user.count()).toBe(1);
  });
});

describe("bootstrapIdentity", () => {
  const run = async () => {
    const lines: string[] = [];
    await bootstrapIdentity((m) => lines.push(m));
    return lines;
  };
  it("prints a one-time link while nobody exists and no admin is configured", async () => {
    delete process.env.CONDUIT_ADMIN_EMAIL;
    delete process.env.CONDUIT_ADMIN_PASSWORD;
    resetEnvCache();
    const lines = await run();
    expect(lines).toHaveLength(1);
    const link = /(\S+\/setup\?token=\S+)/.exec(lines[0]!)?.[1];
    expect(link).toBeDefined();
    expect(await setupLinkState(tokenOf(link!))).toBe("valid");
  });

  it("creates the configured admin, then does nothing on later starts", async () => {
    process.env.CONDUIT_ADMIN_EMAIL = "ops@example.com";
    process.env.CONDUIT_ADMIN_PASSWORD = "configured-password-1";
    resetEnvCache();
    expect(await run()).toEqual(["created the first Account Admin ops@example.com (from CONDUIT_ADMIN_EMAIL)"]);
    expect(await db.user.findUnique({ where: { email: "ops@example.com" } })).not.toBeNull();
    expect(await run()).toEqual([]);
    expect(await db.setupToken.count()).toBe(0);
  });
});
