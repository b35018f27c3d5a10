// GET /api/aws/eks/namespaces?connectorRef=&cluster=[&region=]: the cluster's namespaces through the connector
import { delegatedLookup } from "@/lib/connection-test/delegated";
import { namespacesForConnector } from "@/lib/eks/lookup-service";
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req, actor }) =>
    // Live data: a private cache only, so a newly created namespace shows up on the next look.
    // On a delegate when one runs the connector's lookups, else here.
    json(
      await delegatedLookup({
        scope,
        ref: query.connectorRef,
        input: { what: "namespaces", cluster: query.cluster, ...(query.region ? { region: query.region } : {}) },
        by: actor,
        signal: req.signal,
        here: () => namespacesForConnector(scope, query, req.signal),
      }),
      {
        headers: { "cache-control": "private, max-age=15" },
      },
    ),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
