// GET /api/ready: database reachable and schema migrated (503 problem+json otherwise)
import { checkReadiness } from "@/lib/health/service";
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";
export const GET = withRoute({ access: { public: true } }, () => checkReadiness());

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
