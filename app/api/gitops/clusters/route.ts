// GET /api/gitops/clusters: the project's GitOps clusters (?agent= &status= filters) · POST: create one (JSON or YAML)
import { json, withRoute } from "@/lib/http/route";
import { gitopsClusterInputSchema, gitopsClusterListQuerySchema } from "@/lib/gitops/schemas";
import { createCluster, listClusters } from "@/lib/gitops/service";
import { clusterCreateFromYaml } from "@/lib/gitops/yaml";

export const GET = withRoute({ query: gitopsClusterListQuerySchema, scoped: true }, async ({ query, scope }) =>
  listClusters(scope, query),
);

export const POST = withRoute(
  { body: gitopsClusterInputSchema, fromYaml: clusterCreateFromYaml, scoped: true },
  async ({ body, scope, by }) => json(await createCluster({ scope, input: body, by }), { status: 201 }),
);
