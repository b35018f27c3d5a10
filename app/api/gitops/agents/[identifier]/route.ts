// GET/PUT/DELETE /api/gitops/agents/:identifier: read (JSON or ?format=yaml), update (JSON or YAML, If-Match), delete
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";
import { gitopsAgentUpdateSchema, gitopsGetQuerySchema, gitopsParamsSchema } from "@/lib/gitops/schemas";
import { deleteAgent, getAgent, getAgentYaml, updateAgent } from "@/lib/gitops/service";
import { agentFromYaml } from "@/lib/gitops/yaml";

export const GET = withRoute(
  { params: gitopsParamsSchema, query: gitopsGetQuerySchema, scoped: true },
  async ({ params, query, scope }) => {
    if (query.format === "yaml") {
      const { yaml, version } = await getAgentYaml(scope, params.identifier);
      return new Response(yaml, {
        headers: { "content-type": "application/yaml; charset=utf-8", etag: etag(version) },
      });
    }
    const agent = await getAgent(scope, params.identifier);
    return json(agent, { headers: { etag: etag(agent.version) } });
  },
);

export const PUT = withRoute(
  { params: gitopsParamsSchema, body: gitopsAgentUpdateSchema, fromYaml: agentFromYaml, scoped: true },
  async ({ params, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const { version: _v, ...input } = body;
    const agent = await updateAgent({ scope, identifier: params.identifier, input, version, by });
    return json(agent, { headers: { etag: etag(agent.version) } });
  },
);

export const DELETE = withRoute({ params: gitopsParamsSchema, scoped: true }, async ({ params, scope, by }) => {
  await deleteAgent({ scope, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
