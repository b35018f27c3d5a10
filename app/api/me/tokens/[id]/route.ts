// DELETE /api/me/tokens/:id: revoke one of my tokens (it stops working at once)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { userOwner } from "@/lib/api/me";
import { idParamsSchema } from "@/lib/auth/schemas";
import { revokeToken } from "@/lib/auth/tokens";
import { scopeKey } from "@/lib/scope";

export const DELETE = withRoute(
  { access: { signedIn: true }, params: idParamsSchema },
  async ({ actor, params, scope }) =>
    revokeToken({ owner: userOwner(actor), id: params.id, auditScope: scopeKey(scope), by: actor }),
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH } = otherMethods({ DELETE });
