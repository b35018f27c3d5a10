// GET /api/oidc/keys: the issuer's signing keys (kid, dates, active), never private material
import { withRoute } from "@/lib/api/route";
import { listOidcKeys } from "@/lib/oidc/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { permission: "oidc:view" } }, async () => ({ items: await listOidcKeys() }));
