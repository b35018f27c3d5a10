// GET /api/aws/eks/clusters?connectorRef=[&region=]: EKS clusters in one region, or across every enabled region
import { delegatedLookup } from "@/lib/connection-test/delegated";
import { checkPartition, clusterListCost, clustersForConnector } from "@/lib/eks/clusters";
import { partitionOf } from "@/lib/aws/partitions";
import { clusterListQuerySchema } from "@/lib/eks/schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  {
    access: { permission: "connector:test" },
    query: clusterListQuerySchema,
    scoped: true,
    // A search of every region (no `region`) counts as several lookups.
    limit: { name: "lookup", cost: clusterListCost },
  },
  async ({ query, scope, req, actor }) =>
    // The server keeps its own copy for 30 s and the hooks their staleTime; "Refresh" must reach the server.
    // On a delegate when one runs the connector's lookups (never cached here), else here.
    json(
      await delegatedLookup({
        scope,
        ref: query.connectorRef,
        input: { what: "clusters", ...(query.region ? { region: query.region } : {}) },
        by: actor,
        check: (spec) => checkPartition(query.region, partitionOf(spec.credential.region)),
        signal: req.signal,
        here: () => clustersForConnector(scope, query, req.signal),
      }),
      {
        headers: { "cache-control": "private, max-age=0" },
      },
    ),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
