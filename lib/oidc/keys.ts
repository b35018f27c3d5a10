// The app's signing keys: lib/oidc/key-store.ts bound to the app database and keyring, with the
// opened private keys cached by kid (a kid's key never changes; the active kid is read per mint).
import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/lib/scope";
import type { JWK } from "jose";
import { db } from "@/lib/db";
import { keyring } from "@/lib/secrets/key";
import * as store from "./key-store";

const s: store.KeyStore = { db, keyring };
const opened = new Map<string, Promise<CryptoKey>>();

export interface ActiveSigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
}

/** The key new tokens are signed with, generated on first use per account. */
export async function activeSigningKey(accountId: string): Promise<ActiveSigningKey> {
  const row = await store.ensureActiveKey(s, accountId);
  let key = opened.get(row.kid);
  if (!key) {
    if (opened.size > 16) opened.clear();
    key = store.privateKeyOf(row, keyring());
    key.catch(() => opened.delete(row.kid));
    opened.set(row.kid, key);
  }
  return { kid: row.kid, alg: row.alg, privateKey: await key };
}

/** The kid tokens are signed with now, without opening the private key. */
export async function activeKid(accountId: string): Promise<string> {
  return (await store.ensureActiveKey(s, accountId)).kid;
}

/**
 * Rotations through the API: 8 an hour per account, so at most 9 keys are ever published (the
 * active one and those retired within the last hour). The command-line rotation has no limit.
 */
export const API_ROTATION_LIMIT: store.RotationLimit = { max: 8, windowMs: 3_600_000 };

/** New active key; the old one stays in the JWKS until every token it signed has expired. */
export function rotateSigningKey(
  accountId: string,
  by: Actor = SYSTEM_ACTOR,
  limit?: store.RotationLimit,
): Promise<store.Rotation> {
  return store.rotateKey(s, accountId, by, limit);
}

/** The JWK set to publish: the active key plus retired keys whose tokens may still be valid. */
export async function jwks(accountId: string): Promise<{ keys: JWK[] }> {
  await store.ensureActiveKey(s, accountId);
  return { keys: await store.publishedKeys(s, accountId) };
}

export function listSigningKeys(accountId: string): Promise<store.SigningKeyInfo[]> {
  return store.listKeys(s, accountId);
}
