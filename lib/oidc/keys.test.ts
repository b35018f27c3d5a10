// Signing keys against the real database: generation, sealing, rotation, the published set.
import { randomUUID } from "node:crypto";
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { keyring } from "@/lib/secrets/key";
import {
  ensureActiveKey,
  listKeys,
  publishedKeys,
  RETIRED_KEY_PUBLISHED_MS,
  rotateKey,
  RotationLimited,
} from "./key-store";
import { activeSigningKey, jwks, rotateSigningKey } from "./keys";
import { mintOidcToken } from "./tokens";

const account = () => `acc_${randomUUID().slice(0, 8)}`;
const by = { id: "test", name: "Test", kind: "system" } as const;

describe("OIDC signing keys", () => {
  it("generates one RS256 2048-bit key per account on first use, even when many callers race", async () => {
    const acc = account();
    const keys = await Promise.all(Array.from({ length: 6 }, () => activeSigningKey(acc)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await db.oidcSigningKey.count({ where: { accountId: acc } })).toBe(1);
    const {
      keys: [jwk],
    } = await jwks(acc);
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB", kid: keys[0]!.kid });
    expect(Buffer.from(jwk!.n!, "base64url").length * 8).toBe(2048);
    expect(jwk).not.toHaveProperty("d");
  });

  it("uses the RFC 7638 thumbprint as kid, and stores the private key sealed", async () => {
    const acc = account();
    const { kid } = await activeSigningKey(acc);
    const row = (await db.oidcSigningKey.findUnique({ where: { kid } }))!;
    const { kid: _k, alg: _a, use: _u, ...bare } = row.publicJwk as Record<string, string>;
    expect(await calculateJwkThumbprint(bare as never, "sha256")).toBe(kid);
    expect(row.keyId).toBe(keyring().current.id);
    expect(Buffer.from(row.ciphertext, "base64").toString("latin1")).not.toMatch(/PRIVATE KEY/);
    expect(JSON.stringify(await listKeys({ db, keyring }, acc))).not.toMatch(/ciphertext|"d"|"iv"|authTag|keyId/);
  });

  it("signs tokens (RS256, typ JWT, kid) that verify against the published JWKS", async () => {
    const acc = account();
    const minted = await mintOidcToken({
      accountId: acc,
      orgIdentifier: "o",
      context: "CONNECTOR_VALIDATION",
      connectorIdentifier: "c1",
      connectorName: "C 1",
    });
    expect(decodeProtectedHeader(minted.token)).toEqual({ alg: "RS256", typ: "JWT", kid: minted.header.kid });
    const { payload } = await jwtVerify(minted.token, createLocalJWKSet(await jwks(acc)), {
      audience: "sts.amazonaws.com",
    });
    expect(payload).toMatchObject({
      sub: `account/${acc}:org/o:project/`,
      connector_id: "c1",
      connector_name: "C 1",
      account_id: acc,
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.iss).toMatch(new RegExp(`/api/oidc/account/${acc}$`));
  });

  it("after a rotation publishes current and previous keys; old and new tokens both verify", async () => {
    const acc = account();
    const old = await mintOidcToken({ accountId: acc, context: "CONNECTOR_VALIDATION" });
    const r = await rotateSigningKey(acc, by);
    expect(r.previousKid).toBe(old.header.kid);
    const fresh = await mintOidcToken({ accountId: acc, context: "CONNECTOR_VALIDATION" });
    expect(fresh.header.kid).toBe(r.kid);
    const set = await jwks(acc);
    expect(set.keys.map((k) => k.kid)).toEqual([r.kid, old.header.kid]);
    for (const t of [old, fresh]) await expect(jwtVerify(t.token, createLocalJWKSet(set))).resolves.toBeTruthy();
    const listed = await listKeys({ db, keyring }, acc);
    expect(listed.map((k) => [k.kid, k.active])).toEqual([
      [r.kid, true],
      [old.header.kid, false],
    ]);
    expect(listed[1]!.retiredAt).not.toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { accountId: acc, action: "ROTATE" } });
    expect(audit).toMatchObject({
      entityType: "OidcSigningKey",
      entityId: r.kid,
      diff: { activeKid: { from: old.header.kid, to: r.kid } },
    });
  });

  it("drops a retired key once every token it signed has expired, and deletes it on the next rotation", async () => {
    const acc = account();
    let now = new Date();
    const store = { db, keyring, now: () => now };
    const first = await ensureActiveKey(store, acc);
    const second = await rotateKey(store, acc, by);
    expect((await publishedKeys(store, acc)).map((k) => k.kid)).toEqual([second.kid, first.kid]);
    now = new Date(now.getTime() + 3600_000); // tokens signed just before the rotation may still live
    expect((await publishedKeys(store, acc)).map((k) => k.kid)).toContain(first.kid);
    now = new Date(now.getTime() - 3600_000 + RETIRED_KEY_PUBLISHED_MS + 1);
    expect((await publishedKeys(store, acc)).map((k) => k.kid)).toEqual([second.kid]);
    const third = await rotateKey(store, acc, by);
    expect(third).toMatchObject({ previousKid: second.kid, pruned: 1 });
    expect(await db.oidcSigningKey.findUnique({ where: { kid: first.kid } })).toBeNull();
  });

  it("limits rotations per window: the 9th within the hour is refused before a key is made, then allowed", async () => {
    const acc = account();
    let now = new Date();
    const store = { db, keyring, now: () => now };
    const limit = { max: 8, windowMs: 3_600_000 };
    await ensureActiveKey(store, acc);
    for (let i = 0; i < 8; i++) {
      now = new Date(now.getTime() + 60_000);
      await rotateKey(store, acc, by, limit);
    }
    const keys = await db.oidcSigningKey.count({ where: { accountId: acc } });
    const err = await rotateKey(store, acc, by, limit).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RotationLimited);
    // The first rotation of the window (one minute after the start) frees a place an hour later.
    expect((err as RotationLimited).retryAfterMs).toBe(3_600_000 - 7 * 60_000);
    expect(await db.oidcSigningKey.count({ where: { accountId: acc } })).toBe(keys);
    expect((await publishedKeys(store, acc)).length).toBe(9);
    now = new Date(now.getTime() + (err as RotationLimited).retryAfterMs + 1);
    await rotateKey(store, acc, by, limit);
    // Without a limit (the command-line rotation) nothing is refused.
    await rotateKey(store, acc, by);
  });

  it("two concurrent rotations leave exactly one active key", async () => {
    const acc = account();
    await ensureActiveKey({ db, keyring }, acc);
    await Promise.all([rotateSigningKey(acc, by), rotateSigningKey(acc, by)]);
    expect(await db.oidcSigningKey.count({ where: { accountId: acc, retiredAt: null } })).toBe(1);
    expect(await db.oidcSigningKey.count({ where: { accountId: acc } })).toBe(3);
  });
});
