// GET /api/gitops/agents/:identifier/guide: the agent's part of the setup guide (up to a healthy agent)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { getAgentGuide } from "@/lib/gitops/guide-service";
import { gitopsParamsSchema } from "@/lib/gitops/schemas";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "gitops_agent:view" }, params: gitopsParamsSchema, scoped: true },
  async ({ params, scope }) => getAgentGuide({ scope, identifier: params.identifier }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
