// EKS control-plane calls. describeCluster: the API endpoint and CA a Kubernetes client needs.
import "server-only";
import { DescribeClusterCommand, EKSClient } from "@aws-sdk/client-eks";
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
