// POST /api/delegate/v1/register: a delegate process announces itself (name, tags, version, host)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { registerSchema } from "@/lib/delegates/schemas";
import { registerDelegate } from "@/lib/delegates/service";

export const POST = withRoute({ access: { delegate: true }, body: registerSchema }, async ({ body, actor }) =>
  registerDelegate(body, actor.id, actor),
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });
