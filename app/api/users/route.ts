// GET /api/users?q=: users (to bind roles to; needs access:manage in the scope) · POST: create one with a set-password link
import { z } from "zod";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { userCreateSchema } from "@/lib/auth/schemas";
import { createUser, listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";
const query = z.object({ q: z.string().max(128).optional() });

export const GET = withRoute({ access: { permission: "access:manage" }, query, scoped: true }, async ({ query }) => ({
  items: await listUsers(query.q),
}));

export const POST = withRoute(
  { access: { permission: "user:manage" }, body: userCreateSchema },
  async ({ body, scope, actor }) =>
    json(await createUser({ input: body, accountId: scope.accountId, by: actor }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
