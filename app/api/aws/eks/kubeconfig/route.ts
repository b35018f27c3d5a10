// GET /api/aws/eks/kubeconfig?connectorRef=&cluster=[&region=]: a kubeconfig (exec credential, no secrets) to download
import { delegatedLookup } from "@/lib/connection-test/delegated";
import { kubeconfigForConnector } from "@/lib/eks/lookup-service";
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req, actor }) => {
    // Built on a delegate when one runs the connector's lookups (DescribeCluster with its identity), else here.
    const { yaml, fileName } = await delegatedLookup({
      scope,
      ref: query.connectorRef,
      input: {
        what: "kubeconfig",
        cluster: query.cluster,
        ref: query.connectorRef,
        ...(query.region ? { region: query.region } : {}),
      },
      by: actor,
      signal: req.signal,
      here: () => kubeconfigForConnector(scope, query, req.signal),
    });
    return new Response(yaml, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  },
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
