// Where to go after signing in: only a path on this site. Anything else (another origin,
// `//host`, `/\host` which browsers read as `//host`, a scheme, control characters) falls back
// to the default, so a crafted sign-in link cannot send someone elsewhere.
export const DEFAULT_AFTER_SIGN_IN = "/connectors";

const PUBLIC_PAGES = ["/sign-in", "/setup", "/set-password"];

export function safeNextPath(raw: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!raw || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Whitespace and control characters: browsers strip some of them, which can turn "/\t/x" into "//x".
  if ([...raw].some((c) => c <= " " || c === "\u007f" || c === "\\")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, "http://conduit.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://conduit.invalid") return fallback;
  // Coming back to the sign-in page itself would be a loop.
  if (PUBLIC_PAGES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
