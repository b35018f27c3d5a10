// A minimal Kubernetes API client: HTTPS GET with the cluster's own CA as the only trust anchor
// and a bearer token. Failures come back as a KubeError whose kind says which layer failed.
import "server-only";
import https from "node:https";

export type KubeErrorKind = "unreachable" | "tls" | "unauthorized" | "forbidden" | "http";

export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly status?: number,
    /** Node's error code (ECONNREFUSED, UNABLE_TO_VERIFY_LEAF_SIGNATURE…) or the Status reason. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "KubeError";
  }
}

export interface KubeRequestOptions {
  /** Whole-request limit (connect, TLS, headers, body). */
  timeoutMs: number;
  signal?: AbortSignal;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE|ECONNABORTED)$/;
// OpenSSL's verification codes and Node's own TLS errors.
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/** The PEM text of base64 `certificate-authority-data`; a KubeError("tls") when it is not one. */
export function caPem(caData: string): string {
  const pem = Buffer.from(caData, "base64").toString("utf8");
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem)) {
    throw new KubeError(
      "tls",
      "The cluster's certificate authority data is not a base64-encoded PEM certificate.",
      undefined,
      "BAD_CA_DATA",
    );
  }
  return pem;
}

function requestUrl(endpoint: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    throw new KubeError("unreachable", `The cluster endpoint "${endpoint}" is not a URL.`, undefined, "BAD_ENDPOINT");
  }
  if (base.protocol !== "https:")
    throw new KubeError("unreachable", "The cluster endpoint must use https.", undefined, "BAD_ENDPOINT");
  return new URL(base.pathname.replace(/\/+$/, "") + path, base);
}

function networkError(err: NodeJS.ErrnoException, url: URL): KubeError {
  const code = err.code ?? "";
  if (TLS_CODES.test(code)) {
    return new KubeError(
      "tls",
      `TLS verification of ${url.host} failed against the cluster's certificate authority (${code}).`,
      undefined,
      code,
    );
  }
  if (NETWORK_CODES.test(code))
    return new KubeError("unreachable", `${url.host} could not be reached (${code}).`, undefined, code);
  return new KubeError(
    "unreachable",
    `${url.host} could not be reached (${code || err.message}).`,
    undefined,
    code || undefined,
  );
}

/** What a Kubernetes Status body says, if the body is one. */
function statusOf(body: string): { message?: string; reason?: string } {
  try {
    const s = JSON.parse(body) as { kind?: string; message?: unknown; reason?: unknown };
    if (s.kind === "Status")
      return {
        message: typeof s.message === "string" ? s.message : undefined,
        reason: typeof s.reason === "string" ? s.reason : undefined,
      };
  } catch {
    // not JSON: an HTML error page from a proxy, say
  }
  return {};
}

function httpError(status: number, body: string): KubeError {
  const { message, reason } = statusOf(body);
  const said = message ? `: ${message.slice(0, 300)}` : "";
  if (status === 401)
    return new KubeError("unauthorized", `The cluster rejected the token (401${said}).`, status, reason);
  if (status === 403) return new KubeError("forbidden", `The cluster denied the request (403${said}).`, status, reason);
  return new KubeError("http", `The Kubernetes API answered HTTP ${status}${said}.`, status, reason);
}

/** GET `path` from the API server and parse the JSON answer. */
export async function kubeGet<T = unknown>(
  endpoint: string,
  caData: string,
  token: string,
  path: string,
  o: KubeRequestOptions,
): Promise<T> {
  const url = requestUrl(endpoint, path);
  const ca = caPem(caData);
  o.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  return new Promise<T>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (o.signal?.aborted) return reject(o.signal.reason);
      if (timeout.aborted)
        return reject(
          new KubeError(
            "unreachable",
            `${url.host} did not answer within ${Math.round(o.timeoutMs / 100) / 10} s.`,
            undefined,
            "ETIMEDOUT",
          ),
        );
      reject(err instanceof KubeError ? err : networkError(err as NodeJS.ErrnoException, url));
    };
    const req = https.request(
      url,
      {
        method: "GET",
        ca, // the cluster CA only: the system store is not consulted
        agent: false,
        signal,
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES)
            req.destroy(
              new KubeError("http", `The Kubernetes API answer exceeded ${MAX_BODY_BYTES} bytes.`, res.statusCode),
            );
          else chunks.push(c);
        });
        res.on("error", fail);
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(httpError(status, body));
          try {
            resolve(JSON.parse(body) as T);
          } catch {
            reject(new KubeError("http", "The Kubernetes API answered with something that is not JSON.", status));
          }
        });
      },
    );
    req.on("error", fail);
    req.end();
  });
}

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform: string;
}

export async function serverVersion(
  endpoint: string,
  caData: string,
  token: string,
  o: KubeRequestOptions,
): Promise<ServerVersion> {
  const v = await kubeGet<Partial<ServerVersion>>(endpoint, caData, token, "/version", o);
  return { gitVersion: v.gitVersion ?? "", major: v.major ?? "", minor: v.minor ?? "", platform: v.platform ?? "" };
}

interface NamespaceList {
  items?: Array<{ metadata?: { name?: string } }>;
  metadata?: { continue?: string };
}

/** Every namespace name, following `continue` tokens page by page. */
export async function listNamespaces(
  endpoint: string,
  caData: string,
  token: string,
  o: KubeRequestOptions & { pageSize?: number; maxPages?: number },
): Promise<string[]> {
  const names: string[] = [];
  const limit = o.pageSize ?? 500;
  let cont: string | undefined;
  for (let page = 0; page < (o.maxPages ?? 100); page++) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cont) q.set("continue", cont);
    const list = await kubeGet<NamespaceList>(endpoint, caData, token, `/api/v1/namespaces?${q}`, o);
    for (const item of list.items ?? []) if (item.metadata?.name) names.push(item.metadata.name);
    cont = list.metadata?.continue || undefined;
    if (!cont) return names;
  }
  return names; // a cluster with more than maxPages × pageSize namespaces: the first ones are enough for suggestions
}
