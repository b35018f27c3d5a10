// authenticate(): who is calling, from a bearer token or the session cookie better-auth set, with
// the grants its role bindings give; disabled users, revoked tokens and sessions past their
// absolute lifetime are nobody.
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/scope";
import { principal } from "@/scripts/lib/test-principals";
import { sessionMaxMs } from "./config";
import { authenticate, clientAddress } from "./principal";
import { auth } from "./server";
import { revokeToken } from "./tokens";

const PASSWORD = "a long enough password";
const accountScope = () => ({ accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "", projectIdentifier: "" });

/** A user who can sign in with PASSWORD, with a viewer binding in org `o`. */
async function passwordUser() {
  const id = randomUUID();
  const email = `session-${randomBytes(4).toString("hex")}@example.com`;
  await db.user.create({ data: { id, name: "Session user", email, emailVerified: true } });
  await db.authAccount.create({
    data: {
      id: randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: await hashPassword(PASSWORD),
    },
  });
  await db.roleBinding.create({
    data: {
      ...accountScope(),
      orgIdentifier: "o",
      role: "viewer",
      principalKind: "user",
      principalId: id,
      createdBy: "test",
    },
  });
  return { id, email };
}

/** Signs in through better-auth and returns the Cookie header its Set-Cookie asks for. */
async function signIn(email: string): Promise<string> {
  const res = await auth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  expect(cookies.some((c) => c.startsWith("conduit.session_token="))).toBe(true);
  return cookies.join("; ");
}

describe("bearer tokens", () => {
  it("act as their user, with the user's bindings as grants and the client's address and agent", async () => {
    const p = await principal({ grants: [{ role: "editor", org: "o", project: "p" }], name: "Token user" });
    const who = await authenticate(
      new Headers({
        ...p.headers,
        "x-forwarded-for": "10.9.9.9, 203.0.113.7",
        "user-agent": "conduit-cli/1.0",
      }),
      "req-auth-1",
    );
    expect(who).toEqual({
      ok: true,
      via: "token",
      actor: {
        id: p.actor.id,
        name: p.actor.name,
        kind: "user",
        grants: [{ role: "editor", scope: { ...accountScope(), orgIdentifier: "o", projectIdentifier: "p" } }],
        requestId: "req-auth-1",
        // Only the rightmost hop counts (see clientAddress below); the first is whatever the client wrote.
        address: "203.0.113.7",
        userAgent: "conduit-cli/1.0",
      },
    });
  });

  it("act as a service account, named as one", async () => {
    const p = await principal({ kind: "serviceAccount", grants: [{ role: "viewer" }] });
    const who = await authenticate(new Headers(p.headers));
    expect(who.ok && who.actor).toMatchObject({
      id: p.actor.id,
      kind: "serviceAccount",
      name: expect.stringMatching(/^service account test_sa_/),
    });
    expect(who.ok && who.actor.grants).toEqual([{ role: "viewer", scope: accountScope() }]);
  });

  it("are refused for a disabled user, and work again once enabled", async () => {
    const p = await principal({ grants: [{ role: "account_admin" }] });
    await db.user.update({ where: { id: p.actor.id }, data: { disabled: true } });
    expect(await authenticate(new Headers(p.headers))).toEqual({ ok: false, reason: "invalid-token" });
    await db.user.update({ where: { id: p.actor.id }, data: { disabled: false } });
    expect((await authenticate(new Headers(p.headers))).ok).toBe(true);
  });

  it("are refused once revoked", async () => {
    const p = await principal();
    expect((await authenticate(new Headers(p.headers))).ok).toBe(true);
    await revokeToken({
      owner: { kind: "user", id: p.actor.id },
      id: p.tokenId,
      auditScope: accountScope(),
      by: SYSTEM_ACTOR,
    });
    expect(await authenticate(new Headers(p.headers))).toEqual({ ok: false, reason: "invalid-token" });
  });

  it.each([
    ["an unknown token", "Bearer cdt_notarealtoken"],
    ["an empty bearer", "Bearer "],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["two words", "Bearer cdt_a cdt_b"],
  ])("refuse %s as an invalid token, never as nobody", async (_, header) => {
    expect(await authenticate(new Headers({ authorization: header }))).toEqual({ ok: false, reason: "invalid-token" });
  });

  it("win over a session cookie: a bad token with a good cookie is still refused", async () => {
    const u = await passwordUser();
    const cookie = await signIn(u.email);
    expect((await authenticate(new Headers({ cookie }))).ok).toBe(true);
    expect(await authenticate(new Headers({ cookie, authorization: "Bearer cdt_revoked" }))).toEqual({
      ok: false,
      reason: "invalid-token",
    });
  });
});

