// GET /api/health: the process is up (no dependencies checked)
import { withRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const GET = withRoute({ access: { public: true } }, async () => ({
  status: "ok",
  uptimeSeconds: Math.round(process.uptime()),
}));
