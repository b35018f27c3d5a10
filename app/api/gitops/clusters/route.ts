// GET /api/gitops/clusters: the project's GitOps clusters · POST: create one (JSON or YAML body)
import { collectionRoutes } from "@/lib/api/resource-routes";
import { gitopsClusterInputSchema, gitopsClusterListQuerySchema } from "@/lib/gitops/schemas";
import { createCluster, listClusters } from "@/lib/gitops/service";
import { clusterCreateFromYaml } from "@/lib/gitops/yaml";

export const { GET, POST, OPTIONS, PUT, PATCH, DELETE } = collectionRoutes({
  kind: "gitops_cluster",
  query: gitopsClusterListQuerySchema,
  body: gitopsClusterInputSchema,
  fromYaml: clusterCreateFromYaml,
  list: ({ scope, query }) => listClusters(scope, query),
  create: ({ scope, actor }, input) => createCluster({ scope, input, by: actor }),
});
