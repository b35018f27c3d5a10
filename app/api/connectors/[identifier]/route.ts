// GET/PUT/DELETE /api/connectors/:identifier: read (JSON or ?format=yaml), update (JSON or YAML body), delete
import { connectorGetQuerySchema, connectorParamsSchema } from "@/lib/connectors/dto";
import { connectorUpdateSchema } from "@/lib/connectors/schemas";
import { deleteConnector, getConnector, getConnectorYaml, updateConnector } from "@/lib/connectors/service";
import { parseConnectorYaml } from "@/lib/connectors/yaml";
import { json, withRoute } from "@/lib/http/route";
import { etag, expectedVersion } from "@/lib/http/version";
import { valueOr422 } from "@/lib/yaml/document";

export const GET = withRoute(
  { params: connectorParamsSchema, query: connectorGetQuerySchema, scoped: true },
  async ({ params, query, scope }) => {
    if (query.format === "yaml") {
      const { yaml, version } = await getConnectorYaml(scope, params.identifier);
      return new Response(yaml, {
        headers: { "content-type": "application/yaml; charset=utf-8", etag: etag(version) },
      });
    }
    const connector = await getConnector(scope, params.identifier);
    return json(connector, { headers: { etag: etag(connector.version) } });
  },
);

/** YAML bodies are validated with line numbers so the editor can point at the offending line. */
const fromYaml = (text: string) => valueOr422(parseConnectorYaml(text, connectorUpdateSchema));

export const PUT = withRoute(
  { params: connectorParamsSchema, body: connectorUpdateSchema, fromYaml, scoped: true },
  async ({ params, body, scope, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const { version: _v, ...input } = body;
    const connector = await updateConnector({ scope, identifier: params.identifier, input, version, by });
    return json(connector, { headers: { etag: etag(connector.version) } });
  },
);

export const DELETE = withRoute({ params: connectorParamsSchema, scoped: true }, async ({ params, scope, by }) => {
  await deleteConnector({ scope, identifier: params.identifier, by });
  return new Response(null, { status: 204 });
});
