// POST /api/infrastructures/:identifier/resolve?environment=: the definition with runtime input values filled and checked
import {
  infrastructureItemQuerySchema,
  infrastructureParamsSchema,
  resolveRequestSchema,
} from "@/lib/infrastructures/dto";
import { resolveInfrastructureInputs } from "@/lib/infrastructures/service";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const POST = withRoute(
  {
    access: { permission: "infrastructure:view" },
    params: infrastructureParamsSchema,
    query: infrastructureItemQuerySchema,
    body: resolveRequestSchema,
    scoped: true,
  },
  async ({ params: { identifier }, query: { environment }, body: { inputs }, scope }) =>
    resolveInfrastructureInputs({ scope, environment, identifier, inputs }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
