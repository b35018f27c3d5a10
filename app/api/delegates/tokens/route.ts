// GET /api/delegates/tokens: delegate tokens · POST: create one (its value is in this answer only)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { delegateTokenCreateSchema } from "@/lib/delegates/schemas";
import { createDelegateToken, listDelegateTokens } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { permission: "delegate:manage" } }, async () => ({
  items: await listDelegateTokens(),
}));

export const POST = withRoute(
  { access: { permission: "delegate:manage" }, body: delegateTokenCreateSchema },
  async ({ body, actor }) =>
    json(await createDelegateToken(body.name, actor), { status: 201, headers: { "cache-control": "no-store" } }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
