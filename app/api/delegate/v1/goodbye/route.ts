// POST /api/delegate/v1/goodbye: a delegate stopping on purpose (shown as stopped, not lost)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { goodbyeSchema } from "@/lib/delegates/schemas";
import { heartbeat } from "@/lib/delegates/service";

export const POST = withRoute({ access: { delegate: true }, body: goodbyeSchema }, async ({ body, actor }) => {
  await heartbeat({ ...body, running: [] }, actor.id, true);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
