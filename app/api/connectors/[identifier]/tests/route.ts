// GET /api/connectors/:identifier/tests: the connector's test history, newest first
import { z } from "zod";
import { connectorParamsSchema } from "@/lib/connectors/dto";
import { listConnectorTests } from "@/lib/connection-test/service";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  org: z.string().optional(),
  project: z.string().optional(),
});

export const GET = withRoute(
  { access: { permission: "connector:view" }, params: connectorParamsSchema, query, scoped: true },
  async ({ params, query, scope }) => ({
    items: await listConnectorTests({ scope, identifier: params.identifier, limit: query.limit }),
  }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
