// GET /api/ready: database reachable and schema migrated (503 problem+json otherwise)
import { checkReadiness } from "@/lib/health/service";
import { withRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = withRoute({ access: { public: true } }, () => checkReadiness());
