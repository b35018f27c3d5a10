// GET/PUT/DELETE /api/secrets/:identifier: metadata, replace value or metadata, delete
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";
import { secretParamsSchema, secretUpdateSchema } from "@/lib/secrets/schemas";
import { deleteSecret, getSecret, updateSecret } from "@/lib/secrets/service";

export const GET = withRoute({ params: secretParamsSchema, scoped: true }, async ({ params, scope }) => {
  const secret = await getSecret(scope, params.identifier);
  return json(secret, { headers: { etag: etag(secret.version) } });
});

export const PUT = withRoute(
  { params: secretParamsSchema, body: secretUpdateSchema, scoped: true },
  async ({ params, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const secret = await updateSecret({ scope, identifier: params.identifier, input: body, version, by });
    return json(secret, { headers: { etag: etag(secret.version) } });
  },
);

export const DELETE = withRoute({ params: secretParamsSchema, scoped: true }, async ({ params, scope, by }) => {
  await deleteSecret({ scope, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
