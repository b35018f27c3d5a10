// What the console's HTTP server (scripts/serve.ts) does to every request before Next.js sees
// it. It runs there, not in proxy.ts, because Next reads a request's whole body before it runs a
// proxy (to clone it), and API bodies must reach lib/api/route.ts unread so its limit can stop
// them; pages still go through proxy.ts for their nonce and the sign-in redirect.
// - A Host other than the console's is DNS rebinding or a misrouted request: 421.
// - X-Forwarded-For: with no trusted proxy the socket's address replaces whatever the client
//   wrote; behind N proxies the header stays and lib/auth/principal.ts reads the Nth hop.
// - A path that does not decode (a malformed or overlong percent-escape): 400 problem+json, before
//   Next answers it with text/plain; a page path that decodes to a control character too. An API
//   path goes on: every /api route refuses control characters in its parameters with a 400 that
//   names the parameter (lib/api/route.ts, lib/api/auth-routes.ts).
// - A method Next does not serve (TRACE, PROPFIND…; Next answers 400 or 500 in text): an API
//   request goes on as OPTIONS marked with FOREIGN_METHOD_HEADER, so the route answers 405 with
//   its own Allow (lib/api/methods.ts); a page is 405. A request Node cannot parse at all gets a
//   problem+json answer too (clientErrorAnswer, scripts/serve.ts).
// - API answers carry the security headers and a policy that renders nothing.
import type { IncomingHttpHeaders } from "node:http";
import { AppError } from "./errors";
import { API_POLICY, commonHeaders, hostAllowed, type Site } from "./security";

export interface FrontDoorRequest {
  url?: string;
  method?: string;
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

export type FrontDoorAnswer =
  { refuse: { status: number; headers: Record<string, string>; body: string } } | { headers: Record<string, string> };

/** Set by the front door only (a client's is dropped): the method an API request really came with. */
export const FOREIGN_METHOD_HEADER = "x-conduit-foreign-method";
const NEXT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

// C0 (tab, line feed and carriage return too: no path holds them), DEL and C1.
const PATH_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Why the request target's path cannot be served, or undefined when it decodes cleanly. */
export function badPath(url: string, api = false): string | undefined {
  const path = url.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "The path holds a percent-escape that is not valid UTF-8 (such as %ZZ, a lone % or %C0%AF)";
  }
  if (!api && PATH_CONTROL.test(decoded)) return "The path holds a control character";
  return undefined;
}

/** An AppError as the front door's refusal: problem+json with the headers every API answer has. */
function refusal(err: AppError, site: Site) {
  return {
    refuse: {
      status: err.status,
      headers: {
        ...commonHeaders(site),
        "content-security-policy": API_POLICY,
        "content-type": "application/problem+json",
        ...err.options.headers,
      },
      body: JSON.stringify(err.toProblem()),
    },
  };
}

export function frontDoor(req: FrontDoorRequest, site: Site, trustedProxies: number): FrontDoorAnswer {
  const api = /^\/api(\/|\?|$)/.test(req.url ?? "/");
  if (!hostAllowed(req.headers.host ?? null, site)) {
    return {
      refuse: {
        status: 421,
        headers: {
          ...commonHeaders(site),
          "content-security-policy": API_POLICY,
          "content-type": "application/problem+json",
        },
        body: JSON.stringify({
          type: "https://conduit.dev/problems/misdirected-request",
          title: "Misdirected request",
          status: 421,
          code: "MISDIRECTED_REQUEST",
          detail: "This console does not answer to that host name; use the address in CONDUIT_PUBLIC_URL",
        }),
      },
    };
  }
  const bad = badPath(req.url ?? "/", api);
  if (bad) return refusal(new AppError("BAD_REQUEST", bad), site);
  delete req.headers[FOREIGN_METHOD_HEADER];
  const method = req.method ?? "GET";
  if (!NEXT_METHODS.has(method)) {
    if (!api)
      return refusal(
        new AppError("METHOD_NOT_ALLOWED", `${method} is not served here; pages answer GET and HEAD`, {
          headers: { allow: "GET, HEAD" },
        }),
        site,
      );
    req.headers[FOREIGN_METHOD_HEADER] = method;
    req.method = "OPTIONS";
  }
  if (trustedProxies === 0) {
    if (req.socket.remoteAddress) req.headers["x-forwarded-for"] = req.socket.remoteAddress;
    else delete req.headers["x-forwarded-for"];
  }
  return { headers: api ? { ...commonHeaders(site), "content-security-policy": API_POLICY } : {} };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/**
 * What to write on a socket Node could not read a request from (an unknown method token, a
 * malformed header, headers too large, too slow): Node's own answer, as problem+json.
 */
export function clientErrorAnswer(code: string | undefined, site: Site): string {
  const err =
    code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? new AppError("REQUEST_TIMEOUT", "The request did not arrive in time")
      : code === "HPE_HEADER_OVERFLOW"
        ? new AppError("HEADERS_TOO_LARGE", "The request headers are too large")
        : new AppError("BAD_REQUEST", "The request is not valid HTTP");
  const body = JSON.stringify(err.toProblem());
  const headers = {
    ...commonHeaders(site),
    "content-security-policy": API_POLICY,
    "content-type": "application/problem+json",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${err.status} ${STATUS_TEXT[err.status]}\r\n${head.join("")}\r\n${body}`;
}
