// API tokens against PostgreSQL: what is stored (only the hash), what a token is good for (live
// ones only: revoked and expired ones are refused), and the last-use note.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/scope";
import { principal } from "@/scripts/lib/test-principals";
import { sha256 } from "./config";
import { authenticate } from "./principal";
import { createToken, findLiveToken, listTokens, revokeToken, TOKEN_PREFIX, type TokenOwner } from "./tokens";

const scope = () => ({ accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "", projectIdentifier: "" });
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function userOwner(): Promise<TokenOwner> {
  return { kind: "user", id: (await principal({ name: "Token owner" })).actor.id };
}

const made: string[] = [];
afterAll(async () => {
  await db.apiToken.deleteMany({ where: { id: { in: made } } });
});

async function token(owner: TokenOwner, expiresInDays: number | null = 30) {
  const t = await createToken({
    owner,
    input: { name: "ci", expiresInDays },
    auditScope: scope(),
    by: { ...SYSTEM_ACTOR, requestId: "req-token-test" },
  });
  made.push(t.item.id);
  return t;
}

describe("createToken", () => {
  it("returns cdt_ + 32 random bytes once, and stores only its SHA-256 and first characters", async () => {
    const owner = await userOwner();
    const { token: value, item } = await token(owner);
    expect(value).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/);
    expect(value.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(item).toMatchObject({ name: "ci", status: "active", start: value.slice(0, 10), revokedAt: null });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.tokenHash).toBe(sha256(value));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(value);
    expect(stored).not.toContain(value.slice(TOKEN_PREFIX.length));
    expect(stored).not.toContain(value.slice(10));
    // The audit event names the token, never its value.
    const events = await db.auditEvent.findMany({ where: { entityType: "ApiToken", entityId: item.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "CREATE", actorId: "system", actorKind: "system" });
    expect(JSON.stringify(events)).not.toContain(value.slice(10));
  });

  it("makes a different token every time", async () => {
    const owner = await userOwner();
    const a = await token(owner);
    const b = await token(owner);
    expect(a.token).not.toBe(b.token);
    expect((await listTokens(owner)).map((t) => t.id)).toEqual(expect.arrayContaining([a.item.id, b.item.id]));
  });

  it("expires after the days asked for, or never", async () => {
    const owner = await userOwner();
    const before = Date.now();
    const { item } = await token(owner, 7);
    const expires = Date.parse(item.expiresAt!);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await token(owner, null)).item.expiresAt).toBeNull();
  });
});

describe("findLiveToken", () => {
  it("finds a live token and notes when it was used (at most once a minute)", async () => {
    const owner = await userOwner();
    const { token: value, item } = await token(owner);
    expect(item.lastUsedAt).toBeNull();
    const found = await findLiveToken(value);
    expect(found?.id).toBe(item.id);
    expect(found?.user?.id).toBe(owner.id);
    const used = (await db.apiToken.findUniqueOrThrow({ where: { id: item.id } })).lastUsedAt;
    expect(used).toBeInstanceOf(Date);
    expect(Date.now() - used!.getTime()).toBeLessThan(10_000);
    await findLiveToken(value);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: item.id } })).lastUsedAt).toEqual(used);
    expect((await listTokens(owner)).find((t) => t.id === item.id)?.lastUsedAt).toBe(used!.toISOString());
  });

  it("refuses a revoked token at once, and the owner's list says revoked", async () => {
    const owner = await userOwner();
    const { token: value, item } = await token(owner);
    expect(await findLiveToken(value)).not.toBeNull();
    const revoked = await revokeToken({ owner, id: item.id, auditScope: scope(), by: SYSTEM_ACTOR });
    expect(revoked.status).toBe("revoked");
    expect(await findLiveToken(value)).toBeNull();
    expect(await authenticate(bearer(value))).toEqual({ ok: false, reason: "invalid-token" });
    expect((await listTokens(owner)).find((t) => t.id === item.id)?.status).toBe("revoked");
    // Revoking again changes nothing and audits nothing more.
    await revokeToken({ owner, id: item.id, auditScope: scope(), by: SYSTEM_ACTOR });
    expect(await db.auditEvent.count({ where: { entityType: "ApiToken", entityId: item.id, action: "DELETE" } })).toBe(
      1,
    );
  });

  it("refuses an expired token", async () => {
    const owner = await userOwner();
    const { token: value, item } = await token(owner, 1);
    await db.apiToken.update({ where: { id: item.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findLiveToken(value)).toBeNull();
    expect(await authenticate(bearer(value))).toEqual({ ok: false, reason: "invalid-token" });
    expect((await listTokens(owner)).find((t) => t.id === item.id)?.status).toBe("expired");
  });

  it("refuses what is not a token: a changed character, no prefix, too long, empty", async () => {
    const { token: value } = await token(await userOwner());
    const last = value.at(-1) === "A" ? "B" : "A";
    for (const bad of [
      `${value.slice(0, -1)}${last}`,
      value.slice(TOKEN_PREFIX.length),
      `${value}${"x".repeat(200)}`,
      "",
    ])
      expect(await findLiveToken(bad), bad).toBeNull();
  });
});

describe("revokeToken", () => {
  it("only revokes the owner's own tokens: another owner gets 404 and the token keeps working", async () => {
    const owner = await userOwner();
    const other = await userOwner();
    const { token: value, item } = await token(owner);
    await expect(
      revokeToken({ owner: other, id: item.id, auditScope: scope(), by: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findLiveToken(value)).not.toBeNull();
  });
});
