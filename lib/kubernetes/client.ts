// A minimal Kubernetes API client: HTTPS GET with the cluster's own CA as the only trust anchor
// and a bearer token that is bound to one endpoint and CA when it is made (`bindBearer`): a
// request goes to the token's own endpoint, so a token cannot be sent anywhere else, and its
// value is readable only inside this module. Every connection passes the egress policy (the
// address is resolved, checked and pinned) and must connect within 5 s. Network and TLS
// failures read the same whatever the port ("unreachable"), so the client is no port scanner;
// a server's own words (a Status message) come back only once TLS proved it holds the CA's key.
import "server-only";
import https from "node:https";
import { inspect } from "node:util";
import { EgressError, pinnedLookup, resolveEgress } from "@/lib/http/egress";

export type KubeErrorKind = "config" | "refused" | "unreachable" | "unauthorized" | "forbidden" | "http";

export class KubeError extends Error {
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly status?: number,
    /** For logs only: Node's error code (ECONNREFUSED, CERT_…) or the Status reason. Never shown. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "KubeError";
  }
}

export interface KubeEndpoint {
  /** The API server's https URL. */
  endpoint: string;
  /** Base64 PEM `certificate-authority-data`. */
  caData: string;
}

const VALUES = new WeakMap<BearerToken, string>();

/** A bearer token bound to the endpoint and CA it may be sent to; its value never leaves this module. */
export class BearerToken implements KubeEndpoint {
  private constructor(
    readonly endpoint: string,
    readonly caData: string,
  ) {}
  /** Binds `value` to `to`: every request made with it goes there, trusting only that CA. */
  static bind(value: string, to: KubeEndpoint): BearerToken {
    const t = new BearerToken(to.endpoint, to.caData);
    VALUES.set(t, value);
    return t;
  }
  toJSON() {
    return `[bearer token for ${this.endpoint}]`;
  }
  toString() {
    return this.toJSON();
  }
  [inspect.custom]() {
    return this.toJSON();
  }
}

export const bindBearer = BearerToken.bind;

/** No credentials at all, for calls a cluster answers anonymously (`/version`), bound to one endpoint and CA. */
export const anonymousEndpoint = (to: KubeEndpoint): BearerToken => BearerToken.bind("", to);

export interface KubeRequestOptions {
  /** Whole-request limit (connect, TLS, headers, body). */
  timeoutMs: number;
  signal?: AbortSignal;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const CONNECT_TIMEOUT_MS = 5_000;

/** The PEM text of base64 `certificate-authority-data`; a KubeError("config") when it is not one. */
export function caPem(caData: string): string {
  const pem = Buffer.from(caData, "base64").toString("utf8");
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem)) {
    throw new KubeError(
      "config",
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
    throw new KubeError("config", `The cluster endpoint "${endpoint}" is not a URL.`, undefined, "BAD_ENDPOINT");
  }
  if (base.protocol !== "https:")
    throw new KubeError("config", "The cluster endpoint must use https.", undefined, "BAD_ENDPOINT");
  if (base.username || base.password)
    throw new KubeError(
      "config",
      "The cluster endpoint must not carry a user name or password.",
      undefined,
      "BAD_ENDPOINT",
    );
  return new URL(base.pathname.replace(/\/+$/, "") + path, base);
}

/** One message for every way a connection can fail before the server proved itself. */
const unreachable = (url: URL, code?: string) =>
  new KubeError(
    "unreachable",
    `${url.hostname} is unreachable: no TLS connection verified by the cluster's certificate authority could be made.`,
    undefined,
    code,
  );

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

/** GET `path` from the token's API server and parse the JSON answer. */
export async function kubeGet<T = unknown>(token: BearerToken, path: string, o: KubeRequestOptions): Promise<T> {
  const value = VALUES.get(token);
  if (value === undefined) throw new KubeError("config", "Not a bound bearer token.", undefined, "UNBOUND_TOKEN");
  const url = requestUrl(token.endpoint, path);
  const ca = caPem(token.caData);
  o.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let pinned;
  try {
    pinned = await resolveEgress(url.hostname);
  } catch (err) {
    if (err instanceof EgressError)
      throw err.kind === "refused"
        ? new KubeError("refused", err.message, undefined, "EGRESS")
        : unreachable(url, "DNS");
    throw err;
  }
  o.signal?.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    let verified = false;
    const fail = (err: unknown) => {
      if (o.signal?.aborted) return reject(o.signal.reason);
      if (err instanceof KubeError) return reject(err);
      const code = (err as NodeJS.ErrnoException).code;
      // Before a verified handshake every failure reads the same; after it, what happened is the server's.
      if (!verified) return reject(unreachable(url, timeout.aborted ? "ETIMEDOUT" : code));
      if (timeout.aborted)
        return reject(
          new KubeError(
            "unreachable",
            `${url.hostname} did not answer within ${Math.round(o.timeoutMs / 100) / 10} s.`,
            undefined,
            "ETIMEDOUT",
          ),
        );
      reject(new KubeError("http", "The Kubernetes API connection broke off.", undefined, code));
    };
    const req = https.request(
      url,
      {
        method: "GET",
        ca, // the cluster CA only: the system store is not consulted
        agent: false,
        lookup: pinnedLookup(pinned),
        signal,
        headers: value
          ? { authorization: `Bearer ${value}`, accept: "application/json" }
          : { accept: "application/json" },
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
    req.on("socket", (socket) => {
      const connectTimer = setTimeout(() => req.destroy(unreachable(url, "ECONNECT_TIMEOUT")), CONNECT_TIMEOUT_MS);
      socket.once("secureConnect", () => {
        verified = true;
        clearTimeout(connectTimer);
      });
      socket.once("close", () => clearTimeout(connectTimer));
    });
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

export async function serverVersion(token: BearerToken, o: KubeRequestOptions): Promise<ServerVersion> {
  const v = await kubeGet<Partial<ServerVersion>>(token, "/version", o);
  return { gitVersion: v.gitVersion ?? "", major: v.major ?? "", minor: v.minor ?? "", platform: v.platform ?? "" };
}

interface NamespaceList {
  items?: Array<{ metadata?: { name?: string } }>;
  metadata?: { continue?: string };
}

/** Every namespace name, following `continue` tokens page by page. */
export async function listNamespaces(
  token: BearerToken,
  o: KubeRequestOptions & { pageSize?: number; maxPages?: number },
): Promise<string[]> {
  const names: string[] = [];
  const limit = o.pageSize ?? 500;
  let cont: string | undefined;
  for (let page = 0; page < (o.maxPages ?? 100); page++) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cont) q.set("continue", cont);
    const list = await kubeGet<NamespaceList>(token, `/api/v1/namespaces?${q}`, o);
    for (const item of list.items ?? []) if (item.metadata?.name) names.push(item.metadata.name);
    cont = list.metadata?.continue || undefined;
    if (!cont) return names;
  }
  return names; // a cluster with more than maxPages × pageSize namespaces: the first ones are enough for suggestions
}
