// GET/PUT/DELETE /api/gitops/clusters/:identifier: read (JSON or ?format=yaml), update (JSON or YAML, If-Match), delete
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";
import { gitopsClusterUpdateSchema, gitopsGetQuerySchema, gitopsParamsSchema } from "@/lib/gitops/schemas";
import { deleteCluster, getCluster, getClusterYaml, updateCluster } from "@/lib/gitops/service";
import { clusterFromYaml } from "@/lib/gitops/yaml";

export const GET = withRoute(
  { params: gitopsParamsSchema, query: gitopsGetQuerySchema, scoped: true },
  async ({ params, query, scope }) => {
    if (query.format === "yaml") {
      const { yaml, version } = await getClusterYaml(scope, params.identifier);
      return new Response(yaml, {
        headers: { "content-type": "application/yaml; charset=utf-8", etag: etag(version) },
      });
    }
    const cluster = await getCluster(scope, params.identifier);
    return json(cluster, { headers: { etag: etag(cluster.version) } });
  },
);

export const PUT = withRoute(
  { params: gitopsParamsSchema, body: gitopsClusterUpdateSchema, fromYaml: clusterFromYaml, scoped: true },
  async ({ params, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const { version: _v, ...input } = body;
    const cluster = await updateCluster({ scope, identifier: params.identifier, input, version, by });
    return json(cluster, { headers: { etag: etag(cluster.version) } });
  },
);

export const DELETE = withRoute({ params: gitopsParamsSchema, scoped: true }, async ({ params, scope, by }) => {
  await deleteCluster({ scope, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
