// withRoute(): the one adapter between Next route handlers and the services, and the one door
// where access is decided. It assigns a request id, authenticates the caller (bearer token or
// session cookie: 401 without), parses params and query, resolves the scope, checks the
// permission the route declares (403 naming it, or 404 for a scope the caller may not know),
// counts the request against the route's limit (429 with Retry-After), then parses the body and
// turns every failure into problem+json.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { logger, type Logger } from "@/lib/logger";
import { resolveScope } from "@/lib/scopes/service";
import type { Actor, Scope, ScopeRef } from "@/lib/scope";
import { knowsScope, requirePermission, scopeNotFound, type Permission } from "@/lib/access";
import { authenticate, clientAddress } from "@/lib/auth/principal";
import { authenticateDelegate } from "@/lib/delegates/service";
import { AppError, validationError } from "@/lib/http/errors";
import { toAppError } from "@/lib/http/map-error";
import { refuseControlCharacters } from "@/lib/http/control-chars";
import { sameOrigin } from "@/lib/http/security";
import { env } from "@/lib/env";
import { enforceLimit, type LimitName } from "@/lib/limits";

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/**
 * What a route needs from its caller, declared on every route (a test walks app/api and fails on
 * a handler without one):
 * - `public`: anyone, no credentials (health, readiness, OIDC discovery, sign-in and setup);
 * - `signedIn`: any authenticated caller (the service shapes the answer, e.g. only visible orgs);
 * - `visible`: the caller must know the scope (a grant at, above or inside it), else 404;
 * - `delegate`: a delegate process with a live delegate token (and nothing else may call it);
 * - a permission, checked at the request's scope (or the scope named by the path).
 */
export type Access =
  { public: true } | { signedIn: true } | { visible: true } | { delegate: true } | { permission: Permission };

/** The declaration a handler carries, read by the route-walk test. */
export type DeclaredHandler<H> = H & { access: Access };

export function declare<H extends object>(handler: H, access: Access): DeclaredHandler<H> {
  return Object.assign(handler, { access });
}

const scopeQuerySchema = z.object({
  org: z.string().min(1).max(128).optional(),
  project: z.string().min(1).max(128).optional(),
});

export interface RouteContext<P, Q, B> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  /** How the body arrived; YAML bodies are converted to the JSON shape before validation. */
  bodyFormat: "json" | "yaml" | "none";
  scope: Scope;
  /** Who acts, in which request, with its grants: what services receive and the audit trail records. */
  actor: Actor;
  requestId: string;
  log: Logger;
}

interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Accept `application/yaml`: converts the text to the JSON body shape, throwing an AppError
   * that names the line when the document is not valid.
   */
  fromYaml?: (text: string) => unknown;
  /** Resolve `org`/`project` query parameters into a scope (404 when they do not exist). */
  scoped?: boolean;
  /** The scope is named by the path instead (organizations and projects). */
  scopeFrom?: (params: z.infer<P>) => ScopeRef;
  bodyLimit?: number;
  /**
   * A request limit (lib/limits), counted in PostgreSQL per principal (tests also per scope) after
   * the permission check and before the body is read: 429 with Retry-After once spent. `cost`:
   * the points this request counts, from its query (default 1).
   */
  limit?: LimitName | { name: LimitName; cost: (query: z.infer<Q>) => number };
}

type Handler<P, Q, B> = (ctx: RouteContext<P, Q, B>) => Promise<Response | unknown>;

export function problemResponse(err: AppError, requestId: string): Response {
  return new Response(JSON.stringify(err.toProblem(requestId)), {
    status: err.status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...err.options.headers },
  });
}

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(data === undefined ? null : JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
  });
}

/** The body as text, read in chunks and abandoned as soon as it passes `limit` bytes (chunked bodies too). */
export async function readText(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${limit / 1024} KB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readBody(
  req: NextRequest,
  limit: number,
  acceptYaml: boolean,
): Promise<{ raw: unknown; format: "json" | "yaml" }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${limit / 1024} KB`);
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const isYaml = ["application/yaml", "application/x-yaml", "text/yaml"].includes(type);
  if (type !== "application/json" && !(acceptYaml && isYaml)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send application/json${acceptYaml ? " or application/yaml" : ""}`);
  }
  const text = await readText(req, limit);
  if (isYaml) return { raw: text, format: "yaml" };
  try {
    return { raw: JSON.parse(text), format: "json" };
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON");
  }
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown, prefix: string[] = []): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

const ANONYMOUS: Actor = { id: "anonymous", name: "anonymous", kind: "user", grants: [] };

