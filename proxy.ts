// In front of every request (Next's proxy): the Host must be this console's (a foreign one is DNS
// rebinding or a misrouted request: 421); every answer gets the security headers, and a page its
// Content-Security-Policy with a fresh nonce (the root layout puts it on the one inline script;
// Next puts it on its own). Pages also need a signed-in browser: without the session cookie they
// go to the sign-in page and come back afterwards. Whether the session is valid is decided by the
// API on every call (lib/api/route.ts); a 401 there also leads to sign-in (lib/http/client.ts).
import { NextResponse, type NextRequest } from "next/server";
import { API_POLICY, commonHeaders, hostAllowed, pagePolicy, type Site } from "@/lib/http/security";

const PUBLIC_PAGES = ["/sign-in", "/setup", "/set-password"];
const SESSION_COOKIES = ["conduit.session_token", "__Secure-conduit.session_token"];

const site = (): Site => ({ publicUrl: process.env.CONDUIT_PUBLIC_URL, port: Number(process.env.PORT ?? 3000) });

function withHeaders(res: NextResponse, s: Site, policy: string): NextResponse {
  for (const [k, v] of Object.entries(commonHeaders(s))) res.headers.set(k, v);
  res.headers.set("content-security-policy", policy);
  return res;
}

export function proxy(req: NextRequest) {
  const s = site();
  const { pathname, search } = req.nextUrl;
  if (!hostAllowed(req.headers.get("host"), s)) {
    const body = JSON.stringify({
      type: "https://conduit.dev/problems/misdirected-request",
      title: "Misdirected request",
      status: 421,
      code: "MISDIRECTED_REQUEST",
      detail: "This console does not answer to that host name; use the address in CONDUIT_PUBLIC_URL",
    });
    return withHeaders(
      new NextResponse(body, { status: 421, headers: { "content-type": "application/problem+json" } }),
      s,
      API_POLICY,
    );
  }
  if (pathname.startsWith("/api/")) return withHeaders(NextResponse.next(), s, API_POLICY);

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const isPublic = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !SESSION_COOKIES.some((c) => req.cookies.has(c))) {
    const to = req.nextUrl.clone();
    to.pathname = "/sign-in";
    to.search = "";
    if (pathname !== "/") to.searchParams.set("next", `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(to), s, policy);
  }
  // Next reads the policy from the request to put the nonce on its own scripts.
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  return withHeaders(NextResponse.next({ request: { headers } }), s, policy);
}

export const config = {
  // Every page and API route; not Next's static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
