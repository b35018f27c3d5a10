// POST /api/gitops/clusters/:identifier/test: Test connection as streamed NDJSON step events, then the result; saves the status
import { withRoute } from "@/lib/api/route";
import { testCluster } from "@/lib/gitops/connection-test";
import { gitopsParamsSchema } from "@/lib/gitops/schemas";
import { NDJSON_HEADERS } from "@/lib/http/stream";

export const dynamic = "force-dynamic";

export const POST = withRoute(
  { access: { permission: "gitops_cluster:test" }, params: gitopsParamsSchema, scoped: true, limit: "test" },
  async ({ params, scope, actor: by }) =>
    new Response(await testCluster({ scope, identifier: params.identifier, by }), { headers: NDJSON_HEADERS }),
);
