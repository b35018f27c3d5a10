// GET/PUT/DELETE /api/orgs/:org/projects/:project: read, rename or delete a project
import { etag, expectedVersion } from "@/lib/http/version";
import { json, withRoute } from "@/lib/http/route";
import { projectParamsSchema, projectUpdateSchema } from "@/lib/scopes/schemas";
import { deleteProject, getProject, updateProject } from "@/lib/scopes/service";

export const GET = withRoute({ params: projectParamsSchema }, async ({ params }) => {
  const project = await getProject(params.org, params.project);
  return json(project, { headers: { etag: etag(project.version) } });
});

export const PUT = withRoute(
  { params: projectParamsSchema, body: projectUpdateSchema },
  async ({ params, body, req, by }) => {
    const version = expectedVersion(req.headers, body.version);
    const project = await updateProject({
      orgIdentifier: params.org,
      identifier: params.project,
      input: body,
      version,
      by,
    });
    return json(project, { headers: { etag: etag(project.version) } });
  },
);

export const DELETE = withRoute({ params: projectParamsSchema }, async ({ params, by }) => {
  await deleteProject({ orgIdentifier: params.org, identifier: params.project, by });
  return new Response(null, { status: 204 });
});
