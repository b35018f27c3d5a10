// GET /api/secrets: list secrets of a scope (metadata only) · POST: create one
import { collectionRoutes } from "@/lib/api/resource-routes";
import { secretCreateSchema, secretListQuerySchema } from "@/lib/secrets/schemas";
import { createSecret, listSecrets } from "@/lib/secrets/service";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "secret",
  query: secretListQuerySchema,
  body: secretCreateSchema,
  list: async ({ scope, query }) => ({
    items: await listSecrets({ scope, q: query.q, includeParents: query.includeParents === "true" }),
  }),
  create: ({ scope, actor }, input) => createSecret({ scope, input, by: actor }),
});
