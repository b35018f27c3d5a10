// POST /api/delegate/v1/heartbeat: a registered delegate is still there (409: register again)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { heartbeatSchema } from "@/lib/delegates/schemas";
import { renewLeases } from "@/lib/connection-test/delegated";
import { heartbeat } from "@/lib/delegates/service";

export const POST = withRoute({ access: { delegate: true }, body: heartbeatSchema }, async ({ body, actor }) => {
  await heartbeat(body, actor.id);
  await renewLeases(body.delegateId, body.running);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
