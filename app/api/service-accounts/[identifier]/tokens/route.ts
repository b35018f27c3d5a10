// GET /api/service-accounts/:identifier/tokens: its tokens · POST: create one (its value is in this answer only)
import { json, withRoute } from "@/lib/api/route";
import { tokenCreateSchema } from "@/lib/auth/schemas";
import { getServiceAccount, requireControlOf } from "@/lib/auth/service-accounts";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { serviceAccountParamsSchema as identifierParamsSchema } from "@/lib/auth/schemas";
import { scopeKey } from "@/lib/scope";

export const dynamic = "force-dynamic";
const params = identifierParamsSchema;

export const GET = withRoute(
  { access: { permission: "access:view" }, params, scoped: true },
  async ({ params, scope }) => {
    const sa = await getServiceAccount(scope, params.identifier);
    return { items: await listTokens({ kind: "serviceAccount", id: sa.id }) };
  },
);

export const POST = withRoute(
  { access: { permission: "access:manage" }, params, body: tokenCreateSchema, scoped: true },
  async ({ params, body, scope, actor }) => {
    const sa = await getServiceAccount(scope, params.identifier);
    await requireControlOf(actor, sa.id);
    const owner = { kind: "serviceAccount" as const, id: sa.id };
    const made = await createToken({ owner, input: body, auditScope: scopeKey(scope), by: actor });
    return json(made, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
