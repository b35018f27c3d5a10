// GET /api/aws/regions?connectorRef=: the regions the connector's account has enabled (its partition only)
import { regionsForConnector } from "@/lib/eks/clusters";
import { regionLookupQuerySchema } from "@/lib/eks/schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: regionLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req }) =>
    json(await regionsForConnector(scope, query, req.signal), { headers: { "cache-control": "private, max-age=0" } }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
