// GET /api/orgs/:org/projects: list projects · POST: create one
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { orgParamsSchema, projectCreateSchema } from "@/lib/scopes/schemas";
import { createProject, listProjects } from "@/lib/scopes/service";

const scopeFrom = (p: { org: string }) => ({ org: p.org });

export const GET = withRoute(
  { access: { visible: true }, params: orgParamsSchema, scopeFrom },
  async ({ params, actor }) => ({
    items: await listProjects(params.org, actor),
  }),
);

export const POST = withRoute(
  { access: { permission: "project:edit" }, params: orgParamsSchema, scopeFrom, body: projectCreateSchema },
  async ({ params, body, actor: by }) =>
    json(await createProject({ orgIdentifier: params.org, input: body, by }), { status: 201 }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
