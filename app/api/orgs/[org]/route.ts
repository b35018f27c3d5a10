// GET/PUT/DELETE /api/orgs/:org: read, rename (If-Match) or delete an organization (409 naming what it holds)
import { itemRoutes } from "@/lib/api/resource-routes";
import { organizationUpdateSchema, orgParamsSchema } from "@/lib/scopes/schemas";
import { deleteOrganization, getOrganization, updateOrganization } from "@/lib/scopes/service";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "org",
  params: orgParamsSchema,
  scopeFrom: (p) => ({ org: p.org }),
  body: organizationUpdateSchema,
  get: ({ params }) => getOrganization(params.org),
  update: ({ params, actor }, input, version) =>
    updateOrganization({ identifier: params.org, input, version, by: actor }),
  remove: ({ params, actor }) => deleteOrganization({ identifier: params.org, by: actor }),
});
