// GET /api/environments: the project's environments (search, type filter) · POST: create one
import { environmentInputSchema, environmentListQuerySchema } from "@/lib/environments/schemas";
import { createEnvironment, listEnvironments } from "@/lib/environments/service";
import { json, withRoute } from "@/lib/http/route";

export const GET = withRoute({ query: environmentListQuerySchema, scoped: true }, async ({ query, scope }) =>
  listEnvironments(scope, query),
);

export const POST = withRoute({ body: environmentInputSchema, scoped: true }, async ({ body, scope, by }) =>
  json(await createEnvironment({ scope, input: body, by }), { status: 201 }),
);
