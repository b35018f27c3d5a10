// The sign-in endpoints (better-auth under /api/auth/*), public by nature, wrapped so they follow
// the house rules: failed password sign-ins are limited per account and per address before the
// password is looked at; sign-in failures and sign-outs are audited (sign-ins are, in
// lib/auth/server.ts); every error is problem+json.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/service";
import { AppError, type ErrorCode } from "@/lib/http/errors";
import { toAppError } from "@/lib/http/map-error";
import { refuseControlCharacters } from "@/lib/http/control-chars";
import { logger } from "@/lib/logger";
import type { Actor } from "@/lib/scope";
import { authenticate, clientAddress } from "@/lib/auth/principal";
import { auth } from "@/lib/auth/server";
import { checkSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from "@/lib/auth/sign-in-limits";
import { otherMethods } from "./methods";
import { DEFAULT_BODY_LIMIT, declare, problemResponse, readText } from "./route";

const codeFor = (status: number): ErrorCode =>
  status === 400
    ? "BAD_REQUEST"
    : status === 401
      ? "UNAUTHENTICATED"
      : status === 403
        ? "FORBIDDEN"
        : status === 404
          ? "NOT_FOUND"
          : status === 422
            ? "VALIDATION_FAILED"
            : status === 429
              ? "RATE_LIMITED"
              : "INTERNAL";

/** better-auth answers errors as `{code, message}`; the console speaks problem+json. */
async function asProblem(res: Response, requestId: string): Promise<Response> {
  if (res.status < 400 || (res.headers.get("content-type") ?? "").includes("problem+json")) return res;
  let message: string | undefined;
  try {
    const body = (await res.clone().json()) as { message?: unknown };
    if (typeof body.message === "string") message = body.message;
  } catch {
    // text bodies ("Not Found") carry nothing worth keeping
  }
  const code = codeFor(res.status);
  const err = new AppError(code, res.status >= 500 ? undefined : message, {
    headers: Object.fromEntries([...res.headers].filter(([k]) => ["retry-after", "set-cookie"].includes(k))),
  });
  const out = problemResponse(err, requestId);
  if (res.status !== err.status) return new Response(out.body, { status: res.status, headers: out.headers });
  return out;
}

/** Drops every `token` field: a session token lives in its HttpOnly cookie and nowhere else. */
function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== "token")
        .map(([k, v]) => [k, withoutTokens(v)]),
    );
  return value;
}

async function scrubbed(res: Response): Promise<Response> {
  if (!res.ok || !(res.headers.get("content-type") ?? "").includes("application/json")) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: res.status, headers: res.headers });
  }
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(withoutTokens(body)), { status: res.status, headers });
}

const accountScope = () => ({ accountId: env().CONDUIT_ACCOUNT_ID, orgIdentifier: "", projectIdentifier: "" });

async function audit(actor: Actor, action: "SIGN_IN_FAILED" | "SIGN_OUT", entityId: string) {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      requestId: actor.requestId,
      action,
      entityType: "Session",
      entityId,
      scope: accountScope(),
    }),
  );
}

async function passwordSignIn(req: NextRequest, requestId: string): Promise<Response> {
  const address = clientAddress(req.headers);
  let email = "";
  try {
    const body = (await req.clone().json()) as { email?: unknown };
    if (typeof body.email === "string") email = body.email.trim().toLowerCase().slice(0, 254);
  } catch {
    // better-auth answers the malformed body itself
  }
  if (email) await checkSignInAllowed(email, address);
  const res = await auth().handler(req);
  if (!email) return res;
  if (res.ok) await recordSuccessfulSignIn(email);
  else if (res.status === 401) {
    await recordFailedSignIn(email, address);
    await audit(
      { id: "", name: email, kind: "user", requestId, address, userAgent: req.headers.get("user-agent") ?? undefined },
      "SIGN_IN_FAILED",
      email,
    );
  }
  return res;
}

async function signOut(req: NextRequest, requestId: string): Promise<Response> {
  const who = await authenticate(req.headers, requestId);
  const res = await auth().handler(req);
  if (res.ok && who.ok) await audit(who.actor, "SIGN_OUT", who.sessionId ?? who.actor.id);
  return res;
}

/**
 * The provider sends the browser back to `/callback/<id>`; when that fails (a refused domain, a
 * disabled user, a bad state), the person lands on the sign-in page with the reason's code
 * rather than on a bare error body.
 */
async function ssoCallbackFailure(res: Response): Promise<Response> {
  let code = "sso_failed";
  try {
    const body = (await res.clone().json()) as { code?: unknown };
    if (typeof body.code === "string" && /^[A-Z0-9_]{1,64}$/i.test(body.code)) code = body.code.toLowerCase();
  } catch {
    // not JSON: the generic reason
  }
  return new Response(null, { status: 302, headers: { location: `/sign-in?error=${encodeURIComponent(code)}` } });
}

/**
 * The house rules better-auth does not know: control characters and lone surrogates in the path,
 * the query or a JSON body are 400 naming the field (as in lib/api/route.ts), and the body is
 * read up to the same limit. Returns the request to hand on, its body already read.
 */
async function checkedInput(req: NextRequest): Promise<NextRequest> {
  const url = new URL(req.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new AppError("BAD_REQUEST", "The path holds a percent-escape that is not valid UTF-8");
  }
  refuseControlCharacters({ path });
  refuseControlCharacters(Object.fromEntries(url.searchParams.entries()));
  if (!req.body) return req;
  if (Number(req.headers.get("content-length") ?? "0") > DEFAULT_BODY_LIMIT)
    throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${DEFAULT_BODY_LIMIT / 1024} KB`);
  const text = await readText(req, DEFAULT_BODY_LIMIT);
  try {
    refuseControlCharacters(JSON.parse(text));
  } catch (err) {
    if (err instanceof AppError) throw err;
    // not JSON: better-auth answers that itself
  }
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  return new NextRequest(req.url, { method: req.method, headers, body: text });
}

async function handle(req: NextRequest): Promise<Response> {
  const requestId = randomUUID();
  try {
    req = await checkedInput(req);
    const path = new URL(req.url).pathname.replace(/^\/api\/auth/, "");
    const res =
      req.method === "POST" && path === "/sign-in/email"
        ? await passwordSignIn(req, requestId)
        : req.method === "POST" && path === "/sign-out"
          ? await signOut(req, requestId)
          : await auth().handler(req);
    if (req.method === "GET" && path.startsWith("/callback/") && res.status >= 400) return ssoCallbackFailure(res);
    const out = await asProblem(await scrubbed(res), requestId);
    out.headers.set("x-request-id", requestId);
    out.headers.set("cache-control", "no-store");
    return out;
  } catch (err) {
    const appError = toAppError(err);
    if (appError.status >= 500) logger.error({ err, requestId }, "auth request failed");
    return problemResponse(appError, requestId);
  }
}

/** GET and POST for app/api/auth/[...all]/route.ts, and 405 (lib/api/methods.ts) for the rest. */
export function authRoutes() {
  const routes = {
    GET: declare((req: NextRequest) => handle(req), { public: true }),
    POST: declare((req: NextRequest) => handle(req), { public: true }),
  };
  return { ...routes, ...otherMethods(routes) };
}
