// Who is calling: a bearer token (`Authorization: Bearer cdt_…`) or the session cookie, turned
// into the Actor every service receives, with the role bindings that are its grants. Nothing
// here decides what the actor may do; lib/access does.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/scope";
import { sessionMaxMs } from "./config";
import { grantsOf } from "./bindings";
import { auth } from "./server";
import { findLiveToken } from "./tokens";

/**
 * The client's address, from X-Forwarded-For. Next's server writes the socket's address there
 * only when the request has none, and never appends, so what a client writes would pass as is:
 * with no trusted proxy (CONDUIT_TRUSTED_PROXIES=0, the default) proxy.ts drops the client's
 * header and the one hop left is the socket's. Behind N proxies, each appending the address it
 * saw, the client is the Nth hop from the right (the leftmost when there are fewer); X-Real-IP
 * is read only then, when there is no X-Forwarded-For.
 */
export function clientAddress(headers: Headers, trustedProxies = env().CONDUIT_TRUSTED_PROXIES): string | undefined {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const hop = hops[Math.max(hops.length - Math.max(trustedProxies, 1), 0)];
  return (hop || (trustedProxies > 0 ? headers.get("x-real-ip")?.trim() : undefined) || undefined)?.slice(0, 64);
}

export type Authentication =
  | { ok: true; actor: Actor; via: "token" | "session"; sessionId?: string }
  | { ok: false; reason: "none" | "invalid-token" };

function bearer(headers: Headers): string | null {
  const h = headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : "";
}

export async function authenticate(headers: Headers, requestId?: string): Promise<Authentication> {
  const context = { requestId, address: clientAddress(headers), userAgent: headers.get("user-agent") ?? undefined };
  const token = bearer(headers);
  if (token !== null) {
    const row = token ? await findLiveToken(token) : null;
    if (!row) return { ok: false, reason: "invalid-token" };
    const { grants } = row;
    if (row.user) {
      if (row.user.disabled) return { ok: false, reason: "invalid-token" };
      return {
        ok: true,
        via: "token",
        actor: { id: row.user.id, name: row.user.email, kind: "user", grants, ...context },
      };
    }
    if (row.serviceAccount) {
      return {
        ok: true,
        via: "token",
        actor: {
          id: row.serviceAccount.id,
          name: `service account ${row.serviceAccount.identifier}`,
          kind: "serviceAccount",
          grants,
          ...context,
        },
      };
    }
    return { ok: false, reason: "invalid-token" };
  }
  if (!headers.get("cookie")) return { ok: false, reason: "none" };
  const found = await auth().api.getSession({ headers, query: { disableCookieCache: true } });
  if (!found) return { ok: false, reason: "none" };
  const { session, user } = found;
  // The idle lifetime slides with use; the absolute one counts from sign-in and never moves.
  if (new Date(session.createdAt).getTime() + sessionMaxMs() < Date.now()) {
    await db.session.deleteMany({ where: { id: session.id } });
    return { ok: false, reason: "none" };
  }
  const row = await db.user.findUnique({ where: { id: user.id }, select: { disabled: true } });
  if (!row || row.disabled) return { ok: false, reason: "none" };
  const grants = await grantsOf("user", user.id);
  return {
    ok: true,
    via: "session",
    sessionId: session.id,
    actor: { id: user.id, name: user.email, kind: "user", grants, ...context },
  };
}
