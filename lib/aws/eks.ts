// EKS control-plane calls. listClusters: every cluster name in the call's region (all pages);
// describeCluster: the API endpoint and CA a Kubernetes client needs, the OIDC issuer and the
// authentication mode; accessEntryOf: a principal's access entry and its access policies.
import "server-only";
import {
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  EKSClient,
  paginateListAssociatedAccessPolicies,
  paginateListClusters,
} from "@aws-sdk/client-eks";
import { clientConfig, type CallOptions } from "./clients";

export interface ClusterDescription {
  name: string;
  endpoint: string;
  /** base64 PEM, as in certificateAuthority.data. */
  caData: string;
  version: string;
  arn: string;
  status: string;
  oidcIssuer?: string;
  /** accessConfig.authenticationMode: API | API_AND_CONFIG_MAP | CONFIG_MAP (absent on old clusters). */
  authenticationMode?: string;
}

export async function describeCluster(o: CallOptions, name: string): Promise<ClusterDescription> {
  const client = new EKSClient(clientConfig(o));
  try {
    const out = await client.send(new DescribeClusterCommand({ name }), { abortSignal: o.signal });
    const c = out.cluster;
    return {
      name: c?.name ?? name,
      endpoint: c?.endpoint ?? "",
      caData: c?.certificateAuthority?.data ?? "",
      version: c?.version ?? "",
      arn: c?.arn ?? "",
      status: c?.status ?? "",
      oidcIssuer: c?.identity?.oidc?.issuer,
      authenticationMode: c?.accessConfig?.authenticationMode,
    };
  } finally {
    client.destroy();
  }
}

/** Every cluster name in `o.region`, following nextToken through the SDK's paginator. */
export async function listClusters(o: CallOptions): Promise<{ clusters: string[]; pages: number }> {
  const client = new EKSClient(clientConfig(o));
  try {
    const clusters: string[] = [];
    let pages = 0;
    for await (const page of paginateListClusters({ client, pageSize: 100 }, {}, { abortSignal: o.signal })) {
      pages += 1;
      clusters.push(...(page.clusters ?? []));
    }
    return { clusters, pages };
  } finally {
    client.destroy();
  }
}

export interface AccessEntryInfo {
  principalArn: string;
  username: string;
  kubernetesGroups: string[];
  type: string;
  policies: Array<{ policyArn: string; scope: string; namespaces: string[] }>;
}

/**
 * The access entry of `principalArn` on a cluster with its associated access policies, or null
 * when it has none (DescribeAccessEntry answers ResourceNotFoundException).
 */
export async function accessEntryOf(
  o: CallOptions,
  clusterName: string,
  principalArn: string,
): Promise<AccessEntryInfo | null> {
  const client = new EKSClient(clientConfig(o));
  try {
    let entry;
    try {
      entry = (
        await client.send(new DescribeAccessEntryCommand({ clusterName, principalArn }), { abortSignal: o.signal })
      ).accessEntry;
    } catch (err) {
      if ((err as { name?: string }).name === "ResourceNotFoundException") return null;
      throw err;
    }
    const policies: AccessEntryInfo["policies"] = [];
    for await (const page of paginateListAssociatedAccessPolicies(
      { client },
      { clusterName, principalArn },
      { abortSignal: o.signal },
    )) {
      for (const p of page.associatedAccessPolicies ?? [])
        policies.push({
          policyArn: p.policyArn ?? "",
          scope: p.accessScope?.type ?? "cluster",
          namespaces: p.accessScope?.namespaces ?? [],
        });
    }
    return {
      principalArn: entry?.principalArn ?? principalArn,
      username: entry?.username ?? "",
      kubernetesGroups: entry?.kubernetesGroups ?? [],
      type: entry?.type ?? "STANDARD",
      policies,
    };
  } finally {
    client.destroy();
  }
}
