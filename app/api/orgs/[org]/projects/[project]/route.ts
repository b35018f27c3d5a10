// GET/PUT/DELETE /api/orgs/:org/projects/:project: read, rename (If-Match) or delete a project (409 naming what it holds)
import { itemRoutes } from "@/lib/api/resource-routes";
import { projectParamsSchema, projectUpdateSchema } from "@/lib/scopes/schemas";
import { deleteProject, getProject, updateProject } from "@/lib/scopes/service";

export const { GET, PUT, DELETE, OPTIONS, POST, PATCH } = itemRoutes({
  kind: "project",
  params: projectParamsSchema,
  scopeFrom: (p) => ({ org: p.org, project: p.project }),
  body: projectUpdateSchema,
  get: ({ params }) => getProject(params.org, params.project),
  update: ({ params, actor }, input, version) =>
    updateProject({ orgIdentifier: params.org, identifier: params.project, input, version, by: actor }),
  remove: ({ params, actor }) => deleteProject({ orgIdentifier: params.org, identifier: params.project, by: actor }),
});
