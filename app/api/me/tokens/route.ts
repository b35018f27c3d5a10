// GET /api/me/tokens: my personal API tokens · POST: create one (its value is in this answer only)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { userOwner } from "@/lib/api/me";
import { tokenCreateSchema } from "@/lib/auth/schemas";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { scopeKey } from "@/lib/scope";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { signedIn: true } }, async ({ actor }) => ({
  items: await listTokens(userOwner(actor)),
}));

export const POST = withRoute({ access: { signedIn: true }, body: tokenCreateSchema }, async ({ actor, body, scope }) =>
  json(await createToken({ owner: userOwner(actor), input: body, auditScope: scopeKey(scope), by: actor }), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
