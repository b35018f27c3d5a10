// Secret sealing (AES-256-GCM): what must hold for stored secret values to stay confidential,
// bound to their row, and readable across a key rotation.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { buildKeyring, KeyError, keyIdOf, open, parseKey, seal, type Sealed } from "./crypto";

const b64 = (bytes: Buffer) => bytes.toString("base64");
const KEY_A = b64(Buffer.alloc(32, 1));
const KEY_B = b64(Buffer.alloc(32, 2));
const ring = buildKeyring(KEY_A);

/** Flips one bit of a base64 field, keeping its length, so only the content is wrong. */
const flip = (field: string, byte = 0) => {
  const buf = Buffer.from(field, "base64");
  buf[byte] = buf[byte]! ^ 0x01;
  return b64(buf);
};

describe("seal / open", () => {
  it("round-trips a value under the same keyring and AAD", () => {
    const sealed = seal("s3cr3t-value", ring, "secret-1");
    expect(sealed.keyId).toBe(ring.current.id);
    expect(open(sealed, ring, "secret-1")).toBe("s3cr3t-value");
  });

  it("never stores the plaintext in any field", () => {
    const sealed = seal("plain-text-marker", ring, "secret-1");
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain("plain-text-marker");
    expect(stored).not.toContain(b64(Buffer.from("plain-text-marker")));
  });

  it("uses a fresh 96-bit IV each time, so equal values do not produce equal ciphertexts", () => {
    const a = seal("same", ring, "secret-1");
    const b = seal("same", ring, "secret-1");
    expect(Buffer.from(a.iv, "base64")).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(open(a, ring, "secret-1")).toBe("same");
    expect(open(b, ring, "secret-1")).toBe("same");
  });

  it.each([
    ["unicode", "pässwörd 🔑 — 秘密"],
    ["empty", ""],
    ["whitespace", "  \n\t "],
    ["a long PEM-like value", "-----BEGIN KEY-----\n" + "A".repeat(8192) + "\n-----END KEY-----"],
  ])("round-trips %s values exactly", (_, value) => {
    expect(open(seal(value, ring, "row"), ring, "row")).toBe(value);
  });

  it("binds the value to its AAD: a ciphertext copied onto another row does not open", () => {
    const sealed = seal("bound", ring, "secret-1");
    expect(() => open(sealed, ring, "secret-2")).toThrow();
    expect(() => open(sealed, ring, "")).toThrow();
    // Still opens with the right AAD: the failures above are due to the AAD alone.
    expect(open(sealed, ring, "secret-1")).toBe("bound");
  });

  describe("tampering fails to open instead of returning garbage", () => {
    const sealed = seal("do not alter", ring, "secret-1");
    const cases: [string, Sealed][] = [
      ["ciphertext", { ...sealed, ciphertext: flip(sealed.ciphertext) }],
      ["last ciphertext byte", { ...sealed, ciphertext: flip(sealed.ciphertext, 11) }],
      ["iv", { ...sealed, iv: flip(sealed.iv) }],
      ["auth tag", { ...sealed, authTag: flip(sealed.authTag) }],
      ["truncated auth tag", { ...sealed, authTag: b64(Buffer.from(sealed.authTag, "base64").subarray(0, 4)) }],
      ["truncated ciphertext", { ...sealed, ciphertext: b64(Buffer.from(sealed.ciphertext, "base64").subarray(1)) }],
    ];
    it.each(cases)("%s", (_, tampered) => {
      let result: string | undefined;
      expect(() => {
        result = open(tampered, ring, "secret-1");
      }).toThrow();
      expect(result).toBeUndefined();
    });

    it("the untampered original still opens", () => {
      expect(open(sealed, ring, "secret-1")).toBe("do not alter");
    });
  });
});

