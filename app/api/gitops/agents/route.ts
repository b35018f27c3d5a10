// GET /api/gitops/agents: the project's GitOps agents · POST: create one (JSON or YAML body)
import { collectionRoutes } from "@/lib/api/resource-routes";
import { gitopsAgentInputSchema, gitopsAgentListQuerySchema } from "@/lib/gitops/schemas";
import { createAgent, listAgents } from "@/lib/gitops/service";
import { agentCreateFromYaml } from "@/lib/gitops/yaml";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "gitops_agent",
  query: gitopsAgentListQuerySchema,
  body: gitopsAgentInputSchema,
  fromYaml: agentCreateFromYaml,
  list: ({ scope, query }) => listAgents(scope, query),
  create: ({ scope, actor }, input) => createAgent({ scope, input, by: actor }),
});
