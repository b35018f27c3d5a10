// GET /api/me?org=&project=: who is signed in, and what they may do in that scope
import { withRoute } from "@/lib/api/route";
import { describeMe } from "@/lib/api/me";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { visible: true }, scoped: true }, ({ actor, scope }) =>
  describeMe(actor, scope),
);
