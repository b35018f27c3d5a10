// Delegates: the tokens they present, their registration and heartbeats, and which of them may
// run a connector's work. The console's own in-process delegate is listed beside the registered
// ones while it is on (CONDUIT_BUILTIN_DELEGATE); it never registers.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import { recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { Actor, ScopeKey } from "@/lib/scope";
import { delegateStatus, selectorsMatch } from "./match";
import type {
  DelegateDto,
  DelegateMatch,
  DelegateTokenDto,
  HeartbeatInput,
  RegisterAnswer,
  RegisterInput,
} from "./schemas";
import { CONDUIT_VERSION } from "./version";

export const DELEGATE_TOKEN_PREFIX = "cdd_";
const LAST_USE_GRANULARITY_MS = 60_000;
const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

const account = (): ScopeKey => ({ accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "", projectIdentifier: "" });

type TokenRow = NonNullable<Awaited<ReturnType<typeof db.delegateToken.findFirst>>>;

const tokenDto = (t: TokenRow & { _count?: { delegates: number } }): DelegateTokenDto => ({
  id: t.id,
  name: t.name,
  start: t.start,
  createdAt: t.createdAt.toISOString(),
  createdBy: t.createdBy,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  delegates: t._count?.delegates ?? 0,
});

export async function listDelegateTokens(): Promise<DelegateTokenDto[]> {
  const rows = await db.delegateToken.findMany({
    where: { accountId: account().accountId },
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { delegates: true } } },
  });
  return rows.map(tokenDto);
}

