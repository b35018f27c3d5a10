// GET/PUT/DELETE /api/gitops/clusters/:identifier: read (JSON or YAML), update (If-Match; JSON or YAML body), delete
import { itemRoutes } from "@/lib/api/resource-routes";
import { gitopsClusterUpdateSchema, gitopsParamsSchema } from "@/lib/gitops/schemas";
import { clusterDtoToYaml, deleteCluster, getCluster, updateCluster } from "@/lib/gitops/service";
import { clusterFromYaml } from "@/lib/gitops/yaml";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "gitops_cluster",
  params: gitopsParamsSchema,
  body: gitopsClusterUpdateSchema,
  fromYaml: clusterFromYaml,
  toYaml: clusterDtoToYaml,
  get: ({ scope, params }) => getCluster(scope, params.identifier),
  update: ({ scope, params, actor }, input, version) =>
    updateCluster({ scope, identifier: params.identifier, input, version, by: actor }),
  remove: ({ scope, params, actor }) => deleteCluster({ scope, identifier: params.identifier, by: actor }),
});
