// Pages need a signed-in browser: without the session cookie, a page request goes to the
// sign-in page and comes back afterwards. This only looks for the cookie; whether the session is
// valid is decided by the API on every call (lib/api/route.ts), and a 401 there also leads to
// sign-in (lib/http/client.ts).
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PAGES = ["/sign-in", "/setup", "/set-password"];
const SESSION_COOKIES = ["conduit.session_token", "__Secure-conduit.session_token"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  if (SESSION_COOKIES.some((c) => req.cookies.has(c))) return NextResponse.next();
  const to = req.nextUrl.clone();
  to.pathname = "/sign-in";
  to.search = "";
  if (pathname !== "/") to.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(to);
}

export const config = {
  // Every page; not the API (it answers 401 itself), not Next's own assets.
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
