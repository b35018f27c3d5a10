// GET/PUT/DELETE /api/secrets/:identifier: metadata, replace value or metadata (If-Match), delete (409 naming its users)
import { itemRoutes } from "@/lib/api/resource-routes";
import { secretParamsSchema, secretUpdateSchema } from "@/lib/secrets/schemas";
import { deleteSecret, getSecret, updateSecret } from "@/lib/secrets/service";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "secret",
  params: secretParamsSchema,
  body: secretUpdateSchema,
  get: ({ scope, params }) => getSecret(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateSecret({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteSecret({ scope, identifier: params.identifier, by: actor }),
});
