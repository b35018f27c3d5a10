// apiFetch(): the browser's one way to call the API. Non-2xx answers become ApiError carrying
// the problem+json body, so forms can map `fieldErrors` and pages can branch on `code`.
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
