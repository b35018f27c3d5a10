// POST /api/connectors/:identifier/test: run a connection test, streaming NDJSON step events
import { connectorParamsSchema } from "@/lib/connectors/dto";
import { testSavedConnector } from "@/lib/connection-test/service";
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

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
