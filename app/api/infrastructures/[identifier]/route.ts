// GET/PUT/DELETE /api/infrastructures/:identifier?environment=: read (JSON or YAML), update (If-Match; JSON or YAML body), delete
import { infrastructureItemQuerySchema, infrastructureParamsSchema } from "@/lib/infrastructures/dto";
import { fromInfrastructureYaml, wantsYaml } from "@/lib/infrastructures/http";
import { infrastructureUpdateSchema } from "@/lib/infrastructures/schemas";
import {
  deleteInfrastructure,
  getInfrastructure,
  getInfrastructureYaml,
  updateInfrastructure,
} from "@/lib/infrastructures/service";
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";

const def = { params: infrastructureParamsSchema, query: infrastructureItemQuerySchema, scoped: true } as const;

export const GET = withRoute(def, async ({ params, query, scope, req }) => {
  if (wantsYaml(query.format, req.headers)) {
    const { yaml, version } = await getInfrastructureYaml(scope, query.environment, params.identifier);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", etag: etag(version) } });
  }
  const infrastructure = await getInfrastructure(scope, query.environment, params.identifier);
  return json(infrastructure, { headers: { etag: etag(infrastructure.version) } });
});

export const PUT = withRoute(
  {
    ...def,
    body: infrastructureUpdateSchema,
    fromYaml: (text) => fromInfrastructureYaml(text, infrastructureUpdateSchema),
  },
  async ({ params, query, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const { version: _v, ...input } = body;
    const infrastructure = await updateInfrastructure({
      scope,
      environment: query.environment,
      identifier: params.identifier,
      input,
      version,
      by,
    });
    return json(infrastructure, { headers: { etag: etag(infrastructure.version) } });
  },
);

export const DELETE = withRoute(def, async ({ params, query, scope, by }) => {
  await deleteInfrastructure({ scope, environment: query.environment, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
