// POST /api/oidc/keys/rotate: new active signing key; the old one stays published for its tokens
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { rotateOidcKey } from "@/lib/oidc/service";

export const POST = withRoute({ access: { permission: "oidc:manage" } }, async ({ actor: by }) =>
  json(await rotateOidcKey(by), { status: 201 }),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
