// EKS bearer tokens, built the way aws-iam-authenticator and `aws eks get-token` build them: a
// presigned STS GetCallerIdentity URL with `x-k8s-aws-id: <cluster>` signed in, prefixed with
// `k8s-aws-v1.`. The cluster's authenticator replays the URL against STS to learn who we are.
import "server-only";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { BuildMiddleware, MetadataBearer } from "@smithy/types";
import { clientConfig, type CallOptions } from "./clients";

export const EKS_TOKEN_PREFIX = "k8s-aws-v1.";
export const CLUSTER_ID_HEADER = "x-k8s-aws-id";
/** STS honours the signature for 15 minutes whatever X-Amz-Expires says; refresh a minute early. */
export const EKS_TOKEN_LIFETIME_MS = 14 * 60_000;
/** aws-iam-authenticator sends 60 for compatibility with old servers that reject more. */
const PRESIGN_EXPIRES_SECONDS = 60;

export interface EksToken {
  token: string;
  expiresAt: Date;
}

export interface StsEndpoint {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
}

/**
 * The STS endpoint the SDK itself would call for this region: regional endpoints, partitions
 * and AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL all go through the SDK's own resolution. The
 * request is captured after serialization and never sent.
 */
export async function resolveStsEndpoint(
  o: Pick<CallOptions, "region" | "callTimeoutMs" | "signal">,
): Promise<StsEndpoint> {
  // Anonymous placeholder credentials: nothing is signed or sent, only the endpoint is read.
  const client = new STSClient(
    clientConfig({ ...o, credentials: { accessKeyId: "unused", secretAccessKey: "unused" } }),
  );
  let captured: StsEndpoint | undefined;
  const capture: BuildMiddleware<object, MetadataBearer> = () => async (args) => {
    const req = args.request as HttpRequest;
    captured = { protocol: req.protocol, hostname: req.hostname, port: req.port, path: req.path || "/" };
    return { output: { $metadata: {} }, response: {} };
  };
  try {
    const command = new GetCallerIdentityCommand({});
    command.middlewareStack.add(capture, { step: "build", priority: "low", name: "conduitCaptureEndpoint" });
    await client.send(command, { abortSignal: o.signal });
  } finally {
    client.destroy();
  }
  if (!captured) throw new Error("The AWS SDK did not resolve an STS endpoint");
  return captured;
}

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function requestUrl(req: {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
}): string {
  const query = Object.entries(req.query ?? {})
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).filter((x): x is string => x != null).map((x) => `${encode(k)}=${encode(x)}`),
    )
    .join("&");
  const port = req.port ? `:${req.port}` : "";
  return `${req.protocol}//${req.hostname}${port}${req.path}${query ? `?${query}` : ""}`;
}

export interface EksTokenOptions {
  /** Signing time; tests use it to make an expired token. Default: now. */
  signingDate?: Date;
}

/** A bearer token for the cluster, signed with the call options' credentials in their region. */
export async function eksToken(o: CallOptions, clusterName: string, opts: EksTokenOptions = {}): Promise<EksToken> {
  const endpoint = await resolveStsEndpoint(o);
  const credentials = typeof o.credentials === "function" ? await o.credentials() : o.credentials;
  const host = endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname;
  const request = new HttpRequest({
    method: "GET",
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port,
    path: endpoint.path,
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { host, [CLUSTER_ID_HEADER]: clusterName },
  });
  const signer = new SignatureV4({
    service: "sts",
    region: o.region,
    credentials,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  });
  const signingDate = opts.signingDate ?? new Date();
  const presigned = await signer.presign(request, { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate });
  const token = EKS_TOKEN_PREFIX + Buffer.from(requestUrl(presigned)).toString("base64url");
  return { token, expiresAt: new Date(signingDate.getTime() + EKS_TOKEN_LIFETIME_MS) };
}

/** The presigned URL inside a token, or null when it is not an EKS token. */
export function decodeEksToken(token: string): URL | null {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) return null;
  try {
    return new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