describe("session cookies", () => {
  let user: { id: string; email: string };
  beforeAll(async () => {
    user = await passwordUser();
  });

  it("act as the signed-in user with its grants", async () => {
    const cookie = await signIn(user.email);
    const who = await authenticate(new Headers({ cookie, "x-forwarded-for": "192.0.2.1" }), "req-s");
    expect(who).toMatchObject({
      ok: true,
      via: "session",
      sessionId: expect.any(String),
      actor: {
        id: user.id,
        name: user.email,
        kind: "user",
        grants: [{ role: "viewer", scope: { ...accountScope(), orgIdentifier: "o", projectIdentifier: "" } }],
        requestId: "req-s",
        address: "192.0.2.1",
      },
    });
  });

  it("are nobody without a cookie, or with a forged one", async () => {
    expect(await authenticate(new Headers())).toEqual({ ok: false, reason: "none" });
    const cookie = await signIn(user.email);
    const forged = cookie.replace(/conduit\.session_token=([^.;]+)\.[^;]+/, "conduit.session_token=$1.AAAA");
    expect(forged).not.toBe(cookie);
    expect(await authenticate(new Headers({ cookie: forged }))).toEqual({ ok: false, reason: "none" });
    expect(await authenticate(new Headers({ cookie: "conduit.session_token=made-up" }))).toEqual({
      ok: false,
      reason: "none",
    });
  });

  it("end at the absolute lifetime however recently used, and the session row goes", async () => {
    const cookie = await signIn(user.email);
    const who = await authenticate(new Headers({ cookie }));
    expect(who.ok).toBe(true);
    const sessionId = (who as { sessionId: string }).sessionId;
    await db.session.update({
      where: { id: sessionId },
      data: { createdAt: new Date(Date.now() - sessionMaxMs() - 60_000), updatedAt: new Date() },
    });
    expect(await authenticate(new Headers({ cookie }))).toEqual({ ok: false, reason: "none" });
    expect(await db.session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("are nobody once the user is disabled", async () => {
    const u = await passwordUser();
    const cookie = await signIn(u.email);
    await db.user.update({ where: { id: u.id }, data: { disabled: true } });
    expect(await authenticate(new Headers({ cookie }))).toEqual({ ok: false, reason: "none" });
    // And a disabled user cannot sign in again.
    await expect(auth().api.signInEmail({ body: { email: u.email, password: PASSWORD } })).rejects.toThrow(/disabled/);
  });
});

describe("clientAddress", () => {
  const xff = (value: string, more: Record<string, string> = {}) => new Headers({ "x-forwarded-for": value, ...more });

  it("with no trusted proxy (the default): the one hop Next wrote from the socket; X-Real-IP is ignored", () => {
    expect(env().CONDUIT_TRUSTED_PROXIES).toBe(0);
    // proxy.ts dropped what the client sent, so Next filled the header from the socket.
    expect(clientAddress(xff("192.0.2.10"))).toBe("192.0.2.10");
    // Were a client's header to get through anyway, only the rightmost hop would count.
    expect(clientAddress(xff("1.1.1.1, 2.2.2.2 "))).toBe("2.2.2.2");
    expect(clientAddress(new Headers({ "x-real-ip": "3.3.3.3" }))).toBeUndefined();
    expect(clientAddress(xff("", { "x-real-ip": "4.4.4.4" }))).toBeUndefined();
    expect(clientAddress(new Headers())).toBeUndefined();
    expect(clientAddress(xff("x".repeat(100)))).toHaveLength(64);
  });

  it("behind N trusted proxies: the Nth hop from the right (the leftmost when fewer), X-Real-IP only without a header", () => {
    // client → proxy (appends the client) → Conduit: what the client wrote itself comes first.
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddress(xff("203.0.113.7"), 2)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "3.3.3.3" }), 1)).toBe("3.3.3.3");
    expect(clientAddress(xff("203.0.113.7", { "x-real-ip": "3.3.3.3" }), 1)).toBe("203.0.113.7");
  });
});
