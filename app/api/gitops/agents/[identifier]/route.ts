// GET/PUT/DELETE /api/gitops/agents/:identifier: read (JSON or YAML), update (If-Match; JSON or YAML body), delete
import { itemRoutes } from "@/lib/api/resource-routes";
import { gitopsAgentUpdateSchema, gitopsParamsSchema } from "@/lib/gitops/schemas";
import { agentDtoToYaml, deleteAgent, getAgent, updateAgent } from "@/lib/gitops/service";
import { agentFromYaml } from "@/lib/gitops/yaml";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "gitops_agent",
  params: gitopsParamsSchema,
  body: gitopsAgentUpdateSchema,
  fromYaml: agentFromYaml,
  toYaml: agentDtoToYaml,
  get: ({ scope, params }) => getAgent(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateAgent({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteAgent({ scope, identifier: params.identifier, by: actor }),
});
