// AES-256-GCM for secret values: a random 96-bit IV per value, the key id stored beside the
// ciphertext so keys can rotate, and the secret's own id as additional authenticated data so
// a ciphertext copied onto another row does not decrypt.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export interface Keyring {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

export interface Sealed {
  ciphertext: string;
  iv: string;
  authTag: string;
  keyId: string;
}

export class KeyError extends Error {}

export function parseKey(base64: string, name: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32)
    throw new KeyError(
      `${name} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes`,
    );
  return key;
}

/** A short, stable id for a key that reveals nothing about it. */
export const keyIdOf = (key: Buffer) =>
  createHash("sha256").update("conduit-secret-key:").update(key).digest("hex").slice(0, 16);

export function buildKeyring(current: string, previous: string[] = []): Keyring {
  const key = parseKey(current, "CONDUIT_SECRET_KEY");
  const byId = new Map<string, Buffer>([[keyIdOf(key), key]]);
  for (const p of previous) {
    const old = parseKey(p, "CONDUIT_SECRET_KEYS_PREVIOUS");
    byId.set(keyIdOf(old), old);
  }
  return { current: { id: keyIdOf(key), key }, byId };
}

export function seal(plaintext: string, ring: Keyring, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    authTag: cipher.getAuthTag().toString("base64"),
    keyId: ring.current.id,
  };
}

export function open(sealed: Sealed, ring: Keyring, aad: string): string {
  const key = ring.byId.get(sealed.keyId);
  if (!key)
    throw new KeyError(
      `The key ${sealed.keyId} that encrypted this secret is not configured (add it to CONDUIT_SECRET_KEYS_PREVIOUS)`,
    );
  // A fixed tag length: GCM would otherwise accept a truncated (weaker) tag from a tampered row.
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
}
