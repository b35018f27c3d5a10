// PUT /api/users/:id {disabled}: disable (ends their sessions, stops their tokens) or enable a user
import { withRoute } from "@/lib/api/route";
import { idParamsSchema, userUpdateSchema } from "@/lib/auth/schemas";
import { setUserDisabled } from "@/lib/auth/users";

export const PUT = withRoute(
  { access: { permission: "user:manage" }, params: idParamsSchema, body: userUpdateSchema },
  async ({ params, body, scope, actor }) =>
    setUserDisabled({ id: params.id, disabled: body.disabled, accountId: scope.accountId, by: actor }),
);
