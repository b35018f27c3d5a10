// POST /api/delegate/v1/tasks/acquire: up to `max` tasks this delegate may run (200), or none
// within waitMs (204, ask again). The answer carries each task's secrets, for this delegate and
// that task only.
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { acquireTasks } from "@/lib/connection-test/delegated";
import { acquireSchema } from "@/lib/connection-test/delegated-schemas";
import { delegateFor } from "@/lib/delegates/service";

export const dynamic = "force-dynamic";

export const POST = withRoute({ access: { delegate: true }, body: acquireSchema }, async ({ body, actor, req }) => {
  const delegate = await delegateFor(body, actor.id);
  const tasks = await acquireTasks(delegate, body.max, body.waitMs, req.signal);
  return tasks.length
    ? json({ tasks }, { headers: { "cache-control": "no-store" } })
    : new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
