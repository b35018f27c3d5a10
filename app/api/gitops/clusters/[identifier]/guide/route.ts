// GET /api/gitops/clusters/:identifier/guide: the IRSA setup guide generated for this cluster's own values
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { getClusterGuide } from "@/lib/gitops/guide-service";
import { gitopsParamsSchema } from "@/lib/gitops/schemas";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "gitops_cluster:view" }, params: gitopsParamsSchema, scoped: true },
  async ({ params, scope }) => getClusterGuide({ scope, identifier: params.identifier }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
