// POST /api/gitops/clusters/:identifier/test: assume the role, sign an EKS token, call /version; saves the status
import { withRoute } from "@/lib/api/route";
import { testCluster } from "@/lib/gitops/connection-test";
import { gitopsParamsSchema } from "@/lib/gitops/schemas";

export const dynamic = "force-dynamic";

export const POST = withRoute({ params: gitopsParamsSchema, scoped: true }, async ({ params, scope, actor: by }) =>
  testCluster({ scope, identifier: params.identifier, by }),
);
