// POST /api/users/:id/password-link: a new one-time set-password link (valid a day)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { idParamsSchema } from "@/lib/auth/schemas";
import { newSetPasswordLink } from "@/lib/auth/users";

export const POST = withRoute(
  { access: { permission: "user:manage" }, params: idParamsSchema },
  async ({ params, scope, actor }) => newSetPasswordLink({ id: params.id, accountId: scope.accountId, by: actor }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
