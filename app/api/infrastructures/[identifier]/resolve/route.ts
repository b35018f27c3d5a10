// POST /api/infrastructures/:identifier/resolve?environment=: the definition with runtime input values filled and checked
import {
  infrastructureItemQuerySchema,
  infrastructureParamsSchema,
  resolveRequestSchema,
} from "@/lib/infrastructures/dto";
import { resolveInfrastructureInputs } from "@/lib/infrastructures/service";
import { withRoute } from "@/lib/api/route";

export const POST = withRoute(
  {
    access: { permission: "infrastructure:view" },
    params: infrastructureParamsSchema,
    query: infrastructureItemQuerySchema,
    body: resolveRequestSchema,
    scoped: true,
  },
  async ({ params, query, body, scope }) =>
    resolveInfrastructureInputs({
      scope,
      environment: query.environment,
      identifier: params.identifier,
      inputs: body.inputs,
    }),
);
