// POST /api/delegate/v1/tasks/acquire: the next task this delegate may run (200), or none within
// waitMs (204, ask again). The answer carries the task's secrets, for this delegate and task only.
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { acquireTask } from "@/lib/connection-test/delegated";
import { acquireSchema } from "@/lib/connection-test/delegated-schemas";
import { delegateFor } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const POST = withRoute({ access: { delegate: true }, body: acquireSchema }, async ({ body, actor, req }) => {
  const delegate = await delegateFor(body, actor.id);
  const task = await acquireTask(delegate, body.waitMs, req.signal);
  return task ? json({ task }, { headers: { "cache-control": "no-store" } }) : new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
