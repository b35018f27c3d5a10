// GET /api/service-accounts?org=&project=: service accounts at this scope · POST: create one
import { z } from "zod";
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { serviceAccountCreateSchema } from "@/lib/auth/schemas";
import { createServiceAccount, listServiceAccounts } from "@/lib/auth/service-accounts";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  { access: { permission: "access:view" }, query: z.object({}), scoped: true },
  async ({ scope }) => ({
    items: await listServiceAccounts(scope),
  }),
);

export const POST = withRoute(
  { access: { permission: "access:manage" }, body: serviceAccountCreateSchema, scoped: true },
  async ({ body, scope, actor }) =>
    json(await createServiceAccount({ scope, input: body, by: actor }), { status: 201 }),
);

export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
