// Reaching a cluster's Kubernetes API through a connector: DescribeCluster for the endpoint and
// CA, an EKS token from the same credentials, and failures explained in terms a platform
// engineer can act on (which IAM permission, which aws-auth mapping, which network path).
import "server-only";
import type { CallOptions } from "@/lib/aws/clients";
import { describeCluster, type ClusterDescription } from "@/lib/aws/eks";
import { eksToken } from "@/lib/aws/eks-token";
import { awsErrorFacts } from "@/lib/aws/errors";
import type { Partition } from "@/lib/aws/partitions";
import { getCallerIdentity } from "@/lib/aws/sts";
import { AppError } from "@/lib/http/errors";
import { KubeError } from "@/lib/kubernetes/client";
import { parseClusterValue, type ClusterTarget } from "./cluster-value";

/** What the lookups need from a connector session (lib/aws/session.ts's ConnectorSession fits). */
export interface EksSession {
  partition: Partition;
  defaultRegion: string;
  roleArn?: string;
  externalId?: string;
  callOptions(region: string, o?: { callTimeoutMs?: number; signal?: AbortSignal }): CallOptions;
}

export interface LookupOptions {
  /** The definition's region, used for a bare cluster name. */
  region?: string;
  signal?: AbortSignal;
  /** Per AWS call; default 8 s. */
  callTimeoutMs?: number;
  /** Per Kubernetes request; default 8 s. */
  kubeTimeoutMs?: number;
}

export interface ClusterAccess {
  target: ClusterTarget;
  cluster: ClusterDescription;
  token: string;
  expiresAt: Date;
}

const DEFAULT_TIMEOUT_MS = 8_000;

export function clusterTarget(session: EksSession, value: string, region?: string): ClusterTarget {
  const parsed = parseClusterValue(value, region || session.defaultRegion, session.partition);
  if (!parsed.ok)
    throw new AppError("VALIDATION_FAILED", parsed.message, { fieldErrors: { cluster: [parsed.message] } });
  return parsed.target;
}

const upstream = (reason: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError("UPSTREAM_FAILED", detail, { extra: { reason, ...extra } });

/** An AWS failure while describing the cluster or signing the token, in words. */
export function explainAwsError(err: unknown, t: ClusterTarget, session: EksSession): AppError {
  if (err instanceof AppError) return err;
  const f = awsErrorFacts(err);
  const said = `AWS said: ${f.code}${f.message && f.message !== f.code ? `: ${f.message}` : ""}`;
  if (f.timedOut)
    return upstream("aws-timeout", `AWS did not answer in time while describing ${t.name} in ${t.region}.`, {
      awsCode: f.code,
    });
  if (/sts:AssumeRole/.test(f.message) || (session.roleArn && f.code === "AccessDenied")) {
    return upstream(
      "assume-role-denied",
      `Conduit could not assume the connector's cross-account role ${session.roleArn ?? ""}: check the role's trust policy${session.externalId ? " and external ID" : ""}. ${said}`,
      { awsCode: f.code },
    );
  }
  if (f.code === "ResourceNotFoundException") {
    return new AppError(
      "NOT_FOUND",
      `No EKS cluster named ${t.name} in ${t.region} is visible to the connector's account.`,
      { extra: { reason: "cluster-not-found" } },
    );
  }
  if (f.code === "AccessDeniedException" || f.code === "AccessDenied") {
    return upstream(
      "describe-denied",
      `The connector's identity may not call eks:DescribeCluster on ${t.name} in ${t.region}: allow eks:DescribeCluster in its IAM policy. ${said}`,
      { awsCode: f.code },
    );
  }
  if (
    /^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|ExpiredToken|InvalidSignatureException)/.test(
      f.code,
    )
  ) {
    return upstream(
      "credentials-rejected",
      `AWS rejected the connector's credentials in ${t.region}: run the connector's connection test. ${said}`,
      { awsCode: f.code },
    );
  }
  return upstream("aws-error", `Describing ${t.name} in ${t.region} failed. ${said}`, { awsCode: f.code });
}

