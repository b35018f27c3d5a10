// What the console's HTTP server (scripts/serve.ts) does to every request before Next.js sees
// it. It runs there, not in proxy.ts, because Next reads a request's whole body before it runs a
// proxy (to clone it), and API bodies must reach lib/api/route.ts unread so its limit can stop
// them; pages still go through proxy.ts for their nonce and the sign-in redirect.
// - A Host other than the console's is DNS rebinding or a misrouted request: 421.
// - X-Forwarded-For: with no trusted proxy the socket's address replaces whatever the client
//   wrote; behind N proxies the header stays and lib/auth/principal.ts reads the Nth hop.
// - API answers carry the security headers and a policy that renders nothing.
import type { IncomingHttpHeaders } from "node:http";
import { API_POLICY, commonHeaders, hostAllowed, type Site } from "./security";

export interface FrontDoorRequest {
  url?: string;
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

export type FrontDoorAnswer =
  { refuse: { status: number; headers: Record<string, string>; body: string } } | { headers: Record<string, string> };

export function frontDoor(req: FrontDoorRequest, site: Site, trustedProxies: number): FrontDoorAnswer {
  const api = (req.url ?? "/").startsWith("/api/");
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
  if (trustedProxies === 0) {
    if (req.socket.remoteAddress) req.headers["x-forwarded-for"] = req.socket.remoteAddress;
    else delete req.headers["x-forwarded-for"];
  }
  return { headers: api ? { ...commonHeaders(site), "content-security-policy": API_POLICY } : {} };
}
