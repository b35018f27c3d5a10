// GET /api/aws/eks/namespaces?connectorRef=&cluster=[&region=]: the cluster's namespaces through the connector
import { namespacesForConnector } from "@/lib/eks/lookup-service";
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req }) =>
    // Live data: a private cache only, so a newly created namespace shows up on the next look.
    json(await namespacesForConnector(scope, query, req.signal), {
      headers: { "cache-control": "private, max-age=15" },
    }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
