// Reaching a cluster's Kubernetes API through a connector: DescribeCluster for the endpoint and
// CA, an EKS token from the same credentials, and failures explained in terms a platform
// engineer can act on (which IAM permission, which aws-auth mapping, which network path).
import "server-only";
import type { CallOptions } from "@/lib/aws/clients";
import { describeCluster, type ClusterDescription } from "@/lib/aws/eks";
import { eksToken } from "@/lib/aws/eks-token";
import type { Partition } from "@/lib/aws/partitions";
import { getCallerIdentity } from "@/lib/aws/sts";
import { diagnoseAws, type AwsAction } from "@/lib/diagnosis/aws";
import { diagnoseKube } from "@/lib/diagnosis/kubernetes";
import { diagnosisError } from "@/lib/diagnosis/problem";
import { AppError } from "@/lib/http/errors";
import { bindBearer, KubeError, type BearerToken } from "@/lib/kubernetes/client";
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
  /** The EKS token, bound to the endpoint and CA DescribeCluster returned: it can go nowhere else. */
  token: BearerToken;
  expiresAt: Date;
}

const DEFAULT_TIMEOUT_MS = 8_000;

export function clusterTarget(session: EksSession, value: string, region?: string): ClusterTarget {
  const parsed = parseClusterValue(value, region || session.defaultRegion, session.partition);
  if (!parsed.ok)
    throw new AppError("VALIDATION_FAILED", parsed.message, { fieldErrors: { cluster: [parsed.message] } });
  return parsed.target;
}

/** An AWS failure while describing the cluster or signing the token, as a problem (lib/diagnosis). */
export function explainAwsError(err: unknown, t: ClusterTarget, session: EksSession, action: AwsAction): AppError {
  if (err instanceof AppError) return err;
  return diagnosisError(
    diagnoseAws(err, {
      action,
      context: "lookup",
      doing: `${action === "describe-cluster" ? "describing" : "signing a token for"} ${t.name} in ${t.region}`,
      region: t.region,
      roleArn: session.roleArn,
      externalId: session.externalId,
    }),
  );
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
      throw diagnosisError({
        reason: "cluster-not-ready",
        detail: `The cluster ${t(target)} is ${cluster.status || "not ready"}: it has no API endpoint yet.`,
      });
    }
    return { target, cluster };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw explainAwsError(err, target, session, "describe-cluster");
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
    return { target, cluster, token: bindBearer(token, cluster), expiresAt };
  } catch (err) {
    o.signal?.throwIfAborted();
    throw explainAwsError(err, target, session, "sign-eks-token");
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

/** A Kubernetes API failure, as a problem (lib/diagnosis); a rejected token names the identity to map. */
export async function explainKubeError(
  err: unknown,
  session: EksSession,
  access: ClusterAccess,
  what: string,
  signal?: AbortSignal,
): Promise<AppError> {
  if (!(err instanceof KubeError) && err instanceof AppError) return err;
  const unauthorized = err instanceof KubeError && err.kind === "unauthorized";
  return diagnosisError(
    diagnoseKube(err, {
      cluster: t(access.target),
      clusterName: access.target.name,
      endpoint: access.cluster.endpoint,
      what,
      identityArn: unauthorized ? await identityArn(session, access, signal) : undefined,
    }),
  );
}
