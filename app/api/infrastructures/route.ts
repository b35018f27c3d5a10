// GET /api/infrastructures: the project's definitions (?environment=, search, cursor) · POST: create one (JSON or YAML body)
import { collectionRoutes } from "@/lib/api/resource-routes";
import { infrastructureListQuerySchema } from "@/lib/infrastructures/dto";
import { infrastructureInputSchema } from "@/lib/infrastructures/schemas";
import { createInfrastructure, listInfrastructures } from "@/lib/infrastructures/service";
import { infrastructureCreateFromYaml } from "@/lib/infrastructures/yaml";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "infrastructure",
  query: infrastructureListQuerySchema,
  body: infrastructureInputSchema,
  fromYaml: infrastructureCreateFromYaml,
  list: ({ scope, query }) => listInfrastructures(scope, query),
  create: ({ scope, actor }, input) => createInfrastructure({ scope, input, by: actor }),
});
