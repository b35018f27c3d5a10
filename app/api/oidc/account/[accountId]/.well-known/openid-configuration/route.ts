// GET /api/oidc/account/:accountId/.well-known/openid-configuration: OIDC discovery (public, cacheable)
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { oidcAccountParamsSchema } from "@/lib/oidc/schemas";
import { oidcDiscovery, PUBLIC_CACHE_HEADERS } from "@/lib/oidc/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { public: true }, params: oidcAccountParamsSchema }, async ({ params, req }) =>
  json(oidcDiscovery(params.accountId, new URL(req.url).origin), { headers: PUBLIC_CACHE_HEADERS }),
);

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
