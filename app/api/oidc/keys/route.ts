// GET /api/oidc/keys: the issuer's signing keys (kid, dates, active), never private material
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { listOidcKeys } from "@/lib/oidc/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { permission: "oidc:view" } }, async () => ({ items: await listOidcKeys() }));

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
