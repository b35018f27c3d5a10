// GET /api/connectors: list (search, filters, sort, cursor) · POST: create a connector
import { connectorListQuerySchema } from "@/lib/connectors/dto";
import { connectorInputSchema } from "@/lib/connectors/schemas";
import { createConnector, listConnectors } from "@/lib/connectors/service";
import { json, withRoute } from "@/lib/http/route";

export const GET = withRoute({ query: connectorListQuerySchema, scoped: true }, async ({ query, scope }) =>
  listConnectors(scope, query),
);

export const POST = withRoute({ body: connectorInputSchema, scoped: true }, async ({ body, scope, by }) =>
  json(await createConnector({ scope, input: body, by }), { status: 201 }),
);
