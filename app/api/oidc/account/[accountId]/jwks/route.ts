// GET /api/oidc/account/:accountId/jwks: the issuer's public signing keys (public, cacheable)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { oidcAccountParamsSchema } from "@/lib/oidc/schemas";
import { oidcJwks, PUBLIC_CACHE_HEADERS } from "@/lib/oidc/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { public: true }, params: oidcAccountParamsSchema }, async ({ params }) =>
  json(await oidcJwks(params.accountId), { headers: PUBLIC_CACHE_HEADERS }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
