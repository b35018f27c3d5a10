// Query and response shapes of the cluster-level lookups (namespaces, kubeconfig), shared by the
// route handlers and the hooks. The cluster value is checked in depth on the server
// (lib/eks/cluster-value.ts) once the connector's partition is known.
import { z } from "zod";

const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const clusterLookupQuerySchema = z.object({
  connectorRef: z.string().trim().min(1, "Choose a connector").max(140),
  cluster: z.string().trim().min(1, "Choose a cluster").max(140),
  /** The definition's region, used when `cluster` is a bare name. */
  region: z.union([z.literal(""), z.string().trim().regex(REGION_CODE, "Not an AWS region code")]).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type ClusterLookupQuery = z.infer<typeof clusterLookupQuerySchema>;

export const namespaceListSchema = z.object({ namespaces: z.array(z.string()) });
export type NamespaceList = z.infer<typeof namespaceListSchema>;

/** "Import from EKS": what DescribeCluster says about a cluster, through a connector. */
export interface EksClusterInfo {
  name: string;
  region: string;
  endpoint: string;
  caData: string;
  version: string;
  oidcIssuer: string | null;
}
