// DELETE /api/delegates/tokens/:id: revoke a delegate token (its delegates are refused from then on)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { idParamsSchema } from "@/lib/auth/schemas";
import { revokeDelegateToken } from "@/lib/delegates/service";

export const DELETE = withRoute(
  { access: { permission: "delegate:manage" }, params: idParamsSchema },
  async ({ params, actor }) => revokeDelegateToken(params.id, actor),
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH } = otherMethods({ DELETE });
