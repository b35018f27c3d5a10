// Kubernetes API failures → Diagnosis: a rejected token, RBAC, the egress policy, the network path
// (one answer whatever the port). The caller names the cluster and, for a rejected token, the mapping that fixes it.
import "server-only";
import { AppError } from "@/lib/http/errors";
import { KubeError } from "@/lib/kubernetes/client";
import { accessEntryCommand } from "./remedies";
import type { Diagnosis } from "./types";

export interface KubeWhere {
  /** The cluster in words: `payments (us-east-1)`. */
  cluster: string;
  /** The EKS cluster name, for access-entry commands. */
  clusterName?: string;
  endpoint: string;
  /** What Conduit asked for: "Listing namespaces", "Calling /version". */
  what: string;
  /** The IAM identity the token speaks for, when known. */
  identityArn?: string;
  /** The cluster is reached with a stored bearer token, not an IAM identity. */
  bearerToken?: boolean;
  /** The caller's own remedy for an unmapped identity (GitOps: the eksctl mapping of its deployer role). */
  unmapped?: { fix: string; commands?: string[] };
}

/** What a Kubernetes API call's failure means and what to do about it. */
export function diagnoseKube(err: unknown, w: KubeWhere): Diagnosis {
  if (!(err instanceof KubeError)) {
    const message = err instanceof AppError ? (err.detail ?? err.message) : "the request did not complete";
    return { reason: "kubernetes-error", detail: `${w.what} failed on ${w.cluster}: ${message}` };
  }
  const facts = { kubernetes: err.kind };
  switch (err.kind) {
    case "unauthorized": {
      if (w.bearerToken) {
        return {
          reason: "token-rejected",
          code: err.kind,
          detail: err.message,
          fix: "The bearer token is invalid or expired: store a current service account token in the secret.",
          facts,
        };
      }
      const who = w.identityArn ?? "the connector's IAM identity";
      return {
        reason: "token-rejected",
        code: err.kind,
        detail: `The cluster ${w.cluster} rejected Conduit's token: ${who} is not mapped to a Kubernetes user.`,
        ...(w.unmapped ?? {
          fix: `Map ${who} in the aws-auth ConfigMap or add an access entry for it (${accessEntryCommand(w.clusterName ?? "<cluster>", w.identityArn ?? "<arn>")}).`,
        }),
        facts: { ...facts, identityArn: w.identityArn },
      };
    }
    case "forbidden":
      return {
        reason: "forbidden",
        code: err.kind,
        detail: `The cluster ${w.cluster} knows Conduit's identity but its RBAC does not allow this: ${err.message}`,
        fix: `Bind the mapped user or group to a ClusterRole that can ${w.what === "Listing namespaces" ? "list namespaces (for example view)" : "read it"}.`,
        facts,
      };
    case "refused":
      return {
        reason: "egress-refused",
        code: err.kind,
        detail: `Conduit did not contact ${w.endpoint}: ${err.message}`,
        fix: "Use the cluster's public API endpoint. If Conduit must reach a private network, an operator lists its CIDR in CONDUIT_EGRESS_ALLOW.",
        facts,
      };
    case "config":
      return {
        reason: "cluster-config",
        code: err.kind,
        detail: err.message,
        fix: "Fix the cluster's endpoint or certificate authority data: import the cluster from EKS again to refresh both.",
        facts,
      };
    case "unreachable":
      return {
        reason: "unreachable",
        code: err.kind,
        detail: `Conduit could not reach the API endpoint of ${w.cluster}, ${w.endpoint}: ${err.message}`,
        fix: "Check that the endpoint is the cluster's API server and that the certificate authority data is the cluster's (import it from EKS again to refresh it). If the endpoint is private, Conduit needs a network path into the cluster's VPC; if it is public, its allowed CIDR blocks must include Conduit's address.",
        facts,
      };
    default:
      return {
        reason: "kubernetes-error",
        code: err.kind,
        detail: `${w.what} on ${w.cluster} failed: ${err.message}`,
        fix: "Check the endpoint: it must be the cluster's Kubernetes API server.",
        facts: { ...facts, status: err.status },
      };
  }
}
