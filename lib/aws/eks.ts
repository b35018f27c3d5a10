// EKS control-plane calls. listClusters: every cluster name in the call's region (all pages);
// describeCluster: the API endpoint and CA a Kubernetes client needs.
import "server-only";
import { DescribeClusterCommand, EKSClient, paginateListClusters } from "@aws-sdk/client-eks";
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
