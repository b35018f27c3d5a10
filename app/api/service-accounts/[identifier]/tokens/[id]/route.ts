// DELETE /api/service-accounts/:identifier/tokens/:id: revoke a service account's token
import { z } from "zod";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { getServiceAccount } from "@/lib/auth/service-accounts";
import { revokeToken } from "@/lib/auth/tokens";
import { serviceAccountParamsSchema as identifierParamsSchema } from "@/lib/auth/schemas";
import { scopeKey } from "@/lib/scope";

const params = identifierParamsSchema.extend({ id: z.string().min(1).max(64) });

export const DELETE = withRoute(
  { access: { permission: "access:manage" }, params, scoped: true },
  async ({ params, scope, actor }) => {
    const sa = await getServiceAccount(scope, params.identifier);
    const owner = { kind: "serviceAccount" as const, id: sa.id };
    return revokeToken({ owner, id: params.id, auditScope: scopeKey(scope), by: actor });
  },
);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH } = otherMethods({ DELETE });
