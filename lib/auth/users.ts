// Users, as an Account Admin manages them: create (with a one-time set-password link), list,
// disable (ends their sessions; their tokens stop working) and enable, and a new set-password link.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/http/errors";
import type { Actor } from "@/lib/scope";
import { otherActiveAccountAdmins } from "./bindings";
import { consoleOrigin } from "./config";
import type { UserDto } from "./schemas";
import { auth } from "./server";

const SET_PASSWORD_LIFETIME_MS = 24 * 3_600_000;

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;
const findUser = (id: string) => db.user.findUnique({ where: { id }, include: { accounts: true } });

const toDto = (u: UserRow): UserDto => ({
  id: u.id,
  name: u.name,
  email: u.email,
  disabled: u.disabled,
  hasPassword: u.accounts.some((a) => a.providerId === "credential" && a.password),
  sso: u.accounts.some((a) => a.providerId !== "credential"),
  createdAt: u.createdAt.toISOString(),
});

const accountScope = (by: Actor, accountId: string) => ({ accountId, orgIdentifier: "", projectIdentifier: "" });

export async function listUsers(q?: string): Promise<UserDto[]> {
  const rows = await db.user.findMany({
    where: q
      ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
      : {},
    include: { accounts: true },
    orderBy: { email: "asc" },
    take: 500,
  });
  return rows.map(toDto);
}

/**
 * A one-time link where the user chooses a password (better-auth's reset-password token, so the
 * password is set by better-auth and every session of the user ends). Valid for a day.
 */
async function setPasswordLink(userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const ctx = await auth().$context;
  await ctx.internalAdapter.createVerificationValue({
    identifier: `reset-password:${token}`,
    value: userId,
    expiresAt: new Date(Date.now() + SET_PASSWORD_LIFETIME_MS),
  });
  return `${consoleOrigin()}/set-password?token=${token}`;
}

export async function createUser(opts: { input: { name: string; email: string }; accountId: string; by: Actor }) {
  const email = opts.input.email.toLowerCase();
  if (await db.user.findUnique({ where: { email } }))
    throw new AppError("ALREADY_EXISTS", `A user with the email ${email} already exists`, {
      fieldErrors: { email: ["Already a user"] },
    });
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.user.create({ data: { id, name: opts.input.name, email, emailVerified: true } });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "CREATE",
      entityType: "User",
      entityId: email,
      scope: accountScope(opts.by, opts.accountId),
      after: { email, name: opts.input.name },
    });
  });
  const user = (await findUser(id))!;
  return { user: toDto(user), setPasswordUrl: await setPasswordLink(id) };
}

export async function newSetPasswordLink(opts: { id: string; accountId: string; by: Actor }) {
  const user = await findUser(opts.id);
  if (!user) throw new AppError("NOT_FOUND", `User "${opts.id}" does not exist`);
  if (user.disabled) throw new AppError("CONFLICT", "Enable the user before sending a set-password link");
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "UPDATE",
      entityType: "User",
      entityId: user.email,
      scope: accountScope(opts.by, opts.accountId),
      after: { setPasswordLink: "issued" },
    }),
  );
  return { user: toDto(user), setPasswordUrl: await setPasswordLink(user.id) };
}

export async function setUserDisabled(opts: { id: string; disabled: boolean; accountId: string; by: Actor }) {
  const user = await findUser(opts.id);
  if (!user) throw new AppError("NOT_FOUND", `User "${opts.id}" does not exist`);
  if (opts.disabled && user.id === opts.by.id) throw new AppError("CONFLICT", "You cannot disable yourself");
  if (opts.disabled) {
    const isAdmin = await db.roleBinding.count({
      where: { accountId: opts.accountId, role: "account_admin", principalKind: "user", principalId: user.id },
    });
    if (isAdmin && (await otherActiveAccountAdmins(opts.accountId, user.id)) === 0)
      throw new AppError("CONFLICT", "This is the last enabled Account Admin; bind another one first");
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabled: opts.disabled, updatedAt: new Date() } });
    // Disabling ends every session at once; tokens are refused while the user is disabled.
    if (opts.disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "UPDATE",
      entityType: "User",
      entityId: user.email,
      scope: accountScope(opts.by, opts.accountId),
      before: { disabled: user.disabled },
      after: { disabled: opts.disabled },
    });
  });
  return toDto((await findUser(user.id))!);
}

export async function getMe(id: string) {
  const user = await findUser(id);
  return user ? toDto(user) : null;
}
