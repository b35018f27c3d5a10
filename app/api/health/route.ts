// GET /api/health: the process is up (no dependencies checked)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";
export const GET = withRoute({ access: { public: true } }, async () => ({
  status: "ok",
  uptimeSeconds: Math.round(process.uptime()),
}));

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
