// GET /api/infrastructures: the project's definitions (?environment=, search, cursor) · POST: create one (JSON or YAML body)
import { infrastructureListQuerySchema } from "@/lib/infrastructures/dto";
import { fromInfrastructureYaml } from "@/lib/infrastructures/http";
import { infrastructureInputSchema } from "@/lib/infrastructures/schemas";
import { createInfrastructure, listInfrastructures } from "@/lib/infrastructures/service";
import { json, withRoute } from "@/lib/http/route";

export const GET = withRoute({ query: infrastructureListQuerySchema, scoped: true }, async ({ query, scope }) =>
  listInfrastructures(scope, query),
);

export const POST = withRoute(
  {
    body: infrastructureInputSchema,
    fromYaml: (text) => fromInfrastructureYaml(text, infrastructureInputSchema),
    scoped: true,
  },
  async ({ body, scope, by }) => json(await createInfrastructure({ scope, input: body, by }), { status: 201 }),
);
