// API tokens: `cdt_` + 32 random bytes, shown once, stored as SHA-256. A token acts as its owner
// (a user, or a service account) with the owner's role bindings; expiry and revocation end it.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { AppError } from "@/lib/http/errors";
import type { Actor, ScopeKey } from "@/lib/scope";
import { sha256 } from "./config";
import type { TokenCreate, TokenDto } from "./schemas";

export const TOKEN_PREFIX = "cdt_";
const LAST_USE_GRANULARITY_MS = 60_000;

export type TokenOwner = { kind: "user"; id: string } | { kind: "serviceAccount"; id: string };

type TokenRow = NonNullable<Awaited<ReturnType<typeof db.apiToken.findFirst>>>;

function toDto(t: TokenRow, now = new Date()): TokenDto {
  return {
    id: t.id,
    name: t.name,
    start: t.start,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    status: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active",
  };
}

const ownerWhere = (o: TokenOwner) => (o.kind === "user" ? { userId: o.id } : { serviceAccountId: o.id });

export async function listTokens(owner: TokenOwner): Promise<TokenDto[]> {
  const rows = await db.apiToken.findMany({ where: ownerWhere(owner), orderBy: { createdAt: "desc" } });
  return rows.map((r) => toDto(r));
}

/** Creates a token; the only time its value exists outside the caller's hands is this answer. */
export async function createToken(opts: {
  owner: TokenOwner;
  input: TokenCreate;
  auditScope: ScopeKey;
  by: Actor;
}): Promise<{ token: string; item: TokenDto }> {
  const value = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = opts.input.expiresInDays ? new Date(Date.now() + opts.input.expiresInDays * 86_400_000) : null;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        accountId: opts.auditScope.accountId,
        name: opts.input.name,
        tokenHash: sha256(value),
        start: value.slice(0, 10),
        ...ownerWhere(opts.owner),
        expiresAt,
        createdBy: opts.by.name,
      },
    });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "CREATE",
      entityType: "ApiToken",
      entityId: created.id,
      scope: opts.auditScope,
      after: { name: created.name, owner: `${opts.owner.kind}:${opts.owner.id}`, expiresAt: expiresAt?.toISOString() },
    });
    return created;
  });
  return { token: value, item: toDto(row) };
}

export async function revokeToken(opts: { owner: TokenOwner; id: string; auditScope: ScopeKey; by: Actor }) {
  const row = await db.apiToken.findFirst({ where: { id: opts.id, ...ownerWhere(opts.owner) } });
  if (!row) throw new AppError("NOT_FOUND", `Token "${opts.id}" does not exist`);
  if (row.revokedAt) return toDto(row);
  const updated = await db.$transaction(async (tx) => {
    const u = await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor: opts.by,
      requestId: opts.by.requestId,
      action: "DELETE",
      entityType: "ApiToken",
      entityId: row.id,
      scope: opts.auditScope,
      before: { name: row.name, owner: `${opts.owner.kind}:${opts.owner.id}` },
    });
    return u;
  });
  return toDto(updated);
}

interface LiveTokenRow {
  id: string;
  lastUsedAt: Date | null;
  userId: string | null;
  email: string | null;
  disabled: boolean | null;
  serviceAccountId: string | null;
  saIdentifier: string | null;
  grants: { role: string; accountId: string; org: string; project: string }[];
}

/**
 * The live token with this value (not revoked, not expired), its owner and the owner's role
 * bindings, in one round trip (every API call made with a token pays for this); notes when it
 * was last used, at most once a minute.
 */
export async function findLiveToken(value: string) {
  if (!value.startsWith(TOKEN_PREFIX) || value.length > 200) return null;
  const [row] = await db.$queryRaw<LiveTokenRow[]>`
    SELECT t.id, t."lastUsedAt", t."userId", u.email, u.disabled, t."serviceAccountId", sa.identifier AS "saIdentifier",
           COALESCE((
             SELECT json_agg(json_build_object('role', b.role, 'accountId', b."accountId",
                                               'org', b."orgIdentifier", 'project', b."projectIdentifier"))
               FROM "RoleBinding" b
              WHERE (b."principalKind" = 'user' AND b."principalId" = t."userId")
                 OR (b."principalKind" = 'serviceAccount' AND b."principalId" = t."serviceAccountId")
           ), '[]'::json) AS grants
      FROM "ApiToken" t
      LEFT JOIN "User" u ON u.id = t."userId"
      LEFT JOIN "ServiceAccount" sa ON sa.id = t."serviceAccountId"
     WHERE t."tokenHash" = ${sha256(value)} AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now())`;
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USE_GRANULARITY_MS)
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return {
    id: row.id,
    user: row.userId ? { id: row.userId, email: row.email ?? "", disabled: row.disabled === true } : null,
    serviceAccount: row.serviceAccountId ? { id: row.serviceAccountId, identifier: row.saIdentifier ?? "" } : null,
    grants: row.grants.map((g) => ({
      role: g.role,
      scope: { accountId: g.accountId, orgIdentifier: g.org, projectIdentifier: g.project },
    })),
  };
}
