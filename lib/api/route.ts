// withRoute(): the one adapter between Next route handlers and the services. It assigns a
// request id, parses params/query/body with the domain's zod schemas, resolves the scope and
// the actor, and turns every failure into problem+json.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { logger, type Logger } from "@/lib/logger";
import { resolveScope } from "@/lib/scopes/service";
import type { Actor, Scope } from "@/lib/scope";
import { AppError, validationError } from "@/lib/http/errors";
import { toAppError } from "@/lib/http/map-error";

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** Until authentication arrives every request acts as this local administrator. */
const LOCAL_ADMIN = { id: "local-admin", name: "Local administrator", kind: "user" } as const;

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
  /** Who acts, in which request: what services receive and the audit trail records. */
  actor: Actor;
  requestId: string;
  log: Logger;
}

interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
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
  bodyLimit?: number;
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
async function readText(req: NextRequest, limit: number): Promise<string> {
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

export function withRoute<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(def: RouteDef<P, Q, B>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>>) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    const started = performance.now();
    let response: Response;
    try {
      const url = new URL(req.url);
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      const params = def.params ? parseWith(def.params, await ctx.params) : ((await ctx.params) as z.infer<P>);
      const scopeQuery = parseWith(scopeQuerySchema, { org: rawQuery.org, project: rawQuery.project });
      const query = def.query ? parseWith(def.query, rawQuery) : (rawQuery as z.infer<Q>);
      let body: z.infer<B> = undefined as z.infer<B>;
      let bodyFormat: RouteContext<unknown, unknown, unknown>["bodyFormat"] = "none";
      if (def.body) {
        const { raw, format } = await readBody(req, def.bodyLimit ?? DEFAULT_BODY_LIMIT, Boolean(def.fromYaml));
        bodyFormat = format;
        body = parseWith(def.body, format === "yaml" && def.fromYaml ? def.fromYaml(raw as string) : raw);
      }
      const scope = def.scoped ? await resolveScope(scopeQuery) : await resolveScope({});
      const result = await handler({
        req,
        params,
        query,
        body,
        bodyFormat,
        scope,
        actor: { ...LOCAL_ADMIN, requestId },
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
      },
      "request",
    );
    return response;
  };
}
