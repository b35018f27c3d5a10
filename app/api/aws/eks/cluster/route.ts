// GET /api/aws/eks/cluster?connectorRef=&cluster=[&region=]: DescribeCluster through the connector (endpoint, CA, version, OIDC issuer) for "Import from EKS"
import { delegatedLookup } from "@/lib/connection-test/delegated";
import { clusterForConnector } from "@/lib/eks/lookup-service";
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req, actor }) =>
    // On a delegate when one runs the connector's lookups, else here.
    json(
      await delegatedLookup({
        scope,
        ref: query.connectorRef,
        input: { what: "cluster", cluster: query.cluster, ...(query.region ? { region: query.region } : {}) },
        by: actor,
        signal: req.signal,
        here: () => clusterForConnector(scope, query, req.signal),
      }),
      { headers: { "cache-control": "private, no-store" } },
    ),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
