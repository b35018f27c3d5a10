// GET/PUT/DELETE /api/connectors/:identifier: read (JSON or YAML), update (If-Match; JSON or YAML body), delete
import { itemRoutes } from "@/lib/api/resource-routes";
import { connectorParamsSchema } from "@/lib/connectors/dto";
import { connectorUpdateSchema } from "@/lib/connectors/schemas";
import { connectorDtoToYaml, deleteConnector, getConnector, updateConnector } from "@/lib/connectors/service";
import { connectorUpdateFromYaml } from "@/lib/connectors/yaml";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "connector",
  params: connectorParamsSchema,
  body: connectorUpdateSchema,
  fromYaml: connectorUpdateFromYaml,
  toYaml: connectorDtoToYaml,
  get: ({ scope, params }) => getConnector(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateConnector({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteConnector({ scope, identifier: params.identifier, by: actor }),
});
