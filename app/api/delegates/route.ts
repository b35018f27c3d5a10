// GET /api/delegates: every delegate (the console's own while it is on) with its connection state
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { runningTaskCounts } from "@/lib/connection-test/delegated";
import { listDelegates } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const GET = withRoute({ access: { permission: "delegate:view" } }, async () => {
  const [items, running] = await Promise.all([listDelegates(), runningTaskCounts()]);
  return { items: items.map((d) => ({ ...d, runningTasks: running.get(d.id) ?? 0 })) };
});

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });
