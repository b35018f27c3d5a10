// GET/PUT/DELETE /api/orgs/:org: read, rename or delete an organization
import { etag, expectedVersion } from "@/lib/http/version";
import { json, withRoute } from "@/lib/http/route";
import { organizationUpdateSchema, orgParamsSchema } from "@/lib/scopes/schemas";
import { deleteOrganization, getOrganization, updateOrganization } from "@/lib/scopes/service";

export const GET = withRoute({ params: orgParamsSchema }, async ({ params }) => {
  const org = await getOrganization(params.org);
  return json(org, { headers: { etag: etag(org.version) } });
});

export const PUT = withRoute(
  { params: orgParamsSchema, body: organizationUpdateSchema },
  async ({ params, body, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const org = await updateOrganization({ identifier: params.org, input: body, version, by });
    return json(org, { headers: { etag: etag(org.version) } });
  },
);

export const DELETE = withRoute({ params: orgParamsSchema }, async ({ params, by }) => {
  await deleteOrganization({ identifier: params.org, by });
  return new Response(null, { status: 204 });
});
