// Every /api path answers every method in problem+json. Next answers a method a route file does
// not export with an empty 405 (and OPTIONS with an Allow listing whatever is exported), so each
// route file exports the rest from here: `export const { HEAD, OPTIONS, POST, PATCH } =
// otherMethods({ GET, PUT, DELETE })`. A method it lacks is 405 METHOD_NOT_ALLOWED with `Allow`
// naming its own; OPTIONS is 204 with that `Allow`; HEAD is GET without the body. A method Next
// does not know (TRACE, PROPFIND…) reaches OPTIONS from the front door, marked with
// FOREIGN_METHOD_HEADER, and is answered like a missing one. Paths no route serves end in
// app/api/[[...path]]/route.ts: 404 for every method. lib/api/methods.test.ts walks app/api and
// fails on a route file that does not export all seven.
import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/http/errors";
import { FOREIGN_METHOD_HEADER } from "@/lib/http/front-door";
import { withRoute, type DeclaredHandler } from "./route";

export const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export type RouteHandler = DeclaredHandler<
  (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>
>;

/** The methods a route file answers (HEAD with GET, OPTIONS always), for the Allow header. */
export function allowHeader(methods: readonly string[]): string {
  const has = new Set<string>([...methods, "OPTIONS"]);
  if (has.has("GET")) has.add("HEAD");
  return ROUTE_METHODS.filter((m) => has.has(m)).join(", ");
}

/** 405 naming the method (a foreign one as the client sent it) and what the path answers. */
function notAllowed(req: NextRequest, allow: string): never {
  const method = req.headers.get(FOREIGN_METHOD_HEADER) ?? req.method;
  throw new AppError("METHOD_NOT_ALLOWED", `${method} is not served here; this path answers ${allow}`, {
    headers: { allow },
  });
}

type Others<H> = Omit<Record<RouteMethod, RouteHandler>, keyof H | ("GET" extends keyof H ? "HEAD" : never)>;

/** The handlers a route file does not define: 405 with `Allow`, OPTIONS, and HEAD when there is no GET. */
export function otherMethods<H extends Partial<Record<RouteMethod, RouteHandler>>>(handlers: H): Others<H> {
  const own = ROUTE_METHODS.filter((m) => m in handlers);
  const allow = allowHeader(own);
  const refuse = withRoute({ access: { public: true } }, async ({ req }) => notAllowed(req, allow));
  const options = withRoute({ access: { public: true } }, async ({ req }) =>
    req.headers.has(FOREIGN_METHOD_HEADER)
      ? notAllowed(req, allow)
      : new Response(null, { status: 204, headers: { allow } }),
  );
  const out: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const m of ROUTE_METHODS) {
    if (m in handlers || (m === "HEAD" && "GET" in handlers)) continue;
    out[m] = m === "OPTIONS" ? options : refuse;
  }
  return out as Others<H>;
}

/** Every method of a path no route serves: 404 problem+json. */
export function unknownPath(): Record<RouteMethod, RouteHandler> {
  const notFound = withRoute({ access: { public: true } }, async ({ req }) => {
    throw new AppError("NOT_FOUND", `No API route at ${new URL(req.url).pathname.slice(0, 200)}`);
  });
  return {
    GET: notFound,
    HEAD: notFound,
    OPTIONS: notFound,
    POST: notFound,
    PUT: notFound,
    PATCH: notFound,
    DELETE: notFound,
  };
}
