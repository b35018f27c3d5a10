// GET /api/gitops/agents: the project's GitOps agents · POST: create one (JSON or YAML)
import { json, withRoute } from "@/lib/http/route";
import { gitopsAgentInputSchema, gitopsAgentListQuerySchema } from "@/lib/gitops/schemas";
import { createAgent, listAgents } from "@/lib/gitops/service";
import { agentCreateFromYaml } from "@/lib/gitops/yaml";

export const GET = withRoute({ query: gitopsAgentListQuerySchema, scoped: true }, async ({ query, scope }) =>
  listAgents(scope, query),
);

export const POST = withRoute(
  { body: gitopsAgentInputSchema, fromYaml: agentCreateFromYaml, scoped: true },
  async ({ body, scope, by }) => json(await createAgent({ scope, input: body, by }), { status: 201 }),
);
