// GET /api/aws/eks/cluster?connectorRef=&cluster=[&region=]: DescribeCluster through the connector (endpoint, CA, version, OIDC issuer) for "Import from EKS"
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { describeForImport } from "@/lib/gitops/eks-import";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req }) =>
    json(await describeForImport(scope, query, req.signal), { headers: { "cache-control": "private, no-store" } }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
