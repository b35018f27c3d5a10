// PUT /api/users/:id {disabled}: disable (ends their sessions, stops their tokens) or enable a user
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { idParamsSchema, userUpdateSchema } from "@/lib/auth/schemas";
import { setUserDisabled } from "@/lib/auth/users";

export const PUT = withRoute(
  { access: { permission: "user:manage" }, params: idParamsSchema, body: userUpdateSchema },
  async ({ params, body, scope, actor }) =>
    setUserDisabled({ id: params.id, disabled: body.disabled, accountId: scope.accountId, by: actor }),
);

export const { GET, HEAD, OPTIONS, POST, PATCH, DELETE } = otherMethods({ PUT });
