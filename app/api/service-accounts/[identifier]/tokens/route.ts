// GET /api/service-accounts/:identifier/tokens: its tokens · POST: create one (its value is in this answer only)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { serviceAccountParamsSchema as params, tokenCreateSchema } from "@/lib/auth/schemas";
import { requireControlOf, serviceAccountOwner } from "@/lib/auth/service-accounts";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { scopeKey } from "@/lib/scope";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "access:view" }, params, scoped: true },
  async ({ params, scope }) => ({ items: await listTokens(await serviceAccountOwner(scope, params.identifier)) }),
);

export const POST = withRoute(
  { access: { permission: "access:manage" }, params, body: tokenCreateSchema, scoped: true },
  async ({ params, body, scope, actor }) => {
    const owner = await serviceAccountOwner(scope, params.identifier);
    await requireControlOf(actor, owner.id);
    const made = await createToken({ owner, input: body, auditScope: scopeKey(scope), by: actor });
    return json(made, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
