// Cluster-level lookups for the routes: open the connector's session (its credentials,
// cross-account role and backoff, as the connection test uses them), then list namespaces or
// build a kubeconfig. Endpoints come from DescribeCluster, never from the request.
import "server-only";
import { openConnectorSession } from "@/lib/connectors/session";
import type { Scope } from "@/lib/scope";
import { describeTarget } from "./access";
import { kubeconfigFileName, kubeconfigYaml } from "./kubeconfig";
import type { ClusterLookupQuery, NamespaceList } from "./lookup-schemas";
import { listClusterNamespaces } from "./namespaces";

export async function namespacesForConnector(
  scope: Scope,
  q: ClusterLookupQuery,
  signal?: AbortSignal,
): Promise<NamespaceList> {
  const session = await openConnectorSession(scope, q.connectorRef);
  return listClusterNamespaces(session, q.cluster, { region: q.region || undefined, signal });
}

export async function kubeconfigForConnector(
  scope: Scope,
  q: ClusterLookupQuery,
  signal?: AbortSignal,
): Promise<{ yaml: string; fileName: string }> {
  const session = await openConnectorSession(scope, q.connectorRef);
  const { target, cluster } = await describeTarget(session, q.cluster, { region: q.region || undefined, signal });
  const yaml = kubeconfigYaml({
    clusterName: target.name,
    region: target.region,
    partition: session.partition,
    endpoint: cluster.endpoint,
    caData: cluster.caData,
    clusterArn: cluster.arn,
    roleArn: session.roleArn,
    externalId: session.externalId,
    connectorRef: session.connector.ref,
  });
  return { yaml, fileName: kubeconfigFileName(target.name) };
}
