// GET /api/environments: the project's environments (search, type filter) · POST: create one (JSON or YAML body)
import { collectionRoutes } from "@/lib/api/resource-routes";
import { environmentInputSchema, environmentListQuerySchema } from "@/lib/environments/schemas";
import { createEnvironment, listEnvironments } from "@/lib/environments/service";
import { environmentCreateFromYaml } from "@/lib/environments/yaml";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "environment",
  query: environmentListQuerySchema,
  body: environmentInputSchema,
  fromYaml: environmentCreateFromYaml,
  list: ({ scope, query }) => listEnvironments(scope, query),
  create: ({ scope, actor }, input) => createEnvironment({ scope, input, by: actor }),
});
