// GET /api/aws/eks/kubeconfig?connectorRef=&cluster=[&region=]: a kubeconfig (exec credential, no secrets) to download
import { kubeconfigForConnector } from "@/lib/eks/lookup-service";
import { clusterLookupQuerySchema } from "@/lib/eks/lookup-schemas";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const GET = withRoute(
  { access: { permission: "connector:test" }, query: clusterLookupQuerySchema, scoped: true, limit: "lookup" },
  async ({ query, scope, req }) => {
    const { yaml, fileName } = await kubeconfigForConnector(scope, query, req.signal);
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
