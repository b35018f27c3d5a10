// In front of every page (Next's proxy): the security headers, and a Content-Security-Policy with
// a fresh nonce (the root layout puts it on the one inline script; Next puts it on its own).
// Pages also need a signed-in browser: without the session cookie they go to the sign-in page and
// come back afterwards. Whether the session is valid is decided by the API on every call
// (lib/api/route.ts); a 401 there also leads to sign-in (lib/http/client.ts).
// API routes do not pass through here: Next reads a whole request body before running a proxy,
// and API bodies must reach lib/api/route.ts unread. The Host check, the client address and the
// API's headers happen before Next, in the console's server (scripts/serve.ts, lib/http/front-door.ts).
import { NextResponse, type NextRequest } from "next/server";
import { commonHeaders, pagePolicy, type Site } from "@/lib/http/security";

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
  // Every page; not the API (see above) nor Next's static assets.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
