// GET /api/secrets: list secrets of a scope (metadata only) · POST: create one
import { json, withRoute } from "@/lib/http/route";
import { secretCreateSchema, secretListQuerySchema } from "@/lib/secrets/schemas";
import { createSecret, listSecrets } from "@/lib/secrets/service";

export const GET = withRoute({ query: secretListQuerySchema, scoped: true }, async ({ query, scope }) => ({
  items: await listSecrets({ scope, q: query.q, includeParents: query.includeParents === "true" }),
}));

export const POST = withRoute({ body: secretCreateSchema, scoped: true }, async ({ body, scope, by }) =>
  json(await createSecret({ scope, input: body, by }), { status: 201 }),
);
