// GET /api/connectors: list (search, filters, sort, cursor) · POST: create a connector (JSON or YAML body)
import { collectionRoutes } from "@/lib/api/resource-routes";
import { connectorListQuerySchema } from "@/lib/connectors/dto";
import { connectorInputSchema } from "@/lib/connectors/schemas";
import { createConnector, listConnectors } from "@/lib/connectors/service";
import { connectorCreateFromYaml } from "@/lib/connectors/yaml";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "connector",
  query: connectorListQuerySchema,
  body: connectorInputSchema,
  fromYaml: connectorCreateFromYaml,
  list: ({ scope, query }) => listConnectors(scope, query),
  create: ({ scope, actor }, input) => createConnector({ scope, input, by: actor }),
});
