// DELETE /api/service-accounts/:identifier: delete a service account with its tokens and role bindings
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { deleteServiceAccount } from "@/lib/auth/service-accounts";
import { serviceAccountParamsSchema as identifierParamsSchema } from "@/lib/auth/schemas";

export const DELETE = withRoute(
  { access: { permission: "access:manage" }, params: identifierParamsSchema, scoped: true },
  async ({ params, scope, actor }) => {
    await deleteServiceAccount({ scope, identifier: params.identifier, by: actor });
    return new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH } = otherMethods({ DELETE });
