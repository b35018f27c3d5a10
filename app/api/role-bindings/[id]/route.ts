// DELETE /api/role-bindings/:id?org=&project=: remove a role binding
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { deleteBinding } from "@/lib/auth/bindings";
import { idParamsSchema } from "@/lib/auth/schemas";

export const DELETE = withRoute(
  { access: { permission: "access:manage" }, params: idParamsSchema, scoped: true },
  async ({ params, scope, actor }) => {
    await deleteBinding({ scope, id: params.id, by: actor });
    return new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH } = otherMethods({ DELETE });
