// GET /api/orgs/:org/projects: list projects · POST: create one
import { json, withRoute } from "@/lib/api/route";
import { orgParamsSchema, projectCreateSchema } from "@/lib/scopes/schemas";
import { createProject, listProjects } from "@/lib/scopes/service";

export const GET = withRoute({ params: orgParamsSchema }, async ({ params }) => ({
  items: await listProjects(params.org),
}));

export const POST = withRoute(
  { params: orgParamsSchema, body: projectCreateSchema },
  async ({ params, body, actor: by }) =>
    json(await createProject({ orgIdentifier: params.org, input: body, by }), { status: 201 }),
);
