// POST /api/setup: the first-run form behind the one-time link; creates the first Account Admin (public)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { completeSetup } from "@/lib/auth/bootstrap";
import { setupInputSchema } from "@/lib/auth/schemas";

export const dynamic = "force-dynamic";

export const POST = withRoute({ access: { public: true }, body: setupInputSchema }, async ({ body, actor }) =>
  json(await completeSetup(body, actor), { status: 201 }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
