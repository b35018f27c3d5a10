// The browser-facing rules every response follows, in one place: which Host names this console
// answers to (a foreign Host is DNS rebinding or a misrouted request), which origins may send a
// state-changing request with the session cookie, and the headers every page and API answer
// carries (CSP with a per-request nonce for pages, no framing, no sniffing, no referrer leaks,
// HSTS behind https). Pure: used by proxy.ts and lib/api/route.ts.

export interface Site {
  /** CONDUIT_PUBLIC_URL, when set. */
  publicUrl?: string;
  /** The port `npm start` serves on (for the local origins). */
  port: number;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Origins the console is served from: the public URL's, else the loopback ones. */
export function consoleOrigins(site: Site): string[] {
  if (site.publicUrl) return [new URL(site.publicUrl).origin];
  return [`http://localhost:${site.port}`, `http://127.0.0.1:${site.port}`, `http://[::1]:${site.port}`];
}

/** A Host header this console answers to: the public URL's host, or a loopback name (any port). */
export function hostAllowed(host: string | null, site: Site): boolean {
  if (!host) return true; // HTTP/1.0 without Host, or an in-process call: nothing to rebind
  const h = host.toLowerCase();
  if (site.publicUrl && h === new URL(site.publicUrl).host.toLowerCase()) return true;
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.split(":")[0]!;
  return LOOPBACK_HOSTS.has(name);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that changes state with the session cookie must come from the console's own pages:
 * its Origin is one of the console's, or (no Origin) the browser says Sec-Fetch-Site: same-origin.
 */
export function sameOrigin(method: string, headers: Headers, site: Site): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get("origin");
  if (origin) return consoleOrigins(site).includes(origin);
  return headers.get("sec-fetch-site") === "same-origin";
}

export const isHttps = (site: Site) => Boolean(site.publicUrl?.startsWith("https:"));

/** The policy of a page: scripts only with this request's nonce (and what they load), no framing. */
export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Radix position elements with style attributes; no script can come in this way.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** An API answer is data, never a document to render or frame. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers on every response, pages and API alike (the CSP is added per kind). */
export function commonHeaders(site: Site): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    ...(isHttps(site) ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