/** DescribeCluster with the session's credentials in the cluster's region; failures explained. */
export async function describeTarget(
  session: EksSession,
  value: string,
  o: LookupOptions = {},
): Promise<{ target: ClusterTarget; cluster: ClusterDescription }> {
  const target = clusterTarget(session, value, o.region);
  const call = session.callOptions(target.region, {
    callTimeoutMs: o.callTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: o.signal,
  });
  try {
    const cluster = await describeCluster(call, target.name);
    if (!cluster.endpoint || !cluster.caData) {
      throw upstream(
        "cluster-not-ready",
        `The cluster ${t(target)} is ${cluster.status || "not ready"}: it has no API endpoint yet.`,
      );
    }
    return { target, cluster };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw explainAwsError(err, target, session);
  }
}

/** DescribeCluster then an EKS token for it, both with the session's credentials in the cluster's region. */
export async function openClusterAccess(
  session: EksSession,
  value: string,
  o: LookupOptions = {},
): Promise<ClusterAccess> {
  const { target, cluster } = await describeTarget(session, value, o);
  const call = session.callOptions(target.region, {
    callTimeoutMs: o.callTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: o.signal,
  });
  try {
    const { token, expiresAt } = await eksToken(call, target.name);
    return { target, cluster, token, expiresAt };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw explainAwsError(err, target, session);
  }
}

const t = (target: ClusterTarget) => `${target.name} (${target.region})`;

/** arn:…:sts::<acct>:assumed-role/<role>/<session> → the role ARN, as EKS maps identities. */
export function mappedArn(arn: string, partition: Partition): string {
  const m = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? `arn:${partition}:iam::${m[1]}:role/${m[2]}` : arn;
}

/** Who the cluster saw: the cross-account role, or the caller identity (best effort). */
async function identityArn(
  session: EksSession,
  access: ClusterAccess,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (session.roleArn) return session.roleArn;
  try {
    const id = await getCallerIdentity(session.callOptions(access.target.region, { callTimeoutMs: 4_000, signal }));
    return mappedArn(id.arn, session.partition);
  } catch {
    return undefined;
  }
}

/** A Kubernetes API failure, in words. */
export async function explainKubeError(
  err: unknown,
  session: EksSession,
  access: ClusterAccess,
  what: string,
  signal?: AbortSignal,
): Promise<AppError> {
  if (!(err instanceof KubeError))
    return err instanceof AppError ? err : upstream("kubernetes-error", `${what} failed on ${t(access.target)}.`);
  const where = t(access.target);
  switch (err.kind) {
    case "unauthorized": {
      const arn = await identityArn(session, access, signal);
      const who = arn ?? "the connector's IAM identity";
      return upstream(
        "token-rejected",
        `The cluster ${where} rejected Conduit's token: ${who} is not mapped to a Kubernetes user. Map ${who} in the aws-auth ConfigMap or add an access entry for it (aws eks create-access-entry --cluster-name ${access.target.name} --principal-arn ${arn ?? "<arn>"}).`,
        { kubernetes: err.kind, identityArn: arn },
      );
    }
    case "forbidden":
      return upstream(
        "forbidden",
        `The cluster ${where} knows Conduit's identity but its RBAC does not allow this: ${err.message} Bind the mapped user or group to a ClusterRole that can ${what === "Listing namespaces" ? "list namespaces (for example view)" : "read it"}.`,
        { kubernetes: err.kind },
      );
    case "tls":
      return upstream(
        "tls",
        `TLS verification of ${access.cluster.endpoint} failed against the certificate authority DescribeCluster returned${err.code ? ` (${err.code})` : ""}: the endpoint is not serving the cluster's certificate. Is a proxy intercepting TLS on the way?`,
        { kubernetes: err.kind, tlsCode: err.code },
      );
    case "unreachable":
      return upstream(
        "unreachable",
        `Conduit could not reach the API endpoint of ${where}, ${access.cluster.endpoint} (${err.code ?? err.message}). If the endpoint is private, Conduit needs a network path into the cluster's VPC; if it is public, its allowed CIDR blocks must include Conduit's address.`,
        { kubernetes: err.kind, networkCode: err.code },
      );
    default:
      return upstream("kubernetes-error", `${what} on ${where} failed: ${err.message}`, {
        kubernetes: err.kind,
        status: err.status,
      });
  }
}
