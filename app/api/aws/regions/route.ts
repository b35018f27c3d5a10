// GET /api/aws/regions?connectorRef=: the regions the connector's account has enabled (its partition only)
import { delegatedLookup } from "@/lib/connection-test/delegated";
import { regionsForConnector } from "@/lib/eks/clusters";
import { regionLookupQuerySchema } from "@/lib/eks/schemas";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: regionLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req, actor }) =>
    // On a delegate when one runs the connector's lookups, else here.
    json(
      await delegatedLookup({
        scope,
        ref: query.connectorRef,
        input: { what: "regions" },
        by: actor,
        signal: req.signal,
        here: () => regionsForConnector(scope, query, req.signal),
      }),
      {
        headers: { "cache-control": "private, max-age=0" },
      },
    ),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
