// POST /api/connectors/:identifier/test: run a connection test, streaming NDJSON step events
// GET: follow the connector's latest test run by a delegate, from any console instance
import { connectorParamsSchema } from "@/lib/connectors/dto";
import { followConnectorTest, testSavedConnector } from "@/lib/connection-test/service";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { NDJSON_HEADERS } from "@/lib/http/stream";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  { access: { permission: "connector:test" }, params: connectorParamsSchema, scoped: true, limit: "test" },
  async ({ req, params, scope, actor: by }) =>
    new Response(await testSavedConnector({ scope, identifier: params.identifier, by, signal: req.signal }), {
      headers: NDJSON_HEADERS,
    }),
);

export const GET = withRoute(
  { access: { permission: "connector:view" }, params: connectorParamsSchema, scoped: true },
  async ({ req, params, scope }) =>
    new Response(await followConnectorTest({ scope, identifier: params.identifier, signal: req.signal }), {
      headers: NDJSON_HEADERS,
    }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
