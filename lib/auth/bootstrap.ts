// The first Account Admin. On a start with no user yet: CONDUIT_ADMIN_EMAIL + CONDUIT_ADMIN_PASSWORD
// create it; without them a one-time setup link (random, single use, one hour) is printed, and
// the first visitor of that link creates it. Both paths end in createFirstAdmin, which holds a
// lock so two instances starting at once cannot make two admins.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/http/errors";
import { SYSTEM_ACTOR, type Actor } from "@/lib/scope";
import { consoleOrigin, sha256 } from "./config";
import type { SetupInput } from "./schemas";

const SETUP_LIFETIME_MS = 3_600_000;
const LOCK = 71010;

export const hasUsers = async () => (await db.user.count()) > 0;

/** Creates the first user with Account Admin; "exists" when some user got there first. */
export async function createFirstAdmin(input: {
  name: string;
  email: string;
  password: string;
  by?: Actor;
}): Promise<{ created: true; userId: string } | { created: false }> {
  const passwordHash = await hashPassword(input.password);
  const accountId = env().CONDUIT_ACCOUNT_ID;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK}::int, 0)`;
    if ((await tx.user.count()) > 0) return { created: false as const };
    const userId = randomUUID();
    await tx.user.create({
      data: { id: userId, name: input.name, email: input.email.toLowerCase(), emailVerified: true },
    });
    await tx.authAccount.create({
      data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash },
    });
    await tx.roleBinding.create({
      data: { accountId, role: "account_admin", principalKind: "user", principalId: userId, createdBy: "setup" },
    });
    await recordAudit(tx, {
      actor: input.by ?? SYSTEM_ACTOR,
      requestId: input.by?.requestId,
      action: "CREATE",
      entityType: "User",
      entityId: input.email.toLowerCase(),
      scope: { accountId, orgIdentifier: "", projectIdentifier: "" },
      after: { email: input.email.toLowerCase(), role: "account_admin", firstAdmin: true },
    });
    return { created: true as const, userId };
  });
}

/** A new one-time setup link (the previous ones stay valid until they expire). */
export async function createSetupLink(): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.setupToken.create({
    data: { tokenHash: sha256(token), expiresAt: new Date(Date.now() + SETUP_LIFETIME_MS) },
  });
  return `${consoleOrigin()}/setup?token=${token}`;
}

/** Whether the setup page should offer the form for this token. */
export async function setupLinkState(token: string): Promise<"valid" | "invalid" | "done"> {
  if (await hasUsers()) return "done";
  const row = await db.setupToken.findUnique({ where: { tokenHash: sha256(token) } });
  return row && !row.usedAt && row.expiresAt > new Date() ? "valid" : "invalid";
}

/** The setup form: spends the link (once), then creates the first admin. */
export async function completeSetup(input: SetupInput, by: Actor): Promise<{ email: string }> {
  if (await hasUsers()) throw new AppError("CONFLICT", "Conduit is already set up; sign in instead");
  const spent = await db.setupToken.updateMany({
    where: { tokenHash: sha256(input.token), usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (spent.count !== 1)
    throw new AppError("NOT_FOUND", "This setup link is not valid: it was used, it expired, or it was mistyped", {
      extra: { reason: "setup-link-invalid" },
    });
  const result = await createFirstAdmin({ ...input, by });
  if (!result.created) throw new AppError("CONFLICT", "Conduit is already set up; sign in instead");
  return { email: input.email };
}

/** On server start: the admin from the environment, or a setup link in the log, while no user exists. */
export async function bootstrapIdentity(log: (msg: string) => void): Promise<void> {
  if (await hasUsers()) return;
  const { CONDUIT_ADMIN_EMAIL: email, CONDUIT_ADMIN_PASSWORD: password } = env();
  if (email && password) {
    const r = await createFirstAdmin({ name: email.split("@")[0]!, email, password });
    if (r.created) log(`created the first Account Admin ${email} (from CONDUIT_ADMIN_EMAIL)`);
    return;
  }
  const link = await createSetupLink();
  log(`no user yet: open this one-time link within an hour to create the first admin:\n\n    ${link}\n`);
}
