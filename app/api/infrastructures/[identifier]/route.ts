// GET/PUT/DELETE /api/infrastructures/:identifier?environment=: read, update (If-Match), delete; JSON or YAML
import { itemRoutes, type ItemContext } from "@/lib/api/resource-routes";
import { infrastructureItemQuerySchema, infrastructureParamsSchema } from "@/lib/infrastructures/dto";
import { infrastructureUpdateSchema } from "@/lib/infrastructures/schemas";
import * as s from "@/lib/infrastructures/service";
import { infrastructureUpdateFromYaml } from "@/lib/infrastructures/yaml";

type Ctx = ItemContext<{ identifier: string }, { environment: string }>;
const at = (c: Ctx) => ({ scope: c.scope, environment: c.query.environment, identifier: c.params.identifier });

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "infrastructure",
  params: infrastructureParamsSchema,
  query: infrastructureItemQuerySchema,
  body: infrastructureUpdateSchema,
  fromYaml: infrastructureUpdateFromYaml,
  toYaml: s.infrastructureDtoToYaml,
  get: (c) => s.getInfrastructure(c.scope, c.query.environment, c.params.identifier),
  update: (c, input, version) => s.updateInfrastructure({ ...at(c), input, version, by: c.actor }),
  remove: (c) => s.deleteInfrastructure({ ...at(c), by: c.actor }),
});
