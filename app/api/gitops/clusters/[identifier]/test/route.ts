// POST /api/gitops/clusters/:identifier/test: Test connection as streamed NDJSON step events, then the result; saves the status
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { testCluster } from "@/lib/gitops/connection-test";
import { gitopsParamsSchema } from "@/lib/gitops/schemas";
import { NDJSON_HEADERS } from "@/lib/http/stream";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  { access: { permission: "gitops_cluster:test" }, params: gitopsParamsSchema, scoped: true, limit: "test" },
  async ({ req, params, scope, actor: by }) =>
    new Response(await testCluster({ scope, identifier: params.identifier, by, signal: req.signal }), {
      headers: NDJSON_HEADERS,
    }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