async function callerOf(req: NextRequest, access: Access, requestId: string): Promise<Actor> {
  if ("public" in access)
    return {
      ...ANONYMOUS,
      requestId,
      address: clientAddress(req.headers),
      userAgent: req.headers.get("user-agent") ?? undefined,
    };
  if ("delegate" in access) {
    const delegate = await authenticateDelegate(req.headers);
    if (delegate)
      return {
        ...delegate.actor,
        requestId,
        address: clientAddress(req.headers),
        userAgent: req.headers.get("user-agent") ?? undefined,
      };
    throw new AppError("UNAUTHENTICATED", "Send a live delegate token as `Authorization: Bearer cdd_…`", {
      headers: { "www-authenticate": 'Bearer realm="conduit-delegate"' },
    });
  }
  const who = await authenticate(req.headers, requestId);
  if (who.ok) {
    // The session cookie travels with any request the browser makes, wherever it starts: a
    // state-changing one must come from the console's own pages. A bearer token is never sent by
    // the browser on its own, so token requests are exempt.
    const { CONDUIT_PUBLIC_URL, PORT } = env();
    if (who.via === "session" && !sameOrigin(req.method, req.headers, { publicUrl: CONDUIT_PUBLIC_URL, port: PORT }))
      throw new AppError("FORBIDDEN", "Cross-site request refused: send it from the console, or use an API token", {
        extra: { reason: "cross-site" },
      });
    return who.actor;
  }
  throw new AppError(
    "UNAUTHENTICATED",
    who.reason === "invalid-token"
      ? "The bearer token is not valid: it was revoked, it expired, or it was mistyped"
      : "Sign in, or send an API token as `Authorization: Bearer <token>`",
    { headers: { "www-authenticate": 'Bearer realm="conduit"' } },
  );
}

function authorize(access: Access, actor: Actor, scope: Scope) {
  if ("permission" in access) requirePermission(actor, access.permission, scope);
  else if ("visible" in access && scope.level !== "account" && !knowsScope(actor, scope)) throw scopeNotFound(scope);
}

export function withRoute<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(def: RouteDef<P, Q, B>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>>) {
  const route = async (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    const started = performance.now();
    let response: Response;
    let actor: Actor | undefined;
    try {
      actor = await callerOf(req, def.access, requestId);
      const url = new URL(req.url);
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      const rawParams = await ctx.params;
      refuseControlCharacters(rawParams);
      refuseControlCharacters(rawQuery);
      const params = def.params ? parseWith(def.params, rawParams) : (rawParams as z.infer<P>);
      const scopeQuery = parseWith(scopeQuerySchema, { org: rawQuery.org, project: rawQuery.project });
      const query = def.query ? parseWith(def.query, rawQuery) : (rawQuery as z.infer<Q>);
      const scope = def.scopeFrom
        ? await resolveScope(def.scopeFrom(params))
        : def.scoped
          ? await resolveScope(scopeQuery)
          : await resolveScope({});
      authorize(def.access, actor, scope);
      if (def.limit) {
        const { name, cost } = typeof def.limit === "string" ? { name: def.limit, cost: undefined } : def.limit;
        await enforceLimit(name, actor, scope, cost?.(query));
      }
      let body: z.infer<B> = undefined as z.infer<B>;
      let bodyFormat: RouteContext<unknown, unknown, unknown>["bodyFormat"] = "none";
      if (def.body) {
        const { raw, format } = await readBody(req, def.bodyLimit ?? DEFAULT_BODY_LIMIT, Boolean(def.fromYaml));
        bodyFormat = format;
        const shaped = format === "yaml" && def.fromYaml ? def.fromYaml(raw as string) : raw;
        refuseControlCharacters(shaped);
        body = parseWith(def.body, shaped);
      }
      const result = await handler({
        req,
        params,
        query,
        body,
        bodyFormat,
        scope,
        actor,
        requestId,
        log,
      });
      response = result instanceof Response ? result : json(result);
    } catch (err) {
      const appError = toAppError(err);
      if (appError.status >= 500) log.error({ err }, "request failed");
      response = problemResponse(appError, requestId);
    }
    response.headers.set("x-request-id", requestId);
    log.info(
      {
        method: req.method,
        path: new URL(req.url).pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
        ...(actor && actor.id !== ANONYMOUS.id ? { actor: `${actor.kind}:${actor.id}` } : {}),
      },
      "request",
    );
    return response;
  };
  // The limit's name rides along too, so a test can check which routes are limited.
  const limit = typeof def.limit === "object" ? def.limit.name : def.limit;
  return Object.assign(declare(route, def.access), { limit });
}