describe("key rotation", () => {
  it("opens a value sealed under an old key when that key is among the previous keys", () => {
    const old = buildKeyring(KEY_A);
    const sealed = seal("from before rotation", old, "secret-1");
    const rotated = buildKeyring(KEY_B, [KEY_A]);
    expect(rotated.current.id).toBe(keyIdOf(Buffer.from(KEY_B, "base64")));
    expect(open(sealed, rotated, "secret-1")).toBe("from before rotation");
    // New values are sealed under the new key.
    const fresh = seal("after", rotated, "secret-1");
    expect(fresh.keyId).toBe(rotated.current.id);
    expect(fresh.keyId).not.toBe(sealed.keyId);
    expect(() => open(fresh, old, "secret-1")).toThrow(KeyError);
  });

  it("fails with a KeyError naming the missing key id when the old key is not configured", () => {
    const sealed = seal("orphaned", buildKeyring(KEY_A), "secret-1");
    const rotated = buildKeyring(KEY_B);
    expect(() => open(sealed, rotated, "secret-1")).toThrow(KeyError);
    expect(() => open(sealed, rotated, "secret-1")).toThrow(sealed.keyId);
    expect(() => open(sealed, rotated, "secret-1")).toThrow(/CONDUIT_SECRET_KEYS_PREVIOUS/);
  });

  it("fails when the key under the stored key id is a different key", () => {
    const sealed = seal("value", buildKeyring(KEY_A), "secret-1");
    // A keyring that (wrongly) files another key under this key id: the tag check must catch it.
    const impostor = buildKeyring(KEY_B);
    impostor.byId.set(sealed.keyId, Buffer.from(KEY_B, "base64"));
    let result: string | undefined;
    expect(() => {
      result = open(sealed, impostor, "secret-1");
    }).toThrow();
    expect(result).toBeUndefined();
  });

  it("derives a stable key id that differs between keys and does not reveal the key", () => {
    const a = Buffer.from(KEY_A, "base64");
    expect(keyIdOf(a)).toBe(keyIdOf(Buffer.from(KEY_A, "base64")));
    expect(keyIdOf(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(a)).not.toBe(keyIdOf(Buffer.from(KEY_B, "base64")));
    expect(KEY_A).not.toContain(keyIdOf(a));
    expect(a.toString("hex")).not.toContain(keyIdOf(a));
  });
});

describe("parseKey / buildKeyring validation", () => {
  it("accepts 32 bytes of base64, ignoring surrounding whitespace", () => {
    const raw = randomBytes(32);
    expect(parseKey(`  ${b64(raw)}\n`, "K").equals(raw)).toBe(true);
  });

  it.each([
    ["too short (16 bytes)", b64(randomBytes(16)), 16],
    ["too long (64 bytes)", b64(randomBytes(64)), 64],
    ["empty", "", 0],
    ["not base64", "this is not a key!", undefined],
    ["hex instead of base64", randomBytes(32).toString("hex"), undefined],
  ])("rejects a key that is %s with a KeyError naming the variable", (_, value, decoded) => {
    expect(() => parseKey(value, "MY_KEY_VAR")).toThrow(KeyError);
    expect(() => parseKey(value, "MY_KEY_VAR")).toThrow(/MY_KEY_VAR must be 32 random bytes/);
    if (decoded !== undefined) expect(() => parseKey(value, "MY_KEY_VAR")).toThrow(`decodes to ${decoded} bytes`);
  });

  it("names CONDUIT_SECRET_KEY for a bad current key and CONDUIT_SECRET_KEYS_PREVIOUS for a bad previous one", () => {
    expect(() => buildKeyring("short")).toThrow(/^CONDUIT_SECRET_KEY must/);
    expect(() => buildKeyring(KEY_A, [KEY_B, "short"])).toThrow(/^CONDUIT_SECRET_KEYS_PREVIOUS must/);
  });

  it("files the current key and every previous key under their ids", () => {
    const k = buildKeyring(KEY_A, [KEY_B]);
    expect([...k.byId.keys()].sort()).toEqual(
      [keyIdOf(Buffer.from(KEY_A, "base64")), keyIdOf(Buffer.from(KEY_B, "base64"))].sort(),
    );
    expect(k.current.key.equals(Buffer.from(KEY_A, "base64"))).toBe(true);
  });
});

describe("keyring() from the environment", () => {
  const saved = {
    current: process.env.CONDUIT_SECRET_KEY,
    previous: process.env.CONDUIT_SECRET_KEYS_PREVIOUS,
  };
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  afterEach(() => {
    restore("CONDUIT_SECRET_KEY", saved.current);
    restore("CONDUIT_SECRET_KEYS_PREVIOUS", saved.previous);
    resetEnvCache();
  });

  // key.ts and lib/env cache per module instance, so each case loads fresh copies of both.
  const freshKeyring = async () => {
    vi.resetModules();
    return (await import("./key")).keyring;
  };

  it("builds the current key and the comma-separated previous keys", async () => {
    process.env.CONDUIT_SECRET_KEY = KEY_B;
    process.env.CONDUIT_SECRET_KEYS_PREVIOUS = `${KEY_A},`;
    const keyring = await freshKeyring();
    const k = keyring();
    expect(k.current.id).toBe(keyIdOf(Buffer.from(KEY_B, "base64")));
    expect(k.byId.has(keyIdOf(Buffer.from(KEY_A, "base64")))).toBe(true);
    expect(k.byId.size).toBe(2);
  });

  it("refuses to handle secrets without CONDUIT_SECRET_KEY", async () => {
    delete process.env.CONDUIT_SECRET_KEY;
    delete process.env.CONDUIT_SECRET_KEYS_PREVIOUS;
    const keyring = await freshKeyring();
    expect(() => keyring()).toThrow(/CONDUIT_SECRET_KEY is not set/);
  });

  it("rejects a malformed previous key from the environment", async () => {
    process.env.CONDUIT_SECRET_KEY = KEY_A;
    process.env.CONDUIT_SECRET_KEYS_PREVIOUS = "not-a-key";
    const keyring = await freshKeyring();
    expect(() => keyring()).toThrow(/CONDUIT_SECRET_KEYS_PREVIOUS must be 32 random bytes/);
  });
});
