// Signing keys of the OIDC issuer: generation, sealing at rest, rotation and the published set.
// It takes its database client and keyring as arguments and has no "server-only" marker, so
// scripts/oidc-rotate-key.ts shares it with the server (lib/oidc/keys.ts binds the app's own).
// Relative imports keep it loadable by plain tsx as well.
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type JWK } from "jose";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { open, seal, type Keyring } from "../secrets/crypto";
import type { Actor } from "../scope";
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, OIDC_ALG } from "./claims";

export interface KeyStore {
  db: PrismaClient;
  keyring: () => Keyring;
  now?: () => Date;
}

export type SigningKeyRow = NonNullable<Awaited<ReturnType<PrismaClient["oidcSigningKey"]["findFirst"]>>>;
type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface SigningKeyInfo {
  kid: string;
  alg: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  /** A retired key is served in the JWKS until then. */
  publishedUntil: string | null;
}

export interface Rotation {
  kid: string;
  previousKid: string | null;
  /** Retired keys whose tokens have all expired, deleted by this rotation. */
  pruned: number;
}

/** Advisory-lock namespace (lib/db/locks.ts uses 71001/71002). */
const LOCK_NS = 71003;
/** A retired key stays published this long: every token it signed has expired by then. */
export const RETIRED_KEY_PUBLISHED_MS = (MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) * 1000;

// The kid as additional authenticated data: a sealed key copied onto another row does not open.
const aad = (kid: string) => `oidc-signing-key:${kid}`;
const nowOf = (s: KeyStore) => s.now?.() ?? new Date();

async function generateKey(ring: Keyring) {
  const { publicKey, privateKey } = await generateKeyPair(OIDC_ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  const publicJwk = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: OIDC_ALG, use: "sig" };
  return { kid, alg: OIDC_ALG, publicJwk, ...seal(await exportPKCS8(privateKey), ring, aad(kid)) };
}

// Serialises key creation and rotation per account across processes sharing the database.
async function lockAccount(tx: Tx, accountId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NS}::int, hashtext(${accountId}::text))`;
}

const activeWhere = (accountId: string) => ({ accountId, retiredAt: null });
// The active key first, then the most recently retired.
const newestFirst: Prisma.OidcSigningKeyOrderByWithRelationInput[] = [
  { retiredAt: { sort: "desc", nulls: "first" } },
  { createdAt: "desc" },
];

/** The account's active key; the first call per account generates it (once, even when racing). */
export async function ensureActiveKey(s: KeyStore, accountId: string): Promise<SigningKeyRow> {
  const found = await s.db.oidcSigningKey.findFirst({ where: activeWhere(accountId), orderBy: { createdAt: "desc" } });
  if (found) return found;
  // RSA generation takes a moment: do it before taking the lock, and discard it if we lose.
  const fresh = await generateKey(s.keyring());
  return s.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const winner = await tx.oidcSigningKey.findFirst({ where: activeWhere(accountId), orderBy: { createdAt: "desc" } });
    return winner ?? tx.oidcSigningKey.create({ data: { accountId, createdAt: nowOf(s), ...fresh } });
  });
}

/** Each rotation retires exactly one key, and retired keys stay in the table longer than the window. */
async function checkRotationLimit(
  db: Tx | PrismaClient,
  accountId: string,
  limit: RotationLimit,
  now: Date,
): Promise<void> {
  const recent = await db.oidcSigningKey.findMany({
    where: { accountId, retiredAt: { gt: new Date(now.getTime() - limit.windowMs) } },
    orderBy: { retiredAt: "asc" },
    select: { retiredAt: true },
  });
  if (recent.length < limit.max) return;
  const frees = recent[recent.length - limit.max]!.retiredAt!;
  throw new RotationLimited(limit, Math.max(1000, frees.getTime() + limit.windowMs - now.getTime()));
}

/** At most `max` rotations per `windowMs` (each generates an RSA key and adds one to the JWKS). */
export interface RotationLimit {
  max: number;
  windowMs: number;
}

/** Refused by the rotation limit; `retryAfterMs` until the oldest rotation in the window ages out. */
export class RotationLimited extends Error {
  constructor(
    readonly limit: RotationLimit,
    readonly retryAfterMs: number,
  ) {
    super(`At most ${limit.max} key rotations per ${Math.round(limit.windowMs / 60_000)} minutes`);
    this.name = "RotationLimited";
  }
}

/**
 * Adds a new active key, retires the current one (still published for its tokens), audits it.
 * With a limit, the keys made in the window are counted under the account's lock (the table is
 * the counter, so every instance agrees), and the rotation is refused before any key is made.
 */
export async function rotateKey(s: KeyStore, accountId: string, by: Actor, limit?: RotationLimit): Promise<Rotation> {
  const now = nowOf(s);
  if (limit) await checkRotationLimit(s.db, accountId, limit, now);
  const fresh = await generateKey(s.keyring());
  return s.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    if (limit) await checkRotationLimit(tx, accountId, limit, now);
    const previous = await tx.oidcSigningKey.findFirst({
      where: activeWhere(accountId),
      orderBy: { createdAt: "desc" },
    });
    await tx.oidcSigningKey.updateMany({
      where: activeWhere(accountId),
      data: { retiredAt: now, publishedUntil: new Date(now.getTime() + RETIRED_KEY_PUBLISHED_MS) },
    });
    const created = await tx.oidcSigningKey.create({ data: { accountId, createdAt: now, ...fresh } });
    const pruned = await tx.oidcSigningKey.deleteMany({ where: { accountId, publishedUntil: { lte: now } } });
    await tx.auditEvent.create({
      data: {
        actor: by.name,
        actorId: by.id,
        actorKind: by.kind,
        clientAddress: by.address ?? null,
        userAgent: by.userAgent ?? null,
        action: "ROTATE",
        entityType: "OidcSigningKey",
        entityId: created.kid,
        accountId,
        requestId: by.requestId ?? null,
        diff: { activeKid: { from: previous?.kid ?? null, to: created.kid } },
      },
    });
    return { kid: created.kid, previousKid: previous?.kid ?? null, pruned: pruned.count };
  });
}

/** Public keys to serve: the active one and retired ones whose tokens may still be valid. */
export async function publishedKeys(s: KeyStore, accountId: string): Promise<JWK[]> {
  const rows = await s.db.oidcSigningKey.findMany({
    where: { accountId, OR: [{ retiredAt: null }, { publishedUntil: { gt: nowOf(s) } }] },
    orderBy: newestFirst,
    select: { publicJwk: true },
  });
  return rows.map((r) => r.publicJwk as JWK);
}

export async function listKeys(s: KeyStore, accountId: string): Promise<SigningKeyInfo[]> {
  const rows = await s.db.oidcSigningKey.findMany({
    where: { accountId },
    orderBy: newestFirst,
    select: { kid: true, alg: true, createdAt: true, retiredAt: true, publishedUntil: true },
  });
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    active: r.retiredAt === null,
    createdAt: r.createdAt.toISOString(),
    retiredAt: r.retiredAt?.toISOString() ?? null,
    publishedUntil: r.publishedUntil?.toISOString() ?? null,
  }));
}

/** Opens the sealed private key (needs the keyring's key that sealed it). */
export async function privateKeyOf(row: SigningKeyRow, ring: Keyring): Promise<CryptoKey> {
  return importPKCS8(open(row, ring, aad(row.kid)), row.alg);
}
