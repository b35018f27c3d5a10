// Cluster-level lookups for the routes: open the connector's session (its credentials,
// cross-account role and backoff, as the connection test uses them), then list namespaces, build
// a kubeconfig or describe a cluster for "Import from EKS". Endpoints come from DescribeCluster, never from the request. `runLookup`
// is what a delegate runs for a lookup it was sent, with a session it built itself.
import "server-only";
import { openConnectorSession, type ConnectorSession } from "@/lib/connectors/session";
import type { LookupInput } from "@/lib/delegates/schemas";
import type { Scope } from "@/lib/scope";
import { describeTarget } from "./access";
import { kubeconfigFileName, kubeconfigYaml } from "./kubeconfig";
import type { ClusterLookupQuery, EksClusterInfo, NamespaceList } from "./lookup-schemas";
import { listClusterNamespaces } from "./namespaces";
import { listConnectorClusters, listConnectorRegions } from "./clusters";

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
  return kubeconfigOf(await openConnectorSession(scope, q.connectorRef), q, signal);
}

async function kubeconfigOf(
  session: ConnectorSession,
  q: Pick<ClusterLookupQuery, "cluster" | "region">,
  signal?: AbortSignal,
): Promise<{ yaml: string; fileName: string }> {
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

/** "Import from EKS": DescribeCluster through the connector, reduced to what a GitOps cluster needs. */
export async function clusterForConnector(
  scope: Scope,
  q: ClusterLookupQuery,
  signal?: AbortSignal,
): Promise<EksClusterInfo> {
  return clusterInfoOf(await openConnectorSession(scope, q.connectorRef), q, signal);
}

async function clusterInfoOf(
  session: ConnectorSession,
  q: Pick<ClusterLookupQuery, "cluster" | "region">,
  signal?: AbortSignal,
): Promise<EksClusterInfo> {
  // The endpoint and CA come from AWS, never from the request.
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

/** A lookup a delegate was sent, run there with its own identity: the answer the console's would be. */
export async function runLookup(session: ConnectorSession, input: LookupInput, signal?: AbortSignal) {
  switch (input.what) {
    case "regions":
      return listConnectorRegions(session, { signal, cache: false });
    case "clusters":
      return listConnectorClusters(session, { region: input.region, signal, cache: false });
    case "namespaces":
      return listClusterNamespaces(session, input.cluster, { region: input.region || undefined, signal });
    case "kubeconfig":
      return kubeconfigOf(session, input, signal);
    case "cluster":
      return clusterInfoOf(session, input, signal);
  }
}
