// GET/PUT/DELETE /api/environments/:identifier: read, update (If-Match version), delete (409 while it holds definitions)
import { environmentParamsSchema, environmentUpdateSchema } from "@/lib/environments/schemas";
import { deleteEnvironment, getEnvironment, updateEnvironment } from "@/lib/environments/service";
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";

export const GET = withRoute({ params: environmentParamsSchema, scoped: true }, async ({ params, scope }) => {
  const environment = await getEnvironment(scope, params.identifier);
  return json(environment, { headers: { etag: etag(environment.version) } });
});

export const PUT = withRoute(
  { params: environmentParamsSchema, body: environmentUpdateSchema, scoped: true },
  async ({ params, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const { version: _v, ...input } = body;
    const environment = await updateEnvironment({ scope, identifier: params.identifier, input, version, by });
    return json(environment, { headers: { etag: etag(environment.version) } });
  },
);

export const DELETE = withRoute({ params: environmentParamsSchema, scoped: true }, async ({ params, scope, by }) => {
  await deleteEnvironment({ scope, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
