// "Import from EKS": DescribeCluster through a connector, reduced to what a GitOps cluster needs.
// The endpoint and CA come from AWS, never from the request.
import "server-only";
import { openConnectorSession } from "@/lib/connectors/session";
import { describeTarget } from "@/lib/eks/access";
import type { ClusterLookupQuery } from "@/lib/eks/lookup-schemas";
import type { Scope } from "@/lib/scope";
import type { EksClusterInfo } from "./dto";

export async function describeForImport(
  scope: Scope,
  q: ClusterLookupQuery,
  signal?: AbortSignal,
): Promise<EksClusterInfo> {
  const session = await openConnectorSession(scope, q.connectorRef);
  const { target, cluster } = await describeTarget(session, q.cluster, { region: q.region || undefined, signal });
  return {
    name: target.name,
    region: target.region,
    endpoint: cluster.endpoint,
    caData: cluster.caData,
    version: cluster.version,
    oidcIssuer: cluster.oidcIssuer ?? null,
  };
}
