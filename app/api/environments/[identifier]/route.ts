// GET/PUT/DELETE /api/environments/:identifier: read, update (If-Match; JSON or YAML), delete (409 naming its definitions)
import { itemRoutes } from "@/lib/api/resource-routes";
import { environmentParamsSchema, environmentUpdateSchema } from "@/lib/environments/schemas";
import { deleteEnvironment, getEnvironment, updateEnvironment } from "@/lib/environments/service";
import { environmentToYaml, environmentUpdateFromYaml } from "@/lib/environments/yaml";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "environment",
  params: environmentParamsSchema,
  body: environmentUpdateSchema,
  fromYaml: environmentUpdateFromYaml,
  toYaml: environmentToYaml,
  get: ({ scope, params }) => getEnvironment(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateEnvironment({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteEnvironment({ scope, identifier: params.identifier, by: actor }),
});
