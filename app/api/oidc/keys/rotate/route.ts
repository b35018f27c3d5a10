// POST /api/oidc/keys/rotate: new active signing key; the old one stays published for its tokens
import { json, withRoute } from "@/lib/api/route";
import { rotateOidcKey } from "@/lib/oidc/service";

export const POST = withRoute({ access: { permission: "oidc:manage" } }, async ({ actor: by }) =>
  json(await rotateOidcKey(by), { status: 201 }),
);