/** A new delegate token; this answer is the only time its value leaves the server. */
export async function createDelegateToken(name: string, by: Actor): Promise<{ token: string; item: DelegateTokenDto }> {
  const scope = account();
  const exists = await db.delegateToken.findFirst({ where: { accountId: scope.accountId, name } });
  if (exists)
    throw new AppError("CONFLICT", `A delegate token named "${name}" exists already`, {
      fieldErrors: { name: ["A delegate token with this name exists already"] },
    });
  const value = `${DELEGATE_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.delegateToken.create({
      data: {
        accountId: scope.accountId,
        name,
        tokenHash: sha256(value),
        start: value.slice(0, 10),
        createdBy: by.name,
      },
    });
    await recordAudit(tx, {
      actor: by,
      requestId: by.requestId,
      action: "CREATE",
      entityType: "DelegateToken",
      entityId: created.id,
      scope,
      after: { name },
    });
    return created;
  });
  return { token: value, item: tokenDto(row) };
}

/** Revokes a token: delegates using it are refused from their next request on. */
export async function revokeDelegateToken(id: string, by: Actor): Promise<DelegateTokenDto> {
  const scope = account();
  const row = await db.delegateToken.findFirst({ where: { id, accountId: scope.accountId } });
  if (!row) throw new AppError("NOT_FOUND", `Delegate token "${id}" does not exist`);
  if (row.revokedAt) return tokenDto(row);
  const updated = await db.$transaction(async (tx) => {
    const u = await tx.delegateToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor: by,
      requestId: by.requestId,
      action: "DELETE",
      entityType: "DelegateToken",
      entityId: id,
      scope,
      before: { name: row.name },
    });
    return u;
  });
  return tokenDto(updated);
}

/** The live delegate token presented as `Authorization: Bearer cdd_…`, as the actor of the request. */
export async function authenticateDelegate(headers: Headers): Promise<{ actor: Actor; tokenId: string } | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  const value = m?.[1];
  if (!value?.startsWith(DELEGATE_TOKEN_PREFIX) || value.length > 200) return null;
  const row = await db.delegateToken.findUnique({ where: { tokenHash: sha256(value) } });
  if (!row || row.revokedAt || row.accountId !== account().accountId) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USE_GRANULARITY_MS)
    await db.delegateToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { tokenId: row.id, actor: { id: row.id, name: `delegate token ${row.name}`, kind: "delegate", grants: [] } };
}

/** Registers a delegate process under its name; a process registering again takes over the row. */
export async function registerDelegate(input: RegisterInput, tokenId: string, by: Actor): Promise<RegisterAnswer> {
  const scope = account();
  const now = new Date();
  const data = {
    tags: [...new Set(input.tags)],
    version: input.version,
    host: input.host,
    instanceId: input.instanceId,
    tokenId,
    lastHeartbeatAt: now,
    stoppedAt: null,
  };
  const row = await db.$transaction(async (tx) => {
    const before = await tx.delegate.findUnique({
      where: { accountId_name: { accountId: scope.accountId, name: input.name } },
    });
    const saved = await tx.delegate.upsert({
      where: { accountId_name: { accountId: scope.accountId, name: input.name } },
      create: { accountId: scope.accountId, name: input.name, registeredAt: now, ...data },
      update: { registeredAt: now, ...data },
    });
    await recordAudit(tx, {
      actor: by,
      requestId: by.requestId,
      action: before ? "UPDATE" : "CREATE",
      entityType: "Delegate",
      entityId: saved.id,
      scope,
      before: before ? { tags: before.tags, version: before.version, host: before.host } : null,
      after: { name: saved.name, tags: saved.tags, version: saved.version, host: saved.host },
    });
    return saved;
  });
  return { delegateId: row.id, heartbeatSeconds: env().CONDUIT_DELEGATE_HEARTBEAT_SECONDS };
}

/** A heartbeat from the process that registered last; any other is told to register again (409). */
export async function heartbeat(input: HeartbeatInput, tokenId: string, stop = false): Promise<void> {
  const now = new Date();
  const { count } = await db.delegate.updateMany({
    where: { id: input.delegateId, instanceId: input.instanceId, tokenId, accountId: account().accountId },
    data: stop ? { lastHeartbeatAt: now, stoppedAt: now } : { lastHeartbeatAt: now, stoppedAt: null },
  });
  if (!count)
    throw new AppError("CONFLICT", "This delegate is not registered under that instance: register again", {
      extra: { reason: "register-again" },
    });
}

/** The registered delegate making a request (its current instance, with this token), or a 409 to register again. */
export async function delegateFor(
  ids: { delegateId: string; instanceId: string },
  tokenId: string,
): Promise<{ id: string; name: string; tags: string[] }> {
  const row = await db.delegate.findFirst({
    where: { id: ids.delegateId, instanceId: ids.instanceId, tokenId, accountId: account().accountId },
    select: { id: true, name: true, tags: true },
  });
  if (!row)
    throw new AppError("CONFLICT", "This delegate is not registered under that instance: register again", {
      extra: { reason: "register-again" },
    });
  return row;
}

/** The console's own delegate as the list shows it (always connected while it is on). */
export function builtInDelegate(now = new Date()): DelegateDto | null {
  const e = env();
  if (e.CONDUIT_BUILTIN_DELEGATE !== "true") return null;
  return {
    id: "builtin",
    name: e.CONDUIT_DELEGATE_ID,
    builtIn: true,
    tags: e.CONDUIT_DELEGATE_TAGS.split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    version: CONDUIT_VERSION,
    host: os.hostname(),
    status: "connected",
    registeredAt: now.toISOString(),
    lastHeartbeatAt: now.toISOString(),
    runningTasks: 0,
  };
}

export async function listDelegates(): Promise<DelegateDto[]> {
  const beat = env().CONDUIT_DELEGATE_HEARTBEAT_SECONDS;
  const rows = await db.delegate.findMany({
    where: { accountId: account().accountId },
    orderBy: { name: "asc" },
    include: { token: { select: { name: true, revokedAt: true } } },
  });
  const now = Date.now();
  const registered = rows.map((r): DelegateDto => ({
    id: r.id,
    name: r.name,
    builtIn: false,
    tags: r.tags,
    version: r.version,
    host: r.host,
    // A revoked token ends the connection whatever the last heartbeat said.
    status: r.token.revokedAt ? "disconnected" : delegateStatus(r, beat, now),
    registeredAt: r.registeredAt.toISOString(),
    lastHeartbeatAt: r.lastHeartbeatAt.toISOString(),
    runningTasks: 0,
    tokenName: r.token.name,
  }));
  const builtIn = builtInDelegate();
  return builtIn ? [builtIn, ...registered] : registered;
}

/** Connected delegates, and those among them a connector with these selectors may use. */
export async function matchDelegates(selectors: readonly string[]): Promise<DelegateMatch> {
  const connected = (await listDelegates()).filter((d) => d.status === "connected");
  return {
    connected: connected.length,
    matching: connected
      .filter((d) => selectorsMatch(d.tags, selectors))
      .map((d) => ({ name: d.name, builtIn: d.builtIn })),
  };
}
