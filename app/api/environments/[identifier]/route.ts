// GET/PUT/DELETE /api/environments/:identifier: read, update (If-Match version), delete (409 naming the definitions it holds)
import { itemRoutes } from "@/lib/api/resource-routes";
import { environmentParamsSchema, environmentUpdateSchema } from "@/lib/environments/schemas";
import { deleteEnvironment, getEnvironment, updateEnvironment } from "@/lib/environments/service";

export const { GET, PUT, DELETE } = itemRoutes({
  params: environmentParamsSchema,
  body: environmentUpdateSchema,
  get: ({ scope, params }) => getEnvironment(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateEnvironment({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteEnvironment({ scope, identifier: params.identifier, by: actor }),
});
