// GET /api/role-bindings?org=&project=: who has which role at this scope · POST: bind a role
import { z } from "zod";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { createBinding, listBindings } from "@/lib/auth/bindings";
import { roleBindingCreateSchema } from "@/lib/auth/schemas";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "access:view" }, query: z.object({}), scoped: true },
  async ({ scope }) => ({
    items: await listBindings(scope),
  }),
);

export const POST = withRoute(
  { access: { permission: "access:manage" }, body: roleBindingCreateSchema, scoped: true },
  async ({ body, scope, actor }) => json(await createBinding({ scope, input: body, by: actor }), { status: 201 }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
