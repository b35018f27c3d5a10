// GET /api/delegates: every delegate (the console's own while it is on) with its connection state
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { listDelegates } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { permission: "delegate:view" } }, async () => ({
  items: await listDelegates(),
}));

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
