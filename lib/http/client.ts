// apiFetch(): the browser's one way to call the API. Non-2xx answers become ApiError carrying
// the problem+json body, so forms can map `fieldErrors` and pages can branch on `code`. A 401
// from the API (the session ended or was revoked) also sends the browser to the sign-in page,
// which brings it back here afterwards.
import type { Problem } from "./errors";

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
}

export interface ApiFetchOptions extends Omit<RequestInit, "body"> {
  json?: unknown;
  body?: BodyInit;
  scope?: { org?: string; project?: string };
  query?: Record<string, string | number | undefined | null>;
}

export function apiUrl(path: string, opts: Pick<ApiFetchOptions, "scope" | "query"> = {}): string {
  const params = new URLSearchParams();
  if (opts.scope?.org) params.set("org", opts.scope.org);
  if (opts.scope?.project) params.set("project", opts.scope.project);
  for (const [k, v] of Object.entries(opts.query ?? {}))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

/** API paths whose 401 is an answer for the page itself (a wrong password), not "sign in again". */
const OWN_401 = ["/api/auth/", "/api/setup"];
/** Pages that work without a session: a 401 there must not send the browser round in circles. */
const PUBLIC_PAGES = ["/sign-in", "/setup", "/set-password"];
let redirecting = false;

const under = (path: string, prefix: string) =>
  prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`);

/**
 * Where a 401 from `apiPath` sends a browser at `here`: /sign-in?next=<this page>, or nowhere
 * when the call handles its own 401 or the page already works without a session.
 */
export function signInRedirect(
  apiPath: string,
  here: Pick<Location, "origin" | "pathname" | "search">,
): string | undefined {
  const path = new URL(apiPath, here.origin).pathname;
  if (OWN_401.some((p) => under(path, p))) return undefined;
  if (PUBLIC_PAGES.some((p) => under(here.pathname, p))) return undefined;
  const to = new URL("/sign-in", here.origin);
  to.searchParams.set("next", `${here.pathname}${here.search}`);
  return to.href;
}

function signInAgain(apiPath: string): void {
  if (typeof window === "undefined" || redirecting) return;
  const to = signInRedirect(apiPath, window.location);
  if (!to) return;
  redirecting = true;
  // A full page load, not a client-side push: nothing of the ended session stays in memory.
  window.location.assign(to);
}

/**
 * Query functions pass TanStack's `signal`: a query that can be cancelled is refetched for
 * real on invalidation instead of reusing a request that started before the change.
 */
export async function apiFetch<T>(path: string, opts: ApiFetchOptions = {}): Promise<T> {
  const { json, scope, query, headers, ...init } = opts;
  const res = await fetch(apiUrl(path, { scope, query }), {
    ...init,
    headers: {
      accept: "application/json",
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : init.body,
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (!res.ok) {
    if (res.status === 401) signInAgain(path);
    if (type.includes("json")) throw new ApiError((await res.json()) as Problem);
    throw new ApiError({
      type: "about:blank",
      title: res.statusText || "Request failed",
      status: res.status,
      code: "INTERNAL",
    });
  }
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

/** A one-line message for any error a mutation or query can throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  if (err instanceof TypeError) return "Conduit's server cannot be reached. Check your connection and try again.";
  return err instanceof Error ? err.message : "Something went wrong";
}
