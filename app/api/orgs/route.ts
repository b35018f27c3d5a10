// GET /api/orgs: list organizations · POST /api/orgs: create one
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { organizationCreateSchema } from "@/lib/scopes/schemas";
import { createOrganization, listOrganizations } from "@/lib/scopes/service";

export const GET = withRoute({ access: { signedIn: true } }, async ({ actor }) => ({
  items: await listOrganizations(actor),
}));

export const POST = withRoute(
  { access: { permission: "org:edit" }, body: organizationCreateSchema },
  async ({ body, actor: by }) => json(await createOrganization({ input: body, by }), { status: 201 }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
